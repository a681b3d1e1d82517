// Prints the sizes of a release dist/ as JSON (raw, gzip, brotli per file, and the first-load
// critical path: index.html + JS + wasm + CSS + favicon), and with --budget BYTES exits 1 when the
// critical path's brotli size exceeds it. Usage: node scripts/sizes.mjs DIR [--budget BYTES]
// `sizes(dir)` returns the same report without the budget (scripts/bench.mjs uses it).
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

async function* walk(path) {
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** `{ critical_path: { files, raw, gzip, brotli }, files: { PATH: { raw, gzip, brotli } } }` of `dir`. */
export async function sizes(dir) {
  const files = {};
  for await (const path of walk(dir)) {
    // The build's precompressed copies and host rules are not files the app loads.
    if (/\.(br|gz)$/.test(path) || path.endsWith("_headers")) continue;
    const body = await readFile(path);
    files[relative(dir, path)] = {
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      }).length,
    };
  }
  // What the first visit must download before the app is interactive (the service worker is
  // registered after the app starts, so it is not on the critical path).
  const critical = Object.keys(files).filter(
    (name) => !name.includes("/") && name !== "sw.js" && /\.(html|js|wasm|css|svg)$/.test(name),
  );
  const sum = (key) => critical.reduce((total, name) => total + files[name][key], 0);
  return { critical_path: { files: critical.sort(), raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") }, files };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = "dist", ...rest] = process.argv.slice(2);
  const budgetAt = rest.indexOf("--budget");
  const budget = budgetAt >= 0 ? Number(rest[budgetAt + 1]) : null;
  const { critical_path, files } = await sizes(dir);
  const report = { critical_path, budget_brotli: budget, files };
  console.log(JSON.stringify(report, null, 2));
  if (budget !== null && report.critical_path.brotli > budget) {
    console.error(`size budget exceeded: first load is ${report.critical_path.brotli} B brotli, budget ${budget} B`);
    process.exit(1);
  }
  if (budget !== null) console.error(`size budget met: first load ${report.critical_path.brotli} B brotli of ${budget} B (1 passed, 0 failed)`);
}
