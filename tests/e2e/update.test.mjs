// Updates: a new build deployed while a test is in progress is installed in the background but
// never offered mid-test; once the test is over the app says a new version is ready, applies it
// on "Update" (one reload, under the new worker, the old build's cache gone), and every answer
// given is still there.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DIST, openPage, start } from "./support.mjs";
import { App, Offline, Quiz } from "./pages.mjs";

let env;
let buildB;
before(async () => (env = await start()));
after(async () => {
  await env?.close();
  if (buildB) await rm(buildB, { recursive: true, force: true });
});

/** Build B: a copy of dist/ whose service worker carries another build version. */
async function deployableCopy() {
  const dir = await mkdtemp(join(tmpdir(), "prepwise-build-b-"));
  await cp(DIST, dir, { recursive: true });
  const sw = await readFile(join(dir, "sw.js"), "utf8");
  const [, version] = sw.match(/const BUILD = "([^"]+)";/);
  await writeFile(join(dir, "sw.js"), sw.replace(`const BUILD = "${version}";`, `const BUILD = "${version}b";`));
  // The build's precompressed copies are of the old sw.js: a deploy that edits a file must drop
  // (or remake) them, or the server keeps sending the old worker.
  await rm(join(dir, "sw.js.br"));
  await rm(join(dir, "sw.js.gz"));
  return { dir, oldCache: `prepwise-${version}`, newCache: `prepwise-${version}b` };
}

test("a new build waits for the end of the test and for the learner's go-ahead", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const quiz = new Quiz(page);
  const offline = new Offline(page);

  await app.open("/");
  await offline.waitForControl();
  const before = await offline.answeredPerTopic();
  const topic = "Statistics and probability for ML";

  // A test, two questions answered.
  await app.link(/Statistics and probability/).click();
  await app.heading(topic).waitFor();
  await app.startTest().click();
  for (const n of [1, 2]) {
    assert.equal((await quiz.current()).n, n);
    await quiz.dontKnow();
    await quiz.next();
  }
  assert.equal((await quiz.current()).n, 3);

  // Build B is deployed and found; its worker installs and waits.
  const b = await deployableCopy();
  buildB = b.dir;
  env.serveDist(b.dir);
  await offline.checkForUpdateAndWaitForIt();
  assert.deepEqual((await offline.cacheNames()).sort(), [b.oldCache, b.newCache].sort());
  await page.waitForTimeout(500); // room for the prompt to (wrongly) appear
  assert.equal(await offline.updateBanner().count(), 0, "no update prompt during a test");
  assert.equal((await quiz.current()).n, 3, "the test carries on");

  // The test ends: now the prompt appears.
  await quiz.finishWithDontKnow();
  await offline.updateBanner().waitFor();
  const controller = () => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null);
  assert.ok((await controller()).endsWith("/sw.js"));

  // Update: the app loads once more, at home (the test is over), under the new worker; the old
  // build's cache is gone.
  const reloaded = page.waitForEvent("load");
  await offline.updateBanner().getByRole("button", { name: "Update" }).click();
  await reloaded;
  await app.heading(/interview/i).waitFor();
  assert.equal(new URL(page.url()).pathname, "/");
  assert.deepEqual(await offline.cacheNames(), [b.newCache]);
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting), null);
  assert.equal(await offline.updateBanner().count(), 0, "nothing left to update");

  // Every answer is still there.
  let answered;
  for (let tries = 0; tries < 50; tries++) {
    answered = await offline.answeredPerTopic();
    if (answered[topic] >= before[topic] + 5) break;
    await page.waitForTimeout(100);
  }
  assert.equal(answered[topic], before[topic] + 5, `five answers kept: ${JSON.stringify(answered)}`);

  assert.deepEqual(page.problems, []);
  await page.close();
});
