// Storage the browser may take back: persistence requested and shown, the suggestion to install
// and back up when it is refused, and a full disk that loses no answer. Each test has its own
// fresh browser profile: persistence and quota are per profile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, start, storedEventCount as storedEvents, waitForStoredEvents } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

/** Runs `body(env, page, app)` in a fresh profile, then closes it. */
async function fresh(body) {
  const env = await start();
  try {
    const page = await openPage(env.context);
    await body(env, page, new App(page, env.baseUrl));
  } finally {
    await env.close();
  }
}

const persistedInPage = (page) => page.evaluate(() => navigator.storage.persisted());


test("storage the browser may clear: the app says so, suggests installing and a backup, and can be told not now", async () => {
  await fresh(async (env, page, app) => {
    await app.open("/settings");
    await page.getByText(/^Not persistent: the browser may clear it/).waitFor();
    await app.open("/");
    const hint = page.getByRole("note").filter({ hasText: "This browser may clear your progress." });
    assert.equal(await hint.count(), 0, "no suggestion before there is progress to keep");

    await app.open("/test/statistics");
    await new Quiz(page).finishWithDontKnow();
    await app.open("/");
    assert.equal(await persistedInPage(page), false, "premise: this profile's storage is not persistent");
    await hint.waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), hint.getByRole("button", { name: "Export a backup" }).click()]);
    const backup = JSON.parse(await readFile(await download.path(), "utf8"));
    assert.equal(backup.count, 5);

    // With progress worth keeping the app asked the browser (which said no).
    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByText(/^Not persistent: the browser was asked to keep it and said no\./).waitFor();
    await page.getByText(/Using [\d.]+ (bytes|KB|MB) of [\d.]+ (KB|MB|GB) available\./).waitFor();
    assert.ok(await page.getByRole("button", { name: "Ask the browser to keep it" }).isVisible());

    await page.getByRole("link", { name: "Prepwise" }).click();
    await hint.getByRole("button", { name: "Not now" }).click();
    await hint.waitFor({ state: "detached" });
    await app.open("/");
    await page.locator(".topic-card").first().waitFor();
    assert.equal(await hint.count(), 0, "not now is remembered");
    assert.deepEqual(page.problems, []);
  });
});

test("storage the browser promises to keep: the app says it is persistent and suggests nothing", async () => {
  await fresh(async (env, page, app) => {
    await app.open("/");
    const cdp = await env.context.newCDPSession(page);
    // What Chromium does for an installed app or a site the person uses a lot.
    await cdp.send("Browser.grantPermissions", { origin: env.baseUrl, permissions: ["durableStorage"] });
    await app.open("/test/python-internals");
    await new Quiz(page).finishWithDontKnow();
    assert.equal(await persistedInPage(page), true);
    await app.open("/settings");
    await page.getByText(/^Persistent storage: the browser has promised not to clear it/).waitFor();
    await app.open("/");
    await page.locator(".topic-card").first().waitFor();
    assert.equal(await page.getByRole("note").filter({ hasText: "This browser may clear your progress." }).count(), 0);
    assert.deepEqual(page.problems, []);
  });
});

test("a full disk: the app says so, keeps the answers, and saves them once there is space", async () => {
  await fresh(async (env, page, app) => {
    await app.open("/");
    const cdp = await env.context.newCDPSession(page);
    // Chromium applies a quota override to IndexedDB only before the origin's first data write.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: env.baseUrl, quotaSize: 1 });
    await app.open("/test/data-handling");
    const quiz = new Quiz(page);
    await quiz.dontKnow();
    await page.getByRole("alert").filter({ hasText: "out of storage space for Prepwise" }).waitFor();
    await quiz.next();
    await quiz.dontKnow();
    assert.equal(await storedEvents(page), 0, "premise: the writes were refused");

    // A reload while the disk is full: the answers come back from the journal.
    await page.reload();
    await app.open("/");
    const card = page.locator(".topic-card", { hasText: "Data handling" });
    await card.filter({ hasText: /2 of \d+ questions answered/ }).waitFor();
    assert.equal(await storedEvents(page), 0);

    // Space again: the next start saves them, and empties the journal.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: env.baseUrl });
    await page.reload();
    await card.filter({ hasText: /2 of \d+ questions answered/ }).waitFor();
    await waitForStoredEvents(page, (n) => n === 2);
    const pending = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("prepwise.pending.")));
    assert.deepEqual(pending, []);
  });
});
