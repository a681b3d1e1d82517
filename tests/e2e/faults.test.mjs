// Faults that must lose nothing: a damaged IndexedDB record, and two tabs answering at once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start, storedEventCount, waitForStoredEvents } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** Every record in an object store of the app's database. */
async function records(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("prepwise");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store).objectStore(store).getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}

test("a damaged record is set aside, the app starts, and the rest of the progress is intact", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/test/statistics");
  await new Quiz(page).finishWithDontKnow();
  assert.equal((await records(page, "events")).length, 5);

  // Damage: a record whose bytes are not an event.
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("prepwise");
        open.onsuccess = () => {
          const tx = open.result.transaction("events", "readwrite");
          tx.objectStore("events").put({ v: 1, data: new Uint8Array([255, 1, 2]) }, "00000000deadbeef");
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await app.open("/");
  await page.getByRole("alert").filter({ hasText: "1 damaged record(s)" }).waitFor();
  assert.match(await page.locator(".topic-card", { hasText: "Statistics" }).textContent(), /5 of \d+ questions answered/);
  assert.deepEqual(await records(page, "quarantine"), ["00000000deadbeef"], "kept, not deleted");
  assert.equal((await records(page, "events")).length, 5);
  await page.close();
});

test("two tabs answering at once: every answer is in the log", async () => {
  const [first, second] = [await openPage(env.context), await openPage(env.context)];
  await new App(first, env.baseUrl).open("/test/deep-learning");
  const before = (await records(first, "events")).length;
  await new App(second, env.baseUrl).open("/test/nlp-llms");
  const [a, b] = [new Quiz(first), new Quiz(second)];
  for (let i = 0; i < 5; i++) {
    await Promise.all([a.dontKnow(), b.dontKnow()]);
    await Promise.all([a.next(), b.next()]);
  }
  await first.getByRole("heading", { name: /of 5 correct/ }).waitFor();
  await second.getByRole("heading", { name: /of 5 correct/ }).waitFor();
  assert.equal((await records(first, "events")).length, before + 10);
  await new App(first, env.baseUrl).open("/stats");
  await first.getByRole("heading", { name: "Readiness over time" }).waitFor();
  assert.ok(await first.getByRole("img", { name: /^Deep learning: readiness/ }).isVisible());
  assert.ok(await first.getByRole("img", { name: /^NLP and LLMs: readiness/ }).isVisible());
  await first.close();
  await second.close();
});

/** localStorage keys of the pending-answer journal. */
async function journalKeys(page) {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("prepwise.pending.")));
}

test("an answer survives a reload that beats its IndexedDB write", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/test/ml-fundamentals");
  const quiz = new Quiz(page);
  await quiz.current();
  const before = (await records(page, "events")).length;

  // Another tab holds a write transaction on the log, so the app's write for the next answer
  // cannot commit before the reload: deterministic, where a race would only sometimes lose it.
  const blocker = await openPage(env.context);
  await new App(blocker, env.baseUrl).open("/");
  await blocker.evaluate(
    () =>
      new Promise((ready, fail) => {
        const open = indexedDB.open("prepwise");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction("events", "readwrite").objectStore("events");
          window.held = true;
          const spin = () => {
            if (window.held) store.count().onsuccess = spin;
          };
          spin();
          ready();
        };
      }),
  );

  await quiz.dontKnow();
  assert.equal((await journalKeys(page)).length, 1, "the answer is in the journal while its write waits");
  await page.reload({ waitUntil: "load" });
  await blocker.evaluate(() => (window.held = false));

  await app.open("/");
  assert.match(await page.locator(".topic-card", { hasText: "ML fundamentals" }).textContent(), /1 of \d+ questions answered/);
  await waitForStoredEvents(page, (n) => n === before + 1);
  assert.deepEqual(await journalKeys(page), [], "the journal is emptied once the log has the answer");

  // An entry whose write committed but whose removal a reload cut short: the next start drops it.
  await page.evaluate(async () => {
    const db = await new Promise((ok) => (indexedDB.open("prepwise").onsuccess = (e) => ok(e.target.result)));
    const cursor = await new Promise((ok) => (db.transaction("events").objectStore("events").openCursor().onsuccess = (e) => ok(e.target.result)));
    db.close();
    const { v, data } = cursor.value;
    localStorage.setItem(`prepwise.pending.${cursor.key}`, `${v}:${btoa(String.fromCharCode(...data))}`);
  });
  assert.equal((await journalKeys(page)).length, 1);
  await page.reload();
  await app.open("/");
  await page.locator(".topic-card").first().waitFor();
  // (A synchronous predicate: waitForFunction does not await a promise.)
  await page.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith("prepwise.pending.")), null, { timeout: 10000 });
  assert.equal(await storedEventCount(page), before + 1, "a stale entry is removed, not stored twice");
  await blocker.close();
  await page.close();
});
