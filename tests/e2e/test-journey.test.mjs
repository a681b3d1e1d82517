// Journey: open a topic, take a 5-question adaptive test by keyboard and mouse, get feedback
// on every answer, resume after a reload mid-test, and read the results. Also: the keyboard
// shortcut list as a dialog, and references as links wherever an explanation is shown.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("a topic test gives feedback, survives a reload and ends with results", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const quiz = new Quiz(page);

  await app.open("/");
  await app.link(/Statistics and probability/).click();
  await app.heading("Statistics and probability for ML").waitFor();
  await app.startTest().click();

  assert.deepEqual(await quiz.current(), { n: 1, total: 5 });
  assert.ok((await quiz.options().count()) >= 2);
  await page.keyboard.press("b");
  await page.getByRole("button", { name: "Bookmark", pressed: true }).waitFor();
  await quiz.answerWithKeys(1);
  await quiz.feedbackShowsTheAnswerAndWhy();
  await quiz.next();
  assert.equal((await quiz.current()).n, 2);
  const prompt = await page.locator(".prompt").textContent();

  // A reload mid-test comes back to the same question, unanswered.
  await page.reload();
  assert.deepEqual(await quiz.current(), { n: 2, total: 5 });
  assert.equal(await page.locator(".prompt").textContent(), prompt);

  // Home offers to continue it.
  await app.open("/");
  await app.link(/Statistics and probability for ML test\s*Continue · 1 of 5 answered/).click();
  assert.equal((await quiz.current()).n, 2);

  // Checking shows the verdict in the action bar, and the focus goes to Continue there (the
  // card is not rendered again: the focus would jump back to the prompt).
  await quiz.options().first().locator("label").click();
  await page.getByRole("button", { name: "Check" }).click();
  await page.locator(".action-bar .verdict").waitFor();
  assert.match(await page.evaluate(() => document.activeElement?.textContent), /^Continue/);
  await quiz.next();
  assert.equal((await quiz.current()).n, 3);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "question-prompt", "a new question takes the focus");

  await quiz.finishWithDontKnow();
  await page.getByRole("heading", { name: "Readiness" }).waitFor();
  assert.ok(await page.getByText(/Study next:/).isVisible());
  assert.equal(await page.locator(".result-item").count(), 5);

  // The bookmark from the first question waits on the review page.
  await page.getByRole("link", { name: "Review", exact: true }).click();
  await page.getByRole("link", { name: /^Bookmarks \(1\)/ }).waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a mixed test draws from several topics", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/");
  await app.link(/Mixed test/).click();
  const quiz = new Quiz(page);
  await quiz.finishWithDontKnow();
  const topics = await page.locator(".readiness-change .topic-title").count();
  assert.ok(topics >= 2 && topics <= 5, `readiness shown for the ${topics} topics the test touched, not all 12`);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("the keyboard shortcut list opens as a dialog over the page, takes the focus and gives it back", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  const quiz = new Quiz(page);
  await app.open("/test/python-fundamentals");
  await quiz.current();
  const opener = page.getByRole("button", { name: "Keyboard shortcuts (?)" });
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  const focusIsIn = (locator) => locator.evaluate((el) => el.contains(document.activeElement));

  // By the button, at the foot of the page: the list is on screen at once, not below the fold.
  await opener.click();
  await dialog.waitFor();
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, `the dialog is within the viewport: ${JSON.stringify(box)}`);
  assert.ok(await focusIsIn(dialog), "the focus moved into the dialog");
  // Keys belong to the dialog while it is open: a digit does not pick an option beneath it.
  await page.keyboard.press("1");
  assert.equal(await page.locator(".choice.selected").count(), 0);
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.ok(await focusIsIn(opener), "Escape closed it and the focus is back on the button");

  // By the ? key, from the question: the Close button closes it and the focus goes back.
  await page.locator("#question-prompt").focus();
  await page.keyboard.press("?");
  await dialog.waitFor();
  assert.ok(await focusIsIn(dialog));
  await dialog.getByRole("button", { name: "Close" }).click();
  await dialog.waitFor({ state: "hidden" });
  assert.ok(await focusIsIn(page.locator("#question-prompt")), "the focus is back on the question");
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("references with an address are links that open in a new tab, in feedback and results", async () => {
  // Its own browser: a fresh log, so the bookmark practised below is the only one.
  const own = await start();
  try {
    const page = await openPage(own.context);
    const app = new App(page, own.baseUrl);
    const quiz = new Quiz(page);
    const reference = () => page.getByRole("link", { name: /^PEP 709: Inlined comprehensions/ });
    async function assertNewTabLink(where) {
      const link = reference();
      await link.waitFor();
      assert.equal(await link.getAttribute("href"), "https://peps.python.org/pep-0709/", where);
      assert.equal(await link.getAttribute("target"), "_blank", where);
      assert.equal(await link.getAttribute("rel"), "noopener noreferrer", where);
    }

    // The question on its own page: a title without an address stays text.
    await app.open("/question/pyf-014");
    await page.getByRole("button", { name: "Bookmark" }).click();
    await quiz.dontKnow();
    await assertNewTabLink("on the question page");
    assert.ok(await page.getByText("What's New In Python 3.12").isVisible());
    assert.equal(await page.getByRole("link", { name: /What's New/ }).count(), 0);

    // In a sitting (practising the bookmark): the feedback, then the results.
    await app.open("/bookmarks");
    await page.getByRole("button", { name: "Practise 1 bookmarked" }).click();
    await quiz.dontKnow();
    await assertNewTabLink("in the feedback");
    await quiz.next();
    await page.getByRole("heading", { name: /of 1 correct/ }).waitFor();
    await page.locator(".result-item summary").click();
    await assertNewTabLink("in the results");
    assert.deepEqual(page.problems, []);
  } finally {
    await own.close();
  }
});
