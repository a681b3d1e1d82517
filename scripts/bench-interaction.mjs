// Answer interactions against the 50 ms budget: takes tests in the release build in Chromium and
// prints, as JSON, how long each interaction took from the input event to the first frame that
// shows its result (choosing an option, submitting, "I don't know", the next question, the
// results), plus opening the home and stats pages. Each is measured without throttling and with
// the CPU slowed 4× (a mid-range phone, as Lighthouse emulates one), on a new profile and on one
// holding a synthetic year of N answers. Figures, not a test.
//
// How: an init script notes the input event's timestamp (the browser's, taken when the input
// arrived), then checks once per animation frame whether the page shows the result; the time is
// taken after that frame's paint (a message posted from the frame callback runs after it). It
// cross-checks with the Event Timing API: the longest interaction it reported (INP's measure; it
// reports only interactions of 16 ms or more).
//
//   ./x build && node scripts/bench-interaction.mjs [N=10000] [TESTS=4]
//
// `measureInteractions` is exported for scripts/bench.mjs (`./x bench`): it takes several builds
// (bench-browser.mjs's `openBuild`) and alternates between them scenario by scenario.
import { inTurn, openBuild } from "./bench-browser.mjs";
import { importSyntheticLog } from "./synthetic-log.mjs";

// Runs in the page before the app. `__bench.arm(kind)` waits for the next input event and then
// for the page to show what `kind` expects.
function instrument() {
  const counter = () => document.querySelector(".sitting-head .counter")?.textContent ?? "";
  const expect = {
    choose: () => !!document.querySelector("fieldset.choices input:checked"),
    submit: () => /Correct|Not quite|Here is (the|a model) answer/.test(document.querySelector(".action-bar .verdict")?.textContent ?? ""),
    next: (before) => counter() !== "" && counter() !== before && !!document.querySelector("#question-prompt")?.textContent,
    results: () => [...document.querySelectorAll("h1, h2")].some((h) => /of \d+ correct/.test(h.textContent)),
    home: () => !!document.querySelector("a[href='/test/mixed']"),
    stats: () => !!document.querySelector("h2") && /Readiness over time/.test(document.body.textContent),
  };
  const bench = { pending: null, done: [], longestEventTiming: 0 };
  window.__bench = bench;
  bench.arm = (kind) => {
    bench.pending = { kind, before: counter(), t0: null };
  };
  const onInput = (event) => {
    const p = bench.pending;
    if (!p || p.t0 !== null || !event.isTrusted) return;
    p.t0 = event.timeStamp;
    const frame = () => {
      if (!expect[p.kind](p.before)) return requestAnimationFrame(frame);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        bench.done.push({ kind: p.kind, ms: performance.now() - p.t0 });
        bench.pending = null;
      };
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(frame);
  };
  for (const type of ["pointerdown", "keydown"]) addEventListener(type, onInput, { capture: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.interactionId) bench.longestEventTiming = Math.max(bench.longestEventTiming, entry.duration);
    }
  }).observe({ type: "event", durationThreshold: 16, buffered: true });
}

async function measured(page, kind, act) {
  await page.evaluate((k) => window.__bench.arm(k), kind);
  await act();
  await page.waitForFunction(() => window.__bench.pending === null, null, { timeout: 60000 });
}

async function takeTests(page, baseUrl, tests) {
  // Free topics and the mixed test only: with the year-long log, a locked topic's free sample is
  // all answered, and its test opens /unlock instead.
  const topics = ["python-fundamentals", "mixed", "ml-fundamentals", "nlp-llms", "mixed"];
  const all = { done: [], longestEventTiming: 0 };
  for (let t = 0; t < tests; t++) {
    await page.goto(`${baseUrl}/test/${topics[t % topics.length]}`);
    await page.locator("#app:not([aria-busy])").waitFor({ state: "attached" });
    await page.locator("#question-prompt").waitFor();
    for (let q = 1; q <= 5; q++) {
      // An open question (a test's last, since interview mode) has no options: "I don't know".
      if (q % 2 === 1 && (await page.locator("fieldset.choices").count()) > 0) {
        const option = page.locator("fieldset.choices label").first();
        await measured(page, "choose", () => option.click());
        await measured(page, "submit", () => page.getByRole("button", { name: "Check" }).click());
      } else {
        await measured(page, "submit", () => page.getByRole("button", { name: "I don't know" }).click());
      }
      const last = q === 5;
      await measured(page, last ? "results" : "next", () =>
        page.getByRole("button", { name: last ? "See results" : "Continue" }).click(),
      );
    }
    await measured(page, "home", () => page.getByRole("link", { name: "Prepwise" }).click());
    await measured(page, "stats", () => page.getByRole("link", { name: "Stats" }).click());
    // Collected before the next test's navigation starts a new page.
    const { done, longestEventTiming } = await page.evaluate(() => window.__bench);
    all.done.push(...done);
    all.longestEventTiming = Math.max(all.longestEventTiming, longestEventTiming);
  }
  return all;
}

function summary({ done, longestEventTiming }) {
  const out = {};
  for (const kind of [...new Set(done.map((d) => d.kind))]) {
    const ms = done.filter((d) => d.kind === kind).map((d) => d.ms).sort((a, b) => a - b);
    out[kind] = { count: ms.length, median_ms: Math.round(ms[Math.floor(ms.length / 2)]), max_ms: Math.round(ms.at(-1)) };
  }
  out.longest_event_timing_ms = Math.round(longestEventTiming);
  return out;
}

/** Interactions in each build, on a new profile and with a log of `n` answers: one result per build. */
export async function measureInteractions(builds, { n = 10000, tests = 4 } = {}) {
  const results = builds.map(() => ({ tests_per_scenario: tests }));
  for (const { page } of builds) await page.addInitScript(instrument);
  let turn = 0;
  for (const profile of ["new_profile", "with_log"]) {
    if (profile === "with_log") {
      for (const [b, build] of builds.entries()) results[b].log_events = await importSyntheticLog(build.page, build.baseUrl, n, build);
    }
    for (const rate of [1, 4]) {
      for (const [b, build] of inTurn(builds, turn++)) {
        await build.cpu(rate);
        results[b][`${profile}_cpu_${rate}x`] = summary(await takeTests(build.page, build.baseUrl, tests));
        await build.cpu(1);
      }
    }
  }
  for (const [b, { page }] of builds.entries()) if (page.problems.length) results[b].problems = page.problems;
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 10000);
  const tests = Number(process.argv[3] ?? 4);
  const build = await openBuild();
  try {
    const [result] = await measureInteractions([build], { n, tests });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await build.close();
  }
}
