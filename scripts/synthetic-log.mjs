// For the benchmarks: a synthetic year of N answers over the real corpus's ids (built by the
// engine's `synth_log` example), imported into the app in Chromium through Settings → Import,
// like a backup. Returns how many events the log holds once all are stored. `root` is the checkout
// whose engine writes the log for its own corpus (another revision's, for `./x bench --against`),
// `cargoEnv` what its cargo needs (its own target directory).
import { execFileSync } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { waitForStoredEvents } from "../tests/e2e/support.mjs";

export async function importSyntheticLog(page, baseUrl, n, { root = ".", cargoEnv = {} } = {}) {
  await mkdir(join(root, "target/bench"), { recursive: true });
  const logPath = `target/bench/log-${n}.bin`;
  execFileSync(
    "cargo",
    ["run", "-q", "--release", "-p", "engine", "--example", "synth_log", "--", "target/corpus/index.bin", String(n), logPath],
    { cwd: root, env: { ...process.env, ...cargoEnv }, stdio: ["ignore", "ignore", "inherit"] },
  );
  const log = await readFile(join(root, logPath));
  let count = 0; // the log's leading varint (postcard's sequence length)
  for (let i = 0, shift = 0; ; i++, shift += 7) {
    count += (log[i] & 0x7f) * 2 ** shift;
    if (log[i] < 0x80) break;
  }
  const backup = { format: "prepwise-backup", version: 1, exported_at_ms: Date.now(), count, events: log.toString("base64") };
  await page.goto(baseUrl + "/settings");
  await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
  await page.locator('input[type="file"]').setInputFiles({
    name: "bench.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(backup)),
  });
  await page.locator(".import-status").filter({ hasText: /Imported/ }).waitFor({ timeout: 120000 });
  // The log is complete when IndexedDB holds every event.
  await waitForStoredEvents(page, (stored) => stored >= count, 300000);
  return count;
}
