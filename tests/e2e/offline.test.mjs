// Offline: after one visit the service worker holds the whole app and every topic's questions.
// With the server gone, every topic opens and a test completes in each (its questions come from
// the worker's cache), deep links to app routes still load, and after a reload the progress is
// there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Offline, Quiz } from "./pages.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("after the first visit everything works with the server gone", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const quiz = new Quiz(page);
  const offline = new Offline(page);

  // First visit: the worker installs, precaches everything, and takes control.
  await app.open("/");
  await offline.waitForControl();
  const topics = await page.locator("a.topic-card").evaluateAll((cards) =>
    cards.map((card) => ({ href: card.getAttribute("href"), title: card.querySelector(".topic-title").textContent.trim() })),
  );
  assert.ok(topics.length >= 10, `${topics.length} topics on the home page`);

  await env.stopServer();
  const chunks = new Map(); // corpus URL → answered by the service worker?
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/corpus/")) chunks.set(response.url(), response.fromServiceWorker());
  });

  // The reload comes from the cache.
  await page.reload();
  await app.heading(/interview/i).waitFor();

  for (const [i, topic] of topics.entries()) {
    if (i === 0) {
      // A deep link to an app route, loaded with no server.
      await app.open(topic.href);
    } else {
      await app.open("/");
      await page.locator(`a.topic-card[href="${topic.href}"]`).click();
    }
    await page.getByRole("heading", { level: 1, name: topic.title, exact: true }).waitFor();
    await app.startTest().click();
    assert.equal((await quiz.current()).total, 5, topic.title);
    await quiz.finishWithDontKnow();
  }

  assert.equal(chunks.size, topics.length, "one question file per topic was loaded");
  for (const [url, fromWorker] of chunks) assert.ok(fromWorker, `${url} came from the service worker`);

  // Reload again, still offline: every topic shows the answers just given.
  await app.open("/");
  await page.reload();
  await app.heading(/interview/i).waitFor();
  let answered;
  for (let tries = 0; tries < 50; tries++) {
    answered = await offline.answeredPerTopic();
    if (topics.every((t) => answered[t.title] > 0)) break;
    await page.waitForTimeout(100);
  }
  for (const topic of topics) assert.ok(answered[topic.title] > 0, `progress kept for ${topic.title}: ${JSON.stringify(answered)}`);

  assert.deepEqual(page.problems, []);
  await page.close();
});
