// Backup: export the log, import it back after a reset, and refuse bad files with a clear
// message while changing nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, start } from "./support.mjs";
import { App, Quiz, importBackup as importFile } from "./pages.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("an exported backup restores progress after a reset; bad files change nothing", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/test/generative-ai");
  await new Quiz(page).finishWithDontKnow();

  await app.open("/settings");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export backup" }).click()]);
  assert.match(download.suggestedFilename(), /^prepwise-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = await readFile(await download.path());
  const parsed = JSON.parse(backup.toString());
  assert.equal(parsed.format, "prepwise-backup");
  assert.equal(parsed.version, 1);
  assert.equal(parsed.count, 5);

  const bad = {
    "truncated.json": backup.subarray(0, backup.length / 2),
    "not-json.json": Buffer.from("this is not json"),
    "other-app.json": Buffer.from(JSON.stringify({ format: "other", version: 1, exported_at_ms: 0, events: [] })),
    "hostile.json": Buffer.from(JSON.stringify({ ...parsed, events: Buffer.from("<img src=x onerror=alert(1)>").toString("base64") })),
    "newer.json": Buffer.from(JSON.stringify({ ...parsed, version: 99 })),
    "oversized.json": Buffer.alloc(21 * 1024 * 1024, 32),
  };
  for (const [name, buffer] of Object.entries(bad)) {
    assert.match(await importFile(page, name, buffer), /^Nothing was imported: /, name);
  }
  assert.equal(await page.locator("main img, .notice img").count(), 0, "nothing from a file is rendered as HTML");

  await page.getByRole("button", { name: "Reset progress…" }).click();
  await page.getByRole("button", { name: "Delete my progress" }).click();
  await page.getByText("Your progress was deleted.").waitFor();

  assert.equal(await importFile(page, "backup.json", backup), "Imported 5 new entries (0 already here).");
  assert.equal(await importFile(page, "backup-again.json", backup), "Imported 0 new entries (5 already here).");

  await page.reload();
  await app.open("/");
  assert.match(await page.locator(".topic-card", { hasText: "Generative AI" }).textContent(), /5 of \d+ questions answered/);
  assert.deepEqual(page.problems, []);
  await page.close();
});
