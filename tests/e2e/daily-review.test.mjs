// Journeys: the daily challenge (once a day, a spoiler-free result to copy) and spaced review
// of the questions just missed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

let env;
before(async () => {
  env = await start();
  await env.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.baseUrl });
});
after(async () => env?.close());

test("the daily challenge runs once a day and shares a spoiler-free result", async () => {
  const page = await openPage(env.context);
  // A fixed local clock: "today" must not change under the test (CI once crossed midnight
  // between finishing the challenge and coming back, and was rightly offered a new one).
  await page.clock.setFixedTime(new Date(2026, 2, 14, 23, 58));
  const app = new App(page, env.baseUrl);
  await app.open("/");
  await app.link(/Daily challenge/).click();
  const quiz = new Quiz(page);
  assert.equal((await quiz.current()).total, 5);
  await quiz.finishWithDontKnow();

  const share = await page.locator(".share-text").textContent();
  assert.match(share, /^Prepwise daily \d{4}-\d{2}-\d{2}: 0\/5 (🟥){5}$/);
  await page.getByRole("button", { name: "Copy result" }).click();
  await page.getByText("Copied to the clipboard").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), share);

  await app.open("/");
  await app.link(/Daily challenge/).click();
  await app.heading("Done for today").waitFor();
  assert.match(await page.locator(".eyebrow").textContent(), /2026-03-14/);

  // After local midnight a new challenge is offered.
  await page.clock.setFixedTime(new Date(2026, 2, 15, 0, 1));
  await app.open("/");
  await app.link(/Daily challenge/).click();
  assert.equal((await quiz.current()).total, 5);
  assert.match(await page.locator(".eyebrow").textContent(), /2026-03-15/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Runs after the daily challenge above (same browser profile): its 5 misses are open mistakes.
test("missed questions come back for review", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/");
  await page.getByRole("link", { name: /5 recent mistakes to practise/ }).click();
  await app.heading("Recent mistakes (5)").waitFor();
  await page.getByRole("button", { name: "Practise 5 mistakes" }).click();
  const quiz = new Quiz(page);
  assert.equal((await quiz.current()).total, 5);
  await quiz.answerWithKeys(1);
  await quiz.next();
  await quiz.finishWithDontKnow();
  assert.deepEqual(page.problems, []);
  await page.close();
});
