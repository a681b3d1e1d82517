// Lighthouse 12, accessibility only, on home, a test question and stats: each scores at least 95,
// and the scores are printed ("lighthouse accessibility: home 100, test 100, stats 100").
//
// One static server (127.0.0.1, a random port) and one fresh Chromium profile for the whole file.
// Playwright first answers a 5-question test in that profile, so that home shows progress and
// stats draw their charts (not the empty state); then Chromium is started again on the same
// profile through chrome-launcher and Lighthouse audits the three pages with storage kept
// (`disableStorageReset`). The origin, port included, stays the same throughout, so the answers
// saved in IndexedDB are the ones Lighthouse's pages read.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs"; // the server support.mjs's start() uses
import { CHROMIUM_ARGS, DIST, openPage } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_ARGS];
const MINIMUM = 95;
// Each page, and axe rules that only apply once the page has rendered (not to the loading shell):
// a sanity check that Lighthouse audited the app and not the static shell.
const PAGES = [
  { name: "home", path: "/", rendered: ["list", "listitem"] }, // the topic list
  { name: "test", path: "/test/python-fundamentals", rendered: ["button-name", "label"] }, // the question form
  { name: "stats", path: "/stats", rendered: [] }, // checked below with Playwright: charts, not the empty state
];

let server;
let baseUrl;
let profile;
let chrome;
const scores = {};

before(async () => {
  server = await serve(DIST, 0, "127.0.0.1");
  baseUrl = `http://127.0.0.1:${server.address().port}`;
  profile = await mkdtemp(join(tmpdir(), "prepwise-lighthouse-"));
});

after(async () => {
  await chrome?.kill();
  await server?.stop();
  if (profile) await rm(profile, { recursive: true, force: true });
  const line = PAGES.map(({ name }) => `${name} ${scores[name] ?? "n/a"}`).join(", ");
  console.log(`lighthouse accessibility: ${line}`);
});

test("seed answers in the profile Lighthouse will use", async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 360, height: 640 },
  });
  try {
    const page = await openPage(context);
    const app = new App(page, baseUrl);
    await app.open("/");
    await page.goto(baseUrl + "/test/deep-learning");
    const quiz = new Quiz(page);
    assert.equal((await quiz.current()).n, 1); // keys pressed before the question renders are lost
    await quiz.answerWithKeys(1);
    await quiz.next();
    await quiz.finishWithDontKnow();
    await app.open("/stats");
    await page.getByRole("heading", { name: "Readiness over time" }).waitFor();
    assert.deepEqual(page.problems, []);
  } finally {
    await context.close();
  }
});

test(`Lighthouse accessibility ≥ ${MINIMUM} on home, a test question and stats`, async () => {
  chrome = await launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROME_FLAGS, userDataDir: profile, logLevel: "silent" });

  // The browser Lighthouse drives sees the seeded answers: stats draws charts.
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
  const check = await browser.contexts()[0].newPage();
  await check.goto(baseUrl + "/stats");
  await check.getByRole("heading", { name: "Readiness over time" }).waitFor();
  await check.close();
  await browser.close(); // disconnects; Chromium keeps running for Lighthouse

  const failures = [];
  for (const { name, path, rendered } of PAGES) {
    const result = await lighthouse(baseUrl + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["accessibility"],
      disableStorageReset: true, // keep the seeded answers
    });
    assert.ok(result, `Lighthouse returned a result for ${name}`);
    const { lhr, artifacts } = result;
    assert.equal(lhr.runtimeError, undefined, `${name}: ${lhr.runtimeError?.message}`);

    const applied = new Set([...artifacts.Accessibility.passes, ...artifacts.Accessibility.violations].map((r) => r.id));
    for (const rule of rendered) assert.ok(applied.has(rule), `${name}: Lighthouse saw the rendered page (axe rule ${rule} applied)`);

    const category = lhr.categories.accessibility;
    const score = Math.round(category.score * 100);
    scores[name] = score;
    // What lost points, with the elements, so a failure says what to fix.
    for (const ref of category.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
        const nodes = (audit.details?.items ?? []).map((item) => item.node?.selector ?? item.node?.snippet).filter(Boolean);
        const line = `${name}: ${ref.id} (${audit.title})${nodes.length ? ": " + nodes.join(" | ") : ""}`;
        console.log(`  lost points: ${line}`);
        failures.push(line);
      }
    }
    if (score < MINIMUM) failures.push(`${name}: score ${score} < ${MINIMUM}`);
  }
  assert.ok(
    PAGES.every(({ name }) => scores[name] >= MINIMUM),
    `every page scores at least ${MINIMUM}:\n${failures.join("\n")}`,
  );
});
