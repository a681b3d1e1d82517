// `./x bench`: measures a release build (and, with --against, another revision's, side by side in
// the same run) and prints ONE JSON object on stdout; progress goes to stderr. Figures, not a test.
//
//   node scripts/bench.mjs [--quick] [--against-root DIR --against-rev REV --against-target DIR]
//                          [--build-s SECONDS]
//
// `./x bench [--against REV] [--quick]` builds dist/ (and REV's dist/ in a temporary worktree,
// DIR, with its cargo target directory --against-target) and runs this. Each build gets:
// - `first_load`, `chunks`: bytes (raw, gzip, brotli) of the first-load files and of each topic's
//   question chunk (scripts/sizes.mjs; hashes taken out of the names, so builds compare by key);
// - `lighthouse`: Lighthouse 12's mobile defaults (simulated slow 4G, 4× CPU, storage reset: a
//   first visit) on home, a test question and stats, the median of 3 runs of each figure;
// - `warm_start_offline`: the installed app opened with the server gone (service worker cache, CPU
//   slowed 4×): time to an interactive home screen, on a new profile and with a year-long log
//   (scripts/bench-start.mjs);
// - `interactions`: input to the painted result of each answer interaction
//   (scripts/bench-interaction.mjs);
// - `engine`: the engine's timings (`cargo run --release -p engine --example bench -- --json`;
//   a revision whose example prints only text is read into the same keys);
// - `corpus_compile`: compiling content/ (`cargo run --profile host -p content --example bench`).
// The browser measurements alternate between the builds run by run (or scenario by scenario), so
// that the machine's noise falls on both alike; the cargo benchmarks run one after the other.
// `--quick` measures everything once, small (a smoke run: every field, figures not to be quoted).
import { execFileSync } from "node:child_process";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import lighthouse from "lighthouse";
import { launch } from "chrome-launcher";
import { inTurn, median, openBuild } from "./bench-browser.mjs";
import { measureInteractions } from "./bench-interaction.mjs";
import { warmStartOffline } from "./bench-start.mjs";
import { serve } from "./serve.mjs";
import { sizes } from "./sizes.mjs";
import { CHROMIUM_ARGS } from "../tests/e2e/support.mjs";

const LIGHTHOUSE_PAGES = { home: "/", test: "/test/python-fundamentals", stats: "/stats" };

/** The command line: `{ quick, against: { root, rev, target } | null, buildSeconds }`. */
function options(argv) {
  const value = (flag) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const root = value("--against-root");
  return {
    quick: argv.includes("--quick"),
    against: root ? { root: resolve(root), rev: value("--against-rev"), target: resolve(value("--against-target")) } : null,
    buildSeconds: value("--build-s") === undefined ? null : Number(value("--build-s")),
  };
}

const progress = (line) => process.stderr.write(`bench: ${line}\n`);
const git = (args, cwd = ".") => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

// ---------------------------------------------------------------------------------------------
// sizes

// `prepwise-0123456789abcdef_bg.wasm` → `prepwise_bg.wasm`, `statistics.0123456789abcdef.bin` →
// `statistics.bin`: the same file of two builds under one key.
const unhashed = (name) => name.replace(/[-.][0-9a-f]{16}(?=[._])/, "");

export async function sizeFigures(dist) {
  const { critical_path, files } = await sizes(dist);
  const firstLoad = Object.fromEntries(critical_path.files.map((name) => [unhashed(name), files[name]]));
  const chunks = Object.entries(files)
    .filter(([name]) => name.startsWith("corpus/"))
    .map(([name, size]) => [unhashed(name.slice("corpus/".length)).replace(/\.bin$/, ""), size])
    .sort(([a], [b]) => a.localeCompare(b));
  const total = (key) => chunks.reduce((sum, [, size]) => sum + size[key], 0);
  return {
    first_load: { raw: critical_path.raw, gzip: critical_path.gzip, brotli: critical_path.brotli, files: firstLoad },
    chunks: { count: chunks.length, raw: total("raw"), gzip: total("gzip"), brotli: total("brotli"), topics: Object.fromEntries(chunks) },
  };
}

// ---------------------------------------------------------------------------------------------
// Lighthouse

/** Lighthouse's mobile defaults on each page of each build, `runs` times, alternating builds. */
async function lighthouseFigures(builds, runs) {
  const servers = [];
  let chrome;
  try {
    for (const build of builds) servers.push(await serve(build.dist, 0));
    chrome = await launch({ chromePath: "/usr/bin/chromium", chromeFlags: ["--headless=new", ...CHROMIUM_ARGS], logLevel: "silent" });
    const samples = builds.map(() => ({ benchmark: [], pages: Object.fromEntries(Object.keys(LIGHTHOUSE_PAGES).map((p) => [p, []])) }));
    let turn = 0;
    for (let run = 0; run < runs; run++) {
      for (const [page, path] of Object.entries(LIGHTHOUSE_PAGES)) {
        for (const [b] of inTurn(builds, turn++)) {
          const url = `http://127.0.0.1:${servers[b].address().port}${path}`;
          progress(`lighthouse ${builds[b].name} ${page} run ${run + 1} of ${runs}`);
          const { lhr } = await lighthouse(url, { port: chrome.port, logLevel: "error", onlyCategories: ["performance"] });
          if (lhr.runtimeError) throw new Error(`lighthouse ${builds[b].name} ${page}: ${lhr.runtimeError.message}`);
          const metric = (id) => lhr.audits[id].numericValue;
          samples[b].benchmark.push(lhr.environment.benchmarkIndex);
          samples[b].pages[page].push({
            performance: lhr.categories.performance.score * 100,
            lcp_ms: metric("largest-contentful-paint"),
            tbt_ms: metric("total-blocking-time"),
            cls: metric("cumulative-layout-shift"),
            fcp_ms: metric("first-contentful-paint"),
          });
        }
      }
    }
    return samples.map(({ benchmark, pages }) => ({
      runs,
      benchmark_index_median: median(benchmark),
      ...Object.fromEntries(
        Object.entries(pages).map(([page, list]) => [
          page,
          {
            performance: median(list.map((r) => r.performance)),
            lcp_ms: median(list.map((r) => r.lcp_ms)),
            tbt_ms: median(list.map((r) => r.tbt_ms)),
            // CLS is a fraction: the median to three decimals.
            cls: median(list.map((r) => r.cls * 1000)) / 1000,
            fcp_ms: median(list.map((r) => r.fcp_ms)),
          },
        ]),
      ),
    }));
  } finally {
    await chrome?.kill();
    for (const server of servers) await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Chromium: warm starts offline and interactions

async function withBrowsers(builds, measure) {
  const opened = [];
  try {
    for (const build of builds) opened.push(await openBuild(build));
    return await measure(opened);
  } finally {
    for (const build of opened) await build.close();
  }
}

// ---------------------------------------------------------------------------------------------
// cargo: the engine's and the content compiler's benchmarks

function cargo(build, args, capture = true) {
  return execFileSync("cargo", args, {
    cwd: build.root,
    env: { ...process.env, ...build.cargoEnv },
    encoding: "utf8",
    maxBuffer: 1 << 24,
    stdio: ["ignore", capture ? "pipe" : 2, 2],
  });
}

const slug = (label) => label.toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "");

/**
 * The engine benchmark's text (a revision before `--json`) as the JSON it prints now: each
 * `  LABEL: VALUE UNIT` line under `bank: NAME` or `search: …` keyed `slug(LABEL)_UNIT`.
 */
export function parseEngineText(text) {
  const out = { banks: {} };
  let section = null;
  for (const line of text.split("\n")) {
    let m;
    if ((m = line.match(/^bank: (.+)$/))) section = out.banks[m[1].trim()] = {};
    else if ((m = line.match(/^search: ([\d,]+) documents, (\d+) words, vocabulary (\d+)/))) {
      section = out.search = { documents: Number(m[1].replaceAll(",", "")), words: Number(m[2]), vocabulary: Number(m[3]), queries: {} };
    } else if ((m = line.match(/^\s+query (.+?)\s+\(\s*(\d+) hits\):\s+([\d.]+) µs/))) {
      out.search.queries[m[1]] = { hits: Number(m[2]), us: Number(m[3]) };
    } else if ((m = line.match(/^\s+(.+?):\s*([\d.]+) (µs|ms)/)) && section) {
      section[`${slug(m[1])}_${m[3] === "ms" ? "ms" : "us"}`] = Number(m[2]);
    }
  }
  if (!Object.keys(out.banks).length || !out.search) throw new Error(`the engine benchmark printed neither JSON nor its text:\n${text}`);
  return out;
}

/** Objects with their keys in order, at every depth: the JSON and the text path read alike. */
const sortKeys = (value) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]))
    : value;

function engineFigures(build) {
  const text = cargo(build, ["run", "--release", "-p", "engine", "--example", "bench", "--", "--json"]);
  let figures;
  try {
    figures = JSON.parse(text);
  } catch {
    figures = parseEngineText(text);
  }
  return sortKeys(figures);
}

function corpusFigures(build) {
  const line = cargo(build, ["run", "--profile", "host", "-p", "content", "--example", "bench"]).trim().split("\n").at(-1);
  const { bench, ...figures } = JSON.parse(line);
  return figures;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  const opts = options(process.argv.slice(2));
  const settings = opts.quick
    ? { quick: true, lighthouse_runs: 1, warm_start_runs: 3, interaction_tests: 1, log_events: 500 }
    : { quick: false, lighthouse_runs: 3, warm_start_runs: 9, interaction_tests: 4, log_events: 10000 };
  // Native cargo commands as `./x` runs the workspace's host tools (rustup's stable toolchain);
  // another revision's in its own target directory, never this checkout's.
  const builds = [
    {
      name: "current",
      root: resolve("."),
      dist: resolve("dist"),
      cargoEnv: { RUSTUP_TOOLCHAIN: "stable" },
      result: { rev: git(["rev-parse", "HEAD"]), dirty: git(["status", "--porcelain", "--untracked-files=no"]) !== "" },
    },
  ];
  if (opts.against) {
    builds.push({
      name: "against",
      root: opts.against.root,
      dist: join(opts.against.root, "dist"),
      cargoEnv: { RUSTUP_TOOLCHAIN: "stable", CARGO_TARGET_DIR: opts.against.target },
      result: { rev: opts.against.rev ?? git(["rev-parse", "HEAD"], opts.against.root) },
    });
  }

  const failures = [];
  // One stage of measurements: `measure` returns one result per build (or throws for all).
  const stage = async (name, measure) => {
    const t0 = Date.now();
    progress(`${name}…`);
    let results;
    try {
      results = await measure(builds);
    } catch (err) {
      failures.push(`${name}: ${err.stack ?? err}`);
      results = builds.map(() => ({ error: String(err.message ?? err) }));
    }
    builds.forEach((build, b) => Object.assign(build.result, results[b]));
    progress(`${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
  };
  // Per build, so that one build's failure leaves the other's figures.
  const each = (key, measure) => async (all) => {
    const out = [];
    for (const build of all) {
      try {
        out.push({ [key]: await measure(build) });
      } catch (err) {
        failures.push(`${key} (${build.name}): ${err.stack ?? err}`);
        out.push({ [key]: { error: String(err.message ?? err) } });
      }
    }
    return out;
  };

  await stage("sizes", async (all) => {
    const out = [];
    for (const build of all) out.push(await sizeFigures(build.dist));
    return out;
  });
  // Compiled first (not timed), so that no compilation runs while anything is measured.
  await stage("compile the native benchmarks", each("compiled", (build) => {
    cargo(build, ["build", "--release", "-p", "engine", "--example", "bench", "--example", "synth_log"], false);
    cargo(build, ["build", "--profile", "host", "-p", "content", "--example", "bench"], false);
    return true;
  }));
  await stage("engine", each("engine", engineFigures));
  await stage("corpus_compile", each("corpus_compile", corpusFigures));
  await stage("lighthouse", async (all) => (await lighthouseFigures(all, settings.lighthouse_runs)).map((lighthouse) => ({ lighthouse })));
  const warm = builds.map(() => ({}));
  await stage("warm start offline, new profile", async (all) => {
    const results = await withBrowsers(all, (opened) => warmStartOffline(opened, { runs: settings.warm_start_runs }));
    results.forEach((r, b) => (warm[b].new_profile = r));
    return builds.map(() => ({}));
  });
  // The interactions leave a year-long log in their profile: the warm start with a log uses it.
  await stage("interactions, then warm start offline with a log", async (all) =>
    withBrowsers(all, async (opened) => {
      const interactions = await measureInteractions(opened, { n: settings.log_events, tests: settings.interaction_tests });
      const withLog = await warmStartOffline(opened, { runs: settings.warm_start_runs });
      withLog.forEach((r, b) => (warm[b].with_log = { log_events: interactions[b].log_events, ...r }));
      return interactions.map((r) => ({ interactions: r }));
    }),
  );
  builds.forEach((build, b) => (build.result.warm_start_offline = warm[b]));
  for (const build of builds) delete build.result.compiled;

  const report = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      node: process.version,
      chromium: execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8" }).trim(),
    },
    settings,
    build_s: opts.buildSeconds,
    measure_s: Math.round((Date.now() - started) / 1000),
    current: builds[0].result,
    ...(opts.against ? { against: builds[1].result } : {}),
  };
  if (failures.length) {
    report.failures = failures.map((f) => f.split("\n")[0]);
    for (const failure of failures) progress(`FAILED ${failure}`);
  }
  process.stdout.write(JSON.stringify(report, null, 2) + "\n");
  return failures.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // stdout carries the one JSON object: anything else a library logs goes to stderr.
  console.log = console.info = (...args) => console.error(...args);
  const code = await main().catch((err) => {
    console.error(err);
    return 1;
  });
  process.exit(code);
}
