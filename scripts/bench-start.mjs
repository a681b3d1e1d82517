// Start-up with a long learner log: imports a synthetic log of N answers (one year of heavy use)
// into the release build in Chromium, reloads it several times and prints, as JSON, how long the
// app took to read and replay its progress (User Timing marks `prepwise:load-start` →
// `prepwise:loaded`, with the part spent reading IndexedDB up to `prepwise:read`) and when that finished after navigation began, without throttling and with
// the CPU slowed 4× (a mid-range phone, as Lighthouse emulates one), with the snapshot a start
// normally finds and with it removed (every record read). Figures, not a test.
//
//   ./x build && node scripts/bench-start.mjs [N=10000] [RUNS=7]
import { openPage, start } from "../tests/e2e/support.mjs";
import { importSyntheticLog } from "./synthetic-log.mjs";

const n = Number(process.argv[2] ?? 10000);
const runs = Number(process.argv[3] ?? 7);

const env = await start();
try {
  const page = await openPage(env.context);
  const count = await importSyntheticLog(page, env.baseUrl, n);

  const cdp = await env.context.newCDPSession(page);
  const result = { events: count, runs };
  const dropSnapshot = () =>
    page.evaluate(async () => {
      const db = await new Promise((ok) => (indexedDB.open("prepwise").onsuccess = (e) => ok(e.target.result)));
      const tx = db.transaction("snapshots", "readwrite");
      tx.objectStore("snapshots").clear();
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
    });
  const scenarios = [
    ["unthrottled", 1, false],
    ["cpu_4x_slower", 4, false],
    ["unthrottled_without_snapshot", 1, true],
    ["cpu_4x_slower_without_snapshot", 4, true],
  ];
  for (const [label, rate, withoutSnapshot] of scenarios) {
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    const load = [];
    const read = [];
    const ready = [];
    for (let i = 0; i < runs; i++) {
      // Each start writes a fresh snapshot in the background; the next one uses it, unless dropped.
      await page.waitForTimeout(300);
      if (withoutSnapshot) await dropSnapshot();
      await page.reload();
      await page.waitForFunction(() => performance.getEntriesByName("prepwise:loaded").length > 0, null, { timeout: 60000 });
      const [start, readAt, end] = await page.evaluate(() =>
        ["load-start", "read", "loaded"].map((m) => performance.getEntriesByName(`prepwise:${m}`)[0].startTime),
      );
      load.push(end - start);
      read.push(readAt - start);
      ready.push(end);
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    result[label] = {
      read_and_replay_ms_median: Math.round(median(load)),
      read_and_replay_ms_all: load.map(Math.round),
      of_which_read_ms_median: Math.round(median(read)),
      loaded_after_navigation_ms_median: Math.round(median(ready)),
    };
  }
  console.log(JSON.stringify(result, null, 2));
} finally {
  await env.close();
}
