// Interview mode's open questions at 360×640, as a learner meets them: listed on a topic page,
// answered out loud with the countdown running (pausable), revealed, key points ticked with the
// keyboard only, the follow-ups shown after; the answer is saved (it counts on Stats and brings
// the question into review when points were missed); recording is offered only where a
// microphone exists (Chromium's fake one), plays back, and can be deleted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";

const SHOTS = resolve(process.env.PREPWISE_SCREENSHOTS ?? "target/screenshots");

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("an open question: countdown, reveal, tick key points with the keyboard, follow-ups", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);

  await app.open("/topic/python-fundamentals");
  await page.getByRole("heading", { name: "Interview questions" }).waitFor();
  const first = page.locator(".question-list").first().getByRole("link").first();
  const prompt = (await first.textContent()).trim();
  assert.ok(prompt.length > 10, "an interview question is listed by its prompt");
  await first.click();

  await page.getByText("Interview question · answer out loud").waitFor();
  assert.equal((await page.locator("#question-prompt").textContent()).trim(), prompt);
  // The suggested time counts down, can be paused, and never stops anything.
  const clock = page.locator(".countdown-time");
  const startText = await clock.textContent();
  assert.match(startText, /^\d+:\d\d left$/);
  await page.waitForFunction((t) => document.querySelector(".countdown-time")?.textContent !== t, startText);
  await page.getByRole("button", { name: "Pause" }).click();
  const paused = await clock.textContent();
  await page.waitForTimeout(1500);
  assert.equal(await clock.textContent(), paused, "paused, the countdown holds");
  await page.getByRole("button", { name: "Resume" }).click();
  // No checklist and no model answer before the reveal; the notes box is there.
  assert.equal(await page.locator("fieldset.points").count(), 0);
  await page.getByLabel("Say your answer out loud, or type notes").waitFor();
  assert.equal(await page.getByRole("button", { name: "Check" }).count(), 0);

  // Keyboard only: Enter reveals (focus is on the question, not in the notes box).
  await page.locator("#question-prompt").focus();
  await page.keyboard.press("Enter");
  await page.getByRole("group", { name: "Key points" }).waitFor();
  await page.getByRole("heading", { name: "Model answer" }).waitFor();
  const points = page.locator("fieldset.points li");
  const total = await points.count();
  assert.ok(total >= 3 && total <= 6, `3 to 6 key points, got ${total}`);
  assert.equal(await page.getByRole("heading", { name: "What they might ask next" }).count(), 0, "follow-ups come after");
  await page.keyboard.press("1");
  await page.keyboard.press("3");
  await page.keyboard.press("3"); // untick
  await page.keyboard.press("2");
  await page.getByRole("button", { name: `Confirm · 2 of ${total}` }).waitFor();
  await page.keyboard.press("Enter");
  const status = page.getByRole("status");
  await status.filter({ hasText: `2 of ${total} key points covered.` }).waitFor();
  assert.match(await status.textContent(), /Partly covered|Here is a model answer/);
  assert.equal(await page.locator("fieldset.points li.correct").count(), 2);
  assert.equal(await page.locator("fieldset.points li.missed").count(), total - 2);
  await page.getByRole("heading", { name: "What they might ask next" }).waitFor();
  assert.ok((await page.locator(".follow-ups li").count()) >= 1);
  // The verdict and the way on stay on screen at 360×640.
  const bar = await page.locator(".action-bar").boundingBox();
  assert.ok(bar && bar.y + bar.height <= 640, "the action bar is on screen");

  // Saved: Stats counts it, and review brings it back (points were missed).
  await app.open("/stats");
  await page.getByText(/^1 answer on 1 day/).first().waitFor();
  await app.open("/review");
  await page.getByRole("heading", { name: /Recent mistakes \(1\)/ }).waitFor();
});

test("'I don't know' on an open question shows the model answer and counts nothing covered", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/topic/ml-fundamentals");
  await page.getByRole("heading", { name: "Interview questions" }).waitFor();
  await page.locator(".question-list").first().getByRole("link").first().click();
  await page.getByText("Interview question · answer out loud").waitFor();
  await page.getByRole("button", { name: "I don't know" }).click();
  await page.getByRole("status").filter({ hasText: "Here is a model answer" }).waitFor();
  await page.getByRole("heading", { name: "Model answer" }).waitFor();
  assert.equal(await page.locator("fieldset.points li.correct").count(), 0);
  await page.reload();
  await page.getByRole("heading", { level: 1 }).first().waitFor();
});

test("recording is not offered without a microphone", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/question/pyf-501");
  await page.getByText("Interview question · answer out loud").waitFor();
  // The check for a microphone is asynchronous: give it time to answer, then look.
  await page.waitForTimeout(1000);
  assert.equal(await page.getByRole("button", { name: "Record your answer" }).count(), 0);
  assert.deepEqual(page.problems, []);
});

test("with a microphone: record, play back beside the key points, delete", async () => {
  const mic = await start({ args: ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"] });
  try {
    const page = await openPage(mic.context);
    const app = new App(page, mic.baseUrl);
    await app.open("/question/pyf-501");
    await page.getByText("Recordings stay on this device, in this page only: never uploaded, not saved, not in backups.").waitFor();
    await page.getByRole("button", { name: "Record your answer" }).click();
    await page.getByRole("button", { name: "Stop recording" }).waitFor();
    await page.waitForTimeout(1200);
    await page.getByRole("button", { name: "Stop recording" }).click();
    const audio = page.getByLabel("Your recorded answer");
    await audio.waitFor();
    assert.match(await audio.getAttribute("src"), /^blob:/);
    const seconds = await audio.evaluate((el) => new Promise((ok) => {
      if (el.readyState >= 1) ok(el.duration);
      el.addEventListener("loadedmetadata", () => ok(el.duration), { once: true });
      el.addEventListener("error", () => ok(-1), { once: true });
    }));
    assert.ok(seconds !== -1, "the recording loads under the page's CSP (media-src blob:)");
    // For a reviewer's eye, like screens.test.mjs's shots.
    await mkdir(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "open-recording-360x640-light.png"), animations: "disabled", caret: "hide" });
    // Still there after the reveal, beside the key points.
    await page.getByRole("button", { name: "Reveal" }).click();
    await page.getByRole("group", { name: "Key points" }).waitFor();
    assert.equal(await audio.count(), 1);
    await page.getByRole("button", { name: "Delete recording" }).click();
    await page.getByRole("button", { name: "Record your answer" }).waitFor();
    assert.equal(await audio.count(), 0);
    assert.deepEqual(page.problems, []);
  } finally {
    await mic.close();
  }
});

test("a topic test ends with an open question, unless Settings turns it off", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const quiz = new Quiz(page);
  const lastKind = async () => {
    await app.open("/topic/statistics");
    await app.startTest().click();
    for (let n = 1; n < 5; n++) {
      assert.equal((await quiz.current()).n, n);
      assert.equal(await quiz.isOpen(), false, `question ${n} is multiple choice`);
      await quiz.dontKnow();
      await quiz.next();
    }
    assert.equal((await quiz.current()).n, 5);
    const open = await quiz.isOpen();
    await quiz.answerWithKeys(1);
    await quiz.next();
    await page.getByRole("heading", { name: /of 5 correct/ }).waitFor();
    return open;
  };
  assert.equal(await lastKind(), true, "by default the fifth question is an open one");
  // The results list it by the points covered.
  await page.locator(".result-item .verdict").filter({ hasText: /^\d of \d points$/ }).waitFor();

  await app.open("/settings");
  const toggle = page.getByLabel(/End each topic test with an open question/);
  assert.equal(await toggle.isChecked(), true);
  await toggle.uncheck();
  assert.equal(await lastKind(), false, "turned off, the fifth is multiple choice");
  assert.deepEqual(page.problems, []);
});
