// The app shell: the release build loads, the home page renders, and an unknown URL shows the
// app's own not-found page, all without a console error; the swap from the static shell to the
// app moves nothing (cumulative layout shift, measured).
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
  await page.waitForFunction(() => document.title === "Home · Prepwise");
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
  // Home's real heading and lede are in the shell: the largest paint happens at the first.
  const shell = {
    heading: await page.locator("#shell-heading").textContent(),
    lede: await page.locator("#shell-lede").textContent(),
  };
  // Another route's shell shows no home heading (dropped before the first paint).
  await page.goto(own.baseUrl + "/stats", { waitUntil: "domcontentloaded" });
  await page.getByRole("status").filter({ hasText: "Loading" }).waitFor();
  assert.equal(await page.getByRole("heading").count(), 0, "no heading of another page in the /stats shell");
  await own.close();

  // The app, once it runs, shows the very same words in the same place (src/copy.rs feeds both).
  const app = await start();
  try {
    const live = await openPage(app.context);
    await live.goto(app.baseUrl + "/");
    await live.locator("#app:not([aria-busy])").waitFor({ state: "attached" });
    assert.equal(await live.getByRole("heading", { level: 1 }).textContent(), shell.heading);
    assert.equal(await live.locator("main .lede").first().textContent(), shell.lede);
    assert.equal(await live.locator("#shell-heading").count(), 0, "the shell was replaced");
    assert.deepEqual(live.problems, []);
  } finally {
    await app.close();
  }
});

// The static shell in index.html uses the app's own header and layout so that the app replacing
// it moves nothing. Measured here rather than believed: every layout shift from the first paint
// of a first visit (a fresh profile) until the home page is interactive, summed as the browser
// reports them (Cumulative Layout Shift; "good" is below 0.1).
for (const viewport of [{ width: 360, height: 640 }, { width: 1280, height: 800 }]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`the first load of the home page shifts no layout at ${size} (CLS below 0.1)`, async () => {
    const own = await start({ viewport });
    try {
      const page = await openPage(own.context);
      await page.goto(own.baseUrl + "/");
      // Interactive: the app has replaced the shell and drawn the home page's links.
      await page.getByRole("heading", { level: 1, name: /interview/i }).waitFor();
      await page.getByRole("link", { name: /Mixed test/ }).waitFor();
      await page.locator("a.topic-card").first().waitFor();
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const supported = await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes("layout-shift"));
      assert.ok(supported, "this Chromium reports layout shifts (else the figure below means nothing)");
      const shifts = await page.evaluate(
        () =>
          new Promise((done) => {
            const seen = [];
            const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
            // buffered: the entries recorded since the navigation began, before this observer.
            observer.observe({ type: "layout-shift", buffered: true });
            setTimeout(() => {
              seen.push(...observer.takeRecords());
              observer.disconnect();
              done(
                seen.map((e) => ({
                  value: e.value,
                  hadRecentInput: e.hadRecentInput,
                  at: Math.round(e.startTime),
                  sources: (e.sources ?? []).map((s) => s.node?.nodeName + "." + (s.node?.className ?? "")),
                })),
              );
            }, 500);
          }),
      );
      const cls = shifts.filter((s) => !s.hadRecentInput).reduce((sum, s) => sum + s.value, 0);
      console.log(`CLS at ${size}: ${cls.toFixed(4)} (${shifts.length} layout-shift entries)${shifts.length ? " " + JSON.stringify(shifts) : ""}`);
      assert.ok(cls < 0.1, `cumulative layout shift ${cls.toFixed(4)} is below 0.1`);
      assert.deepEqual(page.problems, []);
    } finally {
      await own.close();
    }
  });
}
