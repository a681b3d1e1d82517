// Phone-first, at 360×640: the verdict and Continue stay on screen after every answer, results
// open at their score, nothing scrolls sideways, the first run, the plan, search with a typo and
// Back, bookmarks, sittings that are never lost (the phantom card, the daily half done), and no
// flash of the wrong theme.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

/** Every question of the real corpus, as the content compiler exports it. */
const corpus = JSON.parse(
  execFileSync("./x", ["content", "export", "--json"], { encoding: "utf8", maxBuffer: 64 << 20 }),
);

let env;
before(async () => (env = await start()));
after(async () => env?.close());

/** The viewport box of `locator`, asserted to lie inside the 360×640 window. */
async function assertInView(page, locator, what) {
  const box = await locator.boundingBox();
  const { width, height } = page.viewportSize();
  assert.ok(box, `${what} is rendered`);
  assert.ok(box.y >= 0 && box.y + box.height <= height && box.x >= 0 && box.x + box.width <= width, `${what} is inside the ${width}×${height} window: ${JSON.stringify(box)}`);
}

test("after Check, the verdict and Continue are on screen for every kind and the longest question", async () => {
  const size = (q) => q.prompt.length + (q.code?.text.length ?? 0) + q.choices.reduce((n, c) => n + c.text.length + (c.why?.length ?? 0), 0) + q.explanation.length;
  // Multiple choice the free tier opens (a locked one shows the unlock card instead; open
  // questions have their own test in open.test.mjs).
  const open = corpus.filter((q) => q.free && q.kind !== "open");
  const longest = open.reduce((a, b) => (size(b) > size(a) ? b : a));
  const picks = ["single", "multi", "true_false", "code_output"].map((kind) => open.find((q) => q.kind === kind));
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  for (const question of [...picks, longest]) {
    const what = `${question.id} (${question.kind})`;
    await app.open(`/question/${question.id}`);
    await page.locator("#question-prompt").waitFor();
    // Check sits in the bar before an answer, even on a long question.
    await assertInView(page, page.getByRole("button", { name: "Check" }), `Check on ${what}`);
    // Pick a wrong option when there is one: the verdict then says more.
    const wrong = question.choices.findIndex((c) => !c.correct);
    const shown = await page.locator(".choice .choice-text").allTextContents();
    const target = shown.findIndex((t) => t.trim().length > 0 && question.choices[wrong]?.text.replace(/[`*]/g, "").includes(t.trim().slice(0, 12)));
    await page.locator(".choice label").nth(Math.max(0, target)).click();
    await page.getByRole("button", { name: "Check" }).click();
    const verdict = page.locator(".action-bar .verdict");
    await verdict.waitFor();
    await assertInView(page, verdict, `the verdict on ${what}`);
    await assertInView(page, page.getByRole("button", { name: /^(Continue|Done)/ }), `Continue on ${what}`);
    // The learner's own pick is marked as theirs.
    assert.equal(await page.locator(".choice.picked .choice-mark").count() >= 1, true, `the pick is labelled on ${what}`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a partly right multi-answer says how partly", async () => {
  const question = corpus.find((q) => q.kind === "multi" && q.choices.filter((c) => c.correct).length >= 2);
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open(`/question/${question.id}`);
  await page.locator("#question-prompt").waitFor();
  // Tick exactly one correct option, found by its text.
  const correct = question.choices.find((c) => c.correct).text.replace(/[`*_]/g, "");
  const labels = page.locator(".choice label");
  const texts = await page.locator(".choice .choice-text").allTextContents();
  const at = texts.findIndex((t) => correct.includes(t.trim()) || t.includes(correct.trim()));
  assert.ok(at >= 0, `found the correct option "${correct}" among ${JSON.stringify(texts)}`);
  await labels.nth(at).click();
  await page.getByRole("button", { name: "Check" }).click();
  const total = question.choices.filter((c) => c.correct).length;
  await page.locator(".verdict-detail").filter({ hasText: `1 of ${total} right.` }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("results open at the top with the focus on the score", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/test/statistics");
  await new Quiz(page).finishWithDontKnow();
  const heading = page.getByRole("heading", { name: /of 5 correct/ });
  await assertInView(page, heading, "the score");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "results-title");
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  // Retrying the misses is one tap away.
  await page.getByRole("button", { name: "Retry the 5 you missed" }).click();
  assert.deepEqual(await new Quiz(page).current(), { n: 1, total: 5 });
  assert.equal(new URL(page.url()).pathname, "/retry");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("finishing a test leaves no phantom Continue card at home", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/test/python-internals");
  await new Quiz(page).finishWithDontKnow();
  await page.getByRole("link", { name: "Home", exact: true }).first().click();
  await page.locator(".topic-card").first().waitFor();
  assert.equal(await page.locator(".continue-card").filter({ hasText: "Python internals" }).count(), 0, "no new test was started behind the learner's back");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a half-done daily resumes from home, and a topic test started meanwhile does not lose it", async () => {
  const own = await start();
  try {
    const page = await openPage(own.context);
    await page.clock.setFixedTime(new Date(2026, 5, 2, 10, 0));
    const app = new App(page, own.baseUrl);
    const quiz = new Quiz(page);
    await app.open("/daily");
    await quiz.dontKnow();
    await quiz.next();
    assert.equal((await quiz.current()).n, 2);

    // Home: the daily is not done; its card and a Continue card both say so.
    await app.open("/");
    await page.getByText("1 of 5 answered: continue").waitFor();
    // A topic test in the middle of the daily.
    await app.open("/test/statistics");
    await quiz.dontKnow();
    await app.open("/");
    await app.link(/Daily challenge\s*1 of 5 answered: continue/).click();
    assert.deepEqual(await quiz.current(), { n: 2, total: 5 });
    assert.equal(new URL(page.url()).pathname, "/daily");
    // And the topic test is still there too.
    await app.open("/");
    await app.link(/Statistics and probability for ML test\s*Continue · 1 of 5 answered/).click();
    assert.equal((await quiz.current()).n, 1);
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});

test("the first run asks three skippable things, then starts five easy questions in the track", async () => {
  const own = await start();
  try {
    const page = await openPage(own.context);
    const app = new App(page, own.baseUrl);
    await app.open("/");
    await page.getByRole("link", { name: "Get started" }).click();
    await app.heading("What role are you preparing for?").waitFor();
    // A tap on a role answers the first step.
    await page.getByRole("radio", { name: /AI engineer/ }).click();
    await app.heading("When is your interview?").waitFor();
    await page.getByRole("button", { name: "Just practising" }).click();
    await app.heading("How much a day?").waitFor();
    await page.getByRole("button", { name: "Start your first 5 questions" }).click();
    assert.deepEqual(await new Quiz(page).current(), { n: 1, total: 5 });
    assert.equal(new URL(page.url()).pathname, "/start");
    await new Quiz(page).dontKnow();
    // Home now speaks of the track and offers no first run.
    await app.open("/");
    await app.heading(/Topics for AI engineer/).waitFor();
    await page.getByText(/AI engineer \(LLM applications\) readiness:/).waitFor();
    assert.equal(await page.getByRole("link", { name: "Get started" }).count(), 0);
    assert.ok(await page.getByText(/Your first questions/).isVisible(), "the first sitting can be continued");
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});

test("with an interview date, home shows the days left and what to work on first", async () => {
  const own = await start();
  try {
    const page = await openPage(own.context);
    await page.clock.setFixedTime(new Date(2026, 5, 2, 10, 0));
    const app = new App(page, own.baseUrl);
    await app.open("/settings");
    await page.getByLabel("Role").selectOption({ label: "ML engineer" });
    await page.getByLabel("Interview date").fill("2026-06-30");
    await page.getByLabel("Interview date").dispatchEvent("change");
    await page.getByText("Saved.").waitFor();
    await app.open("/");
    const plan = page.getByRole("region", { name: /days to your interview/ });
    await plan.waitFor();
    assert.match(await plan.textContent(), /29 days to your interview/);
    assert.match(await plan.textContent(), /answers a day/);
    assert.ok((await plan.getByRole("listitem").count()) >= 1, "topics to work on first");
    assert.match(await plan.textContent(), /answer \d+ more to see a forecast|on track|ready/i);
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});

test("search forgives a typo, marks the match, keeps the query in the address and on Back", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/search");
  await page.getByRole("searchbox").fill("atention");
  await page.getByRole("status").filter({ hasText: /\d+ questions? match/ }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get("q"), "atention");
  const mark = page.locator("a.search-hit mark").first();
  await mark.waitFor();
  assert.match(await mark.textContent(), /^attention/i);
  // The whole card is the link: a tap on its topic line opens the question.
  await page.locator("a.search-hit", { hasNotText: "locked" }).first().locator(".topic-meta").click();
  await page.locator("#question-prompt").waitFor();
  await page.goBack();
  await page.getByRole("searchbox").waitFor();
  assert.equal(await page.getByRole("searchbox").inputValue(), "atention");
  await page.locator("a.search-hit mark").first().waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("bookmarks have their own page listing prompts, not ids", async () => {
  const own = await start();
  try {
    const page = await openPage(own.context);
    const app = new App(page, own.baseUrl);
    await app.open("/bookmarks");
    await app.heading("Bookmarks").waitFor();
    await app.open("/question/pyf-001");
    await page.getByRole("button", { name: "Bookmark" }).click();
    await app.open("/bookmarks");
    const row = page.locator(".question-rows a").first();
    await row.waitFor();
    await page.waitForFunction(() => !document.querySelector(".question-rows a")?.textContent.includes("Loading"));
    const text = await row.textContent();
    assert.ok(!text.includes("pyf-001"), `no internal id in "${text}"`);
    assert.match(text, /Python fundamentals · level \d/);
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});

test("nothing scrolls sideways at 320 px, or at 360 px with text at 120 %", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const paths = ["/", "/welcome", "/topic/python-fundamentals", "/test/python-advanced", "/daily", "/review", "/bookmarks", "/search?q=generator", "/stats", "/settings", "/question/pyf-001", "/no/such/page"];
  const wide = [];
  for (const [width, scale] of [[320, 1], [360, 1.2]]) {
    await page.setViewportSize({ width, height: 640 });
    for (const path of paths) {
      await app.open(path);
      await page.evaluate((s) => (document.documentElement.style.fontSize = `${s * 100}%`), scale);
      await page.waitForTimeout(50);
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width) wide.push(`${path} at ${width}px ×${scale}: ${scrollWidth}px`);
    }
  }
  await page.setViewportSize({ width: 360, height: 640 });
  assert.deepEqual(wide, []);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("every navigation target is at least 44×44 px", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/");
  const tabs = page.getByRole("navigation", { name: "Tabs" }).getByRole("link");
  assert.equal(await tabs.count(), 5);
  for (const tab of await tabs.all()) {
    const box = await tab.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `${await tab.textContent()}: ${box.width}×${box.height}`);
  }
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the stored theme is there in the first frame (no flash of the other theme)", async () => {
  const own = await start();
  try {
    const page = await openPage(own.context);
    await page.emulateMedia({ colorScheme: "light" });
    const app = new App(page, own.baseUrl);
    await app.open("/");
    await page.evaluate(() => localStorage.setItem("prepwise.theme", "dark"));
    // Before any frame is painted: the background the first frame will show.
    await page.addInitScript(() => {
      requestAnimationFrame(() => {
        window.firstFrameBackground = getComputedStyle(document.body ?? document.documentElement).backgroundColor;
      });
    });
    await page.reload();
    await page.waitForFunction(() => window.firstFrameBackground !== undefined);
    assert.equal(await page.evaluate(() => window.firstFrameBackground), "rgb(20, 22, 26)");
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});

test("long code lines scroll behind a hint, or wrap at the learner's choice (remembered)", async () => {
  const question = corpus.find((q) => q.free && q.code && q.code.text.split("\n").some((line) => line.length > 50));
  assert.ok(question, "the corpus has a code line wider than a phone");
  const own = await start();
  try {
    const page = await openPage(own.context);
    const app = new App(page, own.baseUrl);
    await app.open(`/question/${question.id}`);
    const pre = page.locator(".question .code-block pre.code");
    await pre.waitFor();
    const overflow = () => pre.evaluate((el) => el.scrollWidth - el.clientWidth);
    assert.ok((await overflow()) > 0, "the line is wider than the box");
    await page.getByText("Scroll sideways for more →").waitFor();
    await page.getByRole("button", { name: "Wrap lines" }).click();
    await page.getByRole("button", { name: "Wrap lines", pressed: true }).waitFor();
    assert.ok((await overflow()) <= 1, "wrapped, nothing is cut off");
    // Remembered on this device: the next code block wraps at once.
    await page.reload();
    await pre.waitFor();
    assert.ok((await overflow()) <= 1, "still wrapped after a reload");
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});
