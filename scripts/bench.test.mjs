// A smoke check of `./x bench` (not part of `./x test`: it takes a few minutes and prints figures
// nobody asserts). Runs scripts/bench.mjs --quick on the release build in dist/, with the same
// build as its "against" (so the side-by-side path runs too), and checks that every figure is
// there, a finite number and, where it is a time or a size, above zero; and that the engine
// benchmark's text (as revisions before `--json` print it) reads into the same keys as its JSON.
//
//   ./x build && node --test scripts/bench.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { parseEngineText } from "./bench.mjs";

const PAGES = ["home", "test", "stats"];
const INTERACTION_SCENARIOS = ["new_profile_cpu_1x", "new_profile_cpu_4x", "with_log_cpu_1x", "with_log_cpu_4x"];
const INTERACTIONS = ["choose", "submit", "next", "results", "home", "stats"];
const FIRST_LOAD = ["index.html", "prepwise.js", "prepwise_bg.wasm", "main.css", "favicon.svg"];

/** Every leaf's path and value, `a.b.c`. */
const leaves = (value, path = []) =>
  value && typeof value === "object" && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]))
    : [[path.join("."), value]];

/** The figures every build must have: [path, at least] (0 where zero is a fair value). */
function required(build) {
  const paths = [];
  const size = (prefix) => ["raw", "gzip", "brotli"].forEach((k) => paths.push([`${prefix}.${k}`, 1]));
  size("first_load");
  FIRST_LOAD.forEach((file) => size(`first_load.files.${file}`));
  paths.push(["chunks.count", 10]);
  size("chunks");
  Object.keys(build.chunks?.topics ?? {}).forEach((topic) => size(`chunks.topics.${topic}`));
  paths.push(["lighthouse.runs", 1], ["lighthouse.benchmark_index_median", 1]);
  for (const page of PAGES) {
    paths.push(
      [`lighthouse.${page}.performance`, 1],
      [`lighthouse.${page}.lcp_ms`, 1],
      [`lighthouse.${page}.tbt_ms`, 0],
      [`lighthouse.${page}.cls`, 0],
      [`lighthouse.${page}.fcp_ms`, 1],
    );
  }
  for (const profile of ["new_profile", "with_log"]) {
    for (const key of ["interactive_home_ms_median", "first_contentful_paint_ms_median", "progress_loaded_ms_median"]) {
      paths.push([`warm_start_offline.${profile}.${key}`, 1]);
    }
  }
  paths.push(["warm_start_offline.with_log.log_events", 500], ["interactions.log_events", 500]);
  for (const scenario of INTERACTION_SCENARIOS) {
    for (const kind of INTERACTIONS) paths.push([`interactions.${scenario}.${kind}.median_ms`, 1], [`interactions.${scenario}.${kind}.count`, 1]);
  }
  paths.push(["corpus_compile.questions", 1000], ["corpus_compile.median_ms", 1], ["corpus_compile.best_ms", 1]);
  paths.push(["engine.search.documents", 1], ["engine.search.vocabulary", 1]);
  return paths;
}

test("./x bench --quick prints every figure of both builds", { timeout: 20 * 60 * 1000 }, () => {
  const rev = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
  const run = spawnSync(
    "node",
    ["scripts/bench.mjs", "--quick", "--against-root", ".", "--against-rev", rev, "--against-target", "target"],
    { encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] },
  );
  assert.equal(run.status, 0, "bench.mjs exits 0");
  const report = JSON.parse(run.stdout); // stdout is exactly one JSON object
  assert.equal(report.failures, undefined);
  assert.equal(report.settings.quick, true);
  assert.equal(report.current.rev, rev);
  assert.equal(report.against.rev, rev);
  for (const name of ["current", "against"]) {
    const build = report[name];
    const values = new Map(leaves(build));
    assert.ok(![...values.keys()].some((path) => path.endsWith(".error")), `${name}: no stage failed`);
    for (const [path, least] of required(build)) {
      const value = values.get(path);
      assert.ok(Number.isFinite(value) && value >= least, `${name}.${path} is a number ≥ ${least} (${value})`);
    }
    // The engine's figures: two banks of eight timings, five queries, all above zero.
    const banks = Object.values(build.engine.banks);
    assert.equal(banks.length, 2);
    for (const bank of banks) {
      assert.equal(Object.keys(bank).length, 8);
      for (const [key, value] of Object.entries(bank)) assert.ok(/_(us|ms)$/.test(key) && value > 0, `engine ${key} = ${value}`);
    }
    assert.equal(Object.keys(build.engine.search.queries).length, 5);
    for (const [query, { hits, us }] of Object.entries(build.engine.search.queries)) assert.ok(hits >= 0 && us > 0, `query ${query}`);
  }

  // A revision without --json prints text: read, it has the keys the JSON has.
  const text = execFileSync("cargo", ["run", "-q", "--release", "-p", "engine", "--example", "bench"], {
    encoding: "utf8",
    env: { ...process.env, RUSTUP_TOOLCHAIN: "stable" },
  });
  const keys = (figures) => leaves(figures).map(([path]) => path).sort();
  assert.deepEqual(keys(parseEngineText(text)), keys(report.current.engine));
});
