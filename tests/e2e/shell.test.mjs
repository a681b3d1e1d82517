// The app shell: the release build loads, the home page renders, and an unknown URL shows the
// app's own not-found page, all without a console error.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("home page renders from the release build", async () => {
  const page = await openPage(env.context);
  await page.goto(env.baseUrl + "/");
  await page.getByRole("heading", { level: 1, name: /interview/i }).waitFor();
  assert.equal(await page.title(), "Prepwise · AI, ML and Python interview prep");
  assert.equal(await page.getByRole("link", { name: "Prepwise" }).count(), 1, "the shell was replaced, not duplicated");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("an unknown URL shows the not-found page with a way home", async () => {
  const page = await openPage(env.context);
  await page.goto(env.baseUrl + "/no/such/page");
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await page.getByRole("link", { name: "Back to home" }).click();
  await page.getByRole("heading", { level: 1, name: /interview/i }).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the static shell paints before the wasm runs", async () => {
  // Its own browser, bypassing the service worker: the worker would answer the wasm from its
  // cache, out of page.route's reach.
  const own = await start({ serviceWorkers: "block" });
  const page = await openPage(own.context);
  await page.route("**/*.wasm", () => {}); // hold the wasm back forever
  await page.goto(own.baseUrl + "/", { waitUntil: "domcontentloaded" });
  await page.getByRole("status").filter({ hasText: "Loading" }).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.querySelector(".topbar")).borderBottomStyle);
  assert.equal(background, "solid", "the shell is styled before the app arrives");
  await own.close();
});
