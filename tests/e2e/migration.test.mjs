// Progress written by an older version of the app: the database of version 1 (its stores and its
// records, byte for byte from tests/fixtures/events-v1.txt) opens in this version, which waits
// for a tab of the old version to let go, upgrades it and shows the progress.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { openPage, start, storedEventCount } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

/** The fixture's records as [key, version, base64]; the key is the event id (postcard varint after the version byte) as 16 hex digits. */
async function version1Records() {
  const text = await readFile("tests/fixtures/events-v1.txt", "utf8");
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const [v, data] = line.split(" ");
      const bytes = Buffer.from(data, "base64");
      let id = 0n;
      for (let i = 1, shift = 0n; ; i++, shift += 7n) {
        id |= BigInt(bytes[i] & 0x7f) << shift;
        if (bytes[i] < 0x80) break;
      }
      return [id.toString(16).padStart(16, "0"), Number(v), data];
    });
}

test("a version-1 database: the app waits for the old tab, upgrades it and shows the progress", async () => {
  const env = await start();
  try {
    // A tab of version 1: it created the database and keeps it open, deaf to upgrade requests.
    const oldTab = await openPage(env.context);
    await oldTab.goto(env.baseUrl + "/favicon.svg");
    await oldTab.evaluate(async (records) => {
      const open = indexedDB.open("prepwise", 1);
      open.onupgradeneeded = () => {
        for (const store of ["events", "quarantine", "state"]) open.result.createObjectStore(store);
      };
      const db = await new Promise((ok, fail) => {
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      const tx = db.transaction("events", "readwrite");
      for (const [key, v, data] of records) {
        tx.objectStore("events").put({ v, data: Uint8Array.from(atob(data), (c) => c.charCodeAt(0)) }, key);
      }
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      window.oldDatabase = db;
    }, await version1Records());

    const page = await openPage(env.context);
    const app = new App(page, env.baseUrl);
    await app.open("/", { progress: false });
    await page.getByRole("alert").filter({ hasText: "close its other tabs or windows to finish" }).waitFor();
    assert.equal(await page.locator("#app[aria-busy=true]").count(), 1, "busy while the progress waits");

    await oldTab.close();
    const card = page.locator(".topic-card", { hasText: "Python fundamentals" });
    await card.filter({ hasText: /1 of \d+ questions answered/ }).waitFor();
    assert.equal(await page.getByRole("alert").count(), 0, "the wait is over and said no more");
    const [version, stores] = await page.evaluate(async () => {
      const db = await new Promise((ok) => (indexedDB.open("prepwise").onsuccess = (e) => ok(e.target.result)));
      db.close();
      return [db.version, [...db.objectStoreNames]];
    });
    const events = await storedEventCount(page);
    assert.equal(version, 2);
    assert.deepEqual(stores, ["events", "quarantine", "snapshots", "state"]);
    assert.equal(events, 7, "every version-1 record is still there");

    // The stats count the three version-1 answers.
    await page.getByRole("link", { name: "Stats" }).click();
    await page.getByRole("heading", { name: "Readiness over time" }).waitFor();
    assert.ok(await page.getByRole("img", { name: /^Python fundamentals: readiness/ }).isVisible());
    assert.deepEqual(page.problems, []);
  } finally {
    await env.close();
  }
});

test("a database of a newer version: the app says so, deletes nothing, and keeps new answers for it", async () => {
  const env = await start();
  try {
    const setup = await openPage(env.context);
    await setup.goto(env.baseUrl + "/favicon.svg");
    await setup.evaluate(async () => {
      const open = indexedDB.open("prepwise", 99);
      open.onupgradeneeded = () => open.result.createObjectStore("future").put("kept", "k");
      const db = await new Promise((ok) => (open.onsuccess = () => ok(open.result)));
      db.close();
    });
    await setup.close();

    const page = await openPage(env.context);
    const app = new App(page, env.baseUrl);
    await app.open("/test/statistics");
    await page.getByRole("alert").filter({ hasText: "saved by a newer version of Prepwise; reload the page to get it" }).waitFor();
    await new Quiz(page).dontKnow();
    const [version, kept, journal] = await page.evaluate(async () => {
      const db = await new Promise((ok) => (indexedDB.open("prepwise").onsuccess = (e) => ok(e.target.result)));
      const value = await new Promise((ok) => (db.transaction("future").objectStore("future").get("k").onsuccess = (e) => ok(e.target.result)));
      db.close();
      return [db.version, value, Object.keys(localStorage).filter((k) => k.startsWith("prepwise.pending.")).length];
    });
    assert.equal(version, 99, "the newer database is untouched");
    assert.equal(kept, "kept");
    assert.equal(journal, 1, "the answer waits in the journal for the version that can store it");
  } finally {
    await env.close();
  }
});
