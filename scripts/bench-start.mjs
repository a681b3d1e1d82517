// Start-up with a long learner log: imports a synthetic log of N answers (one year of heavy use)
// into the release build in Chromium, reloads it several times and prints, as JSON, how long the
// app took to read and replay its progress (User Timing marks `prepwise:load-start` →
// `prepwise:loaded`, with the part spent reading IndexedDB up to `prepwise:read`) and when that finished after navigation began, without throttling and with
// the CPU slowed 4× (a mid-range phone, as Lighthouse emulates one), with the snapshot a start
// normally finds and with it removed (every record read). Figures, not a test.
//
//   ./x build && node scripts/bench-start.mjs [N=10000] [RUNS=7]
//
// Also exported for scripts/bench.mjs (`./x bench`): `measureStart`, and `warmStartOffline` (the
// time to an interactive home screen when the service worker's cache answers everything). Both
// take several builds (bench-browser.mjs's `openBuild`) and alternate between them run by run
// (`inTurn`), so that the machine's noise falls on each build alike.
import { inTurn, median, openBuild } from "./bench-browser.mjs";
import { importSyntheticLog } from "./synthetic-log.mjs";
import { Offline } from "../tests/e2e/pages.mjs";

const SCENARIOS = [
  ["unthrottled", 1, false],
  ["cpu_4x_slower", 4, false],
  ["unthrottled_without_snapshot", 1, true],
  ["cpu_4x_slower_without_snapshot", 4, true],
];

const dropSnapshot = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((ok) => (indexedDB.open("prepwise").onsuccess = (e) => ok(e.target.result)));
    const tx = db.transaction("snapshots", "readwrite");
    tx.objectStore("snapshots").clear();
    await new Promise((ok) => (tx.oncomplete = ok));
    db.close();
  });

/** Start-up with a log of `n` answers in each build: one result object per build. */
export async function measureStart(builds, { n = 10000, runs = 7 } = {}) {
  const results = [];
  for (const build of builds) results.push({ events: await importSyntheticLog(build.page, build.baseUrl, n, build), runs });
  for (const [label, rate, withoutSnapshot] of SCENARIOS) {
    for (const build of builds) await build.cpu(rate);
    const samples = builds.map(() => ({ load: [], read: [], ready: [] }));
    for (let i = 0; i < runs; i++) {
      for (const [b, { page }] of inTurn(builds, i)) {
        // Each start writes a fresh snapshot in the background; the next one uses it, unless dropped.
        await page.waitForTimeout(300);
        if (withoutSnapshot) await dropSnapshot(page);
        await page.reload();
        await page.waitForFunction(() => performance.getEntriesByName("prepwise:loaded").length > 0, null, { timeout: 60000 });
        const [start, readAt, end] = await page.evaluate(() =>
          ["load-start", "read", "loaded"].map((m) => performance.getEntriesByName(`prepwise:${m}`)[0].startTime),
        );
        samples[b].load.push(end - start);
        samples[b].read.push(readAt - start);
        samples[b].ready.push(end);
      }
    }
    for (const [b, { load, read, ready }] of samples.entries()) {
      results[b][label] = {
        read_and_replay_ms_median: median(load),
        read_and_replay_ms_all: load.map(Math.round),
        of_which_read_ms_median: median(read),
        loaded_after_navigation_ms_median: median(ready),
      };
    }
  }
  for (const build of builds) await build.cpu(1);
  return results;
}

// Runs in the page before the app: notes when the home screen is interactive (the progress is
// loaded, `#app` no longer busy, and the topic cards are links), after the frame that shows it.
function watchHome() {
  window.__home = null;
  const frame = () => {
    if (!document.querySelector("#app:not([aria-busy]) a.topic-card")) return requestAnimationFrame(frame);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => (window.__home = performance.now());
    channel.port2.postMessage(null); // runs after this frame's paint
  };
  requestAnimationFrame(frame);
}

/**
 * A warm start offline, as a returning learner opens the installed app on a mid-range phone: after
 * one visit (the service worker installed and in control), the server is stopped, the CPU slowed
 * `cpu`×, and home is reloaded `runs` times. Per build: the time from navigation to the
 * interactive home screen, to the first contentful paint, and to `prepwise:loaded`.
 */
export async function warmStartOffline(builds, { runs = 9, cpu = 4 } = {}) {
  for (const { page, baseUrl } of builds) {
    await page.addInitScript(watchHome);
    await page.goto(baseUrl + "/");
    await new Offline(page).waitForControl();
    await page.waitForFunction(() => window.__home !== null, null, { timeout: 60000 });
  }
  for (const build of builds) {
    await build.stopServer();
    await build.cpu(cpu);
  }
  const samples = builds.map(() => ({ home: [], paint: [], loaded: [] }));
  for (let i = 0; i < runs; i++) {
    for (const [b, { page }] of inTurn(builds, i)) {
      await page.waitForTimeout(300);
      await page.reload();
      await page.waitForFunction(() => window.__home !== null, null, { timeout: 60000 });
      const { home, paint, loaded } = await page.evaluate(() => ({
        home: window.__home,
        paint: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
        loaded: performance.getEntriesByName("prepwise:loaded")[0]?.startTime ?? null,
      }));
      samples[b].home.push(home);
      samples[b].paint.push(paint);
      samples[b].loaded.push(loaded);
    }
  }
  for (const build of builds) await build.cpu(1);
  return samples.map(({ home, paint, loaded }, b) => ({
    runs,
    cpu_slowdown: cpu,
    interactive_home_ms_median: median(home),
    interactive_home_ms_all: home.map(Math.round),
    first_contentful_paint_ms_median: median(paint.filter((ms) => ms !== null)),
    progress_loaded_ms_median: median(loaded.filter((ms) => ms !== null)),
    ...(builds[b].page.problems.length ? { problems: builds[b].page.problems } : {}),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10000);
  const runs = Number(process.argv[3] ?? 7);
  const build = await openBuild();
  try {
    const [result] = await measureStart([build], { n, runs });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await build.close();
  }
}
