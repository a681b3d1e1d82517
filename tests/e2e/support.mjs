// Shared by the end-to-end specs: serve the release dist/ on 127.0.0.1, launch Debian's Chromium
// with a fresh profile, and fail a test on any console error or uncaught page error.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const DIST = process.env.PREPWISE_DIST ?? "dist";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Starts the server and a browser; returns { baseUrl, context, close, stopServer, serveDist }.
 * `stopServer()` takes the site off the network (the browser stays: offline tests);
 * `serveDist(dir)` serves another build from now on (update tests). `serviceWorkers: "block"`
 * makes the page bypass the service worker (for tests that intercept requests with page.route,
 * which never sees what the worker answers from its cache). `args` adds Chromium switches (a
 * fake microphone for the recording test).
 */
export async function start({ viewport = { width: 360, height: 640 }, serviceWorkers = "allow", args = [] } = {}) {
  const server = await serve(DIST, 0);
  const baseUrl = `http://127.0.0.1:${server.address().port}`;
  const profile = await mkdtemp(join(tmpdir(), "prepwise-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...args],
    viewport,
    serviceWorkers,
  });
  let serving = true;
  return {
    baseUrl,
    context,
    async stopServer() {
      if (serving) await server.stop();
      serving = false;
    },
    serveDist(dir) {
      server.setRoot(dir);
    },
    async close() {
      await context.close();
      if (serving) await server.stop();
      serving = false;
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a page that records console errors and page errors into `page.problems`. */
export async function openPage(context) {
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") page.problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.problems.push(`page error: ${err.message}`));
  return page;
}

/** Runs in the page: how many records the app's IndexedDB log holds. */
const countStoredEvents = async () => {
  const db = await new Promise((ok, fail) => {
    const open = indexedDB.open("prepwise");
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
  const count = await new Promise((ok) => (db.transaction("events").objectStore("events").count().onsuccess = (e) => ok(e.target.result)));
  db.close();
  return count;
};

/** How many records the app's IndexedDB log holds now. */
export const storedEventCount = (page) => page.evaluate(countStoredEvents);

/** Waits (polling) until the number of stored records satisfies `done(count)`; returns the count. */
export async function waitForStoredEvents(page, done, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const count = await storedEventCount(page);
    if (done(count)) return count;
    if (Date.now() > deadline) throw new Error(`the stored log still holds ${count} records after ${timeout} ms`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}
