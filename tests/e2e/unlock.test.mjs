// The free tier and the one-time unlock, as a newcomer meets them: a locked topic offers its free
// sample and links to the unlock; a typo and a forged key are refused with their reasons and change
// nothing; a genuine key (issued at test time by the issuer CLI with this run's throwaway signing
// key, see `test_signing_key` in ./x) unlocks everything, survives a reload, travels in the backup
// file, and a backup whose key was tampered with unlocks nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { openPage, start } from "./support.mjs";
import { App, importBackup as importFile, statusAfter } from "./pages.mjs";

const SIGNING_KEY = process.env.PREPWISE_TEST_SIGNING_KEY;

let env;
before(async () => (env = await start()));
after(async () => env?.close());

function issue(purchaser) {
  assert.ok(SIGNING_KEY, "PREPWISE_TEST_SIGNING_KEY is set by ./x test (the build must trust its public key)");
  return execFileSync("target/host/license", ["issue", "--key", SIGNING_KEY, "--purchaser", purchaser]).toString().trim();
}

function enterKey(page, text) {
  return statusAfter(page, ".key-status", async () => {
    await page.getByLabel("Paste the key from your receipt").fill(text);
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
  });
}

test("a locked topic offers its sample; wrong keys are refused; a genuine key unlocks for good", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);

  await app.open("/topic/statistics");
  await page.getByRole("link", { name: "Try 5 free questions" }).waitFor();
  assert.match(await page.locator(".lock-note").textContent(), /Free to try: 10 of its \d+ questions/);
  await page.locator(".lock-note").getByRole("link", { name: "Unlock everything" }).click();
  await app.heading("Unlock everything").waitFor();
  const lede = await page.locator(".lede").textContent();
  assert.match(lede, /One purchase opens all ([\d,]+) questions in 18 topics/);
  assert.match(await page.locator("#offer-title").textContent(), /\$19/);

  const key = issue("e2e-order-1");
  assert.equal(key.length, 161);
  const groups = key.split("-");
  const swapped = groups[2][0] === "A" ? "B" : "A";
  groups[2] = swapped + groups[2].slice(1);
  assert.match(await enterKey(page, groups.join("-")), /typo in group 3/);
  assert.match(await enterKey(page, ""), /Paste your key/);
  const forged = issue("x");
  // A key whose payload is another key's: every group checks, the signature does not match.
  const mixed = forged.split("-").slice(0, 2).concat(key.split("-").slice(2)).join("-");
  assert.match(await enterKey(page, mixed), /not a genuine Prepwise key/);
  await app.open("/topic/statistics");
  await page.getByRole("link", { name: "Try 5 free questions" }).waitFor();

  await app.open("/unlock");
  assert.match(await enterKey(page, key.toLowerCase()), /^Unlocked/);
  await app.open("/topic/statistics");
  await page.getByRole("link", { name: "Start a 5-question test" }).waitFor();
  assert.equal(await page.locator(".lock-note").count(), 0);

  await page.reload();
  await app.progressLoaded();
  await page.getByRole("link", { name: "Start a 5-question test" }).waitFor();

  await app.open("/settings");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export backup" }).click()]);
  const backup = JSON.parse((await readFile(await download.path())).toString());
  const events = Buffer.from(backup.events, "base64");
  const canonical = key.toUpperCase();
  const at = events.indexOf(Buffer.from(canonical));
  assert.ok(at >= 0, "the backup carries the key's text");

  // Another device (a fresh profile): a backup whose key was edited unlocks nothing.
  const other = await start();
  try {
    const page2 = await openPage(other.context);
    const app2 = new App(page2, other.baseUrl);
    await app2.open("/settings");
    const tampered = Buffer.from(events);
    tampered[at + 40] = tampered[at + 40] === 0x41 ? 0x42 : 0x41;
    const file = (bytes) => Buffer.from(JSON.stringify({ ...backup, events: bytes.toString("base64") }));
    assert.match(await importFile(page2, "tampered.json", file(tampered)), /^Imported/);
    await app2.open("/unlock");
    assert.match(await page2.locator("[role=alert]").textContent(), /no longer unlocks: This key has a typo/);
    await app2.open("/topic/statistics");
    await page2.getByRole("link", { name: "Try 5 free questions" }).waitFor();
    // The damaged key stays in that log (merged by event id), but the genuine key entered there
    // unlocks: the keys are checked newest first and one that verifies is enough.
    await app2.open("/unlock");
    assert.match(await enterKey(page2, key), /^Unlocked/);
    await app2.open("/topic/statistics");
    await page2.getByRole("link", { name: "Start a 5-question test" }).waitFor();
    assert.deepEqual(page2.problems, []);
  } finally {
    await other.close();
  }

  // A third device: the genuine backup alone unlocks it.
  const third = await start();
  try {
    const page3 = await openPage(third.context);
    const app3 = new App(page3, third.baseUrl);
    await app3.open("/settings");
    const file = Buffer.from(JSON.stringify(backup));
    assert.match(await importFile(page3, "backup.json", file), /^Imported/);
    await app3.open("/topic/statistics");
    await page3.getByRole("link", { name: "Start a 5-question test" }).waitFor();
    assert.deepEqual(page3.problems, []);
  } finally {
    await third.close();
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});
