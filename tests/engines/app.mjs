// The one place that knows Prepwise's UI for the Firefox and WebKit journeys: every label,
// heading and structural locator they use, and the steps a person takes with them. When the UI's
// words change (the answer buttons, a first-run screen), this file changes and the journeys do not.
// Labels are read from src/routes/home.rs, src/components/question.rs,
// src/components/sitting.rs (the sitting's head and action bar) and src/components/results.rs.
// Button names are matched from their start: a keyboard hint ("Enter") may follow the label.

export const UI = {
  /** Home's h1: "Practise for your next AI, ML or Python interview". */
  homeHeading: { role: "heading", level: 1, name: /interview/i },
  /** Home's section above the topic list, and one topic in it. */
  topicsHeading: { role: "heading", name: /^Topics/ },
  topicCard: { css: "ul.topic-list a.topic-card" },
  /** "Question 2 of 5" above each question. */
  counter: { css: ".sitting-head .counter" },
  counterText: /^Question (\d+) of (\d+)$/,
  counterFor: (n, total) => `Question ${n} of ${total}`,
  /** The question's prompt (its text tells two questions apart). */
  prompt: { css: "#question-prompt" },
  /** The first option of a question (radio or checkbox), clicked by its label. */
  firstOption: { css: "fieldset.choices li label", index: 0 },
  submit: { role: "button", name: /^Check/ },
  /** An open (interview) question, which a test ends with by default: Reveal, tick a key
   * point, Confirm. */
  openQuestion: ".open-question",
  reveal: { role: "button", name: /^Reveal/ },
  firstPoint: { css: "fieldset.points li label", index: 0 },
  confirm: { role: "button", name: /^Confirm/ },
  /** After an answer: the verdict in the action bar at the bottom of the screen. */
  verdict: { css: ".action-bar .verdict" },
  nextQuestion: { role: "button", name: /^Continue/ },
  seeResults: { role: "button", name: /^See results/ },
  /** Either of the two, whichever the question shows. */
  nextOrResults: { role: "button", name: /^(Continue|See results)/ },
  /** The results' score heading: "3 of 5 correct". */
  resultsHeading: { role: "heading", name: /^\d+ of \d+ correct$/ },
  /** Pages checked for sideways overflow, with the h1 each shows once rendered. */
  pages: {
    "/": { role: "heading", level: 1, name: /interview/i },
    "/stats": { role: "heading", level: 1, name: "Stats" },
    "/settings": { role: "heading", level: 1, name: "Settings" },
    "/search": { role: "heading", level: 1, name: "Search" },
    "/review": { role: "heading", level: 1, name: "Review" },
    "/bookmarks": { role: "heading", level: 1, name: "Bookmarks" },
    "/welcome": { role: "heading", level: 1, name: "What role are you preparing for?" },
  },
  /** The first run: home's way in, its three steps, and the button that ends it. */
  getStarted: { role: "link", name: "Get started" },
  roleStep: { role: "heading", level: 1, name: "What role are you preparing for?" },
  firstRole: { css: 'input[name="track"]', index: 0 },
  dateStep: { role: "heading", level: 1, name: "When is your interview?" },
  justPractising: { role: "button", name: "Just practising" },
  goalStep: { role: "heading", level: 1, name: "How much a day?" },
  startFirst: { role: "button", name: "Start your first 5 questions" },
  /** A topic whose test the journeys take. */
  topicTest: "/test/python-fundamentals",
};

// Runs in the page: the app has loaded the saved progress (the root stops being aria-busy).
const progressLoaded = () => document.querySelector("#app:not([aria-busy])") !== null;

/**
 * Opens a path of the app and waits until the app has rendered it and loaded the saved
 * progress; `ready` is what the page shows when it is there (home's heading by default).
 * Every journey enters the app through here: a first-run screen would be passed here.
 */
export async function open(browser, url, ready = UI.homeHeading) {
  await browser.goto(url);
  await waitForApp(browser, ready);
}

/** After a load or reload: waits for `ready` to show and for the progress to be loaded. */
export async function waitForApp(browser, ready) {
  await browser.waitFor(ready);
  await browser.waitUntil("the saved progress to be loaded (#app without aria-busy)", `(${progressLoaded})()`);
}

/** The question shown now, as { n, total }, once one is shown. */
export async function currentQuestion(browser) {
  const text = await browser.text(UI.counter);
  const match = text.match(UI.counterText);
  if (!match) throw new Error(`the question counter reads "${text}"`);
  return { n: Number(match[1]), total: Number(match[2]) };
}

/** Answers the question shown with its first option, and waits for the feedback. */
export async function answerFirstOption(browser) {
  await browser.waitFor(UI.prompt);
  const open = await browser.evaluate((css) => document.querySelector(css) !== null, UI.openQuestion);
  if (open) {
    await browser.click(UI.reveal);
    await browser.click(UI.firstPoint);
    await browser.click(UI.confirm);
  } else {
    await browser.click(UI.firstOption);
    await browser.click(UI.submit);
  }
  await browser.waitFor(UI.verdict);
}

/**
 * From the question shown, answers every remaining one with its first option and opens the
 * results; returns how many questions it answered. Each step waits for the next counter, so a
 * question that did not advance fails with its number.
 */
export async function finishTest(browser) {
  let answered = 0;
  for (;;) {
    const { n, total } = await currentQuestion(browser);
    await answerFirstOption(browser);
    answered++;
    if (n === total) {
      await browser.click(UI.seeResults);
      await browser.waitFor(UI.resultsHeading);
      return answered;
    }
    await browser.click(UI.nextQuestion);
    await waitForQuestion(browser, n + 1, total);
  }
}

// Runs in the page: how many records the app's IndexedDB log holds (database "prepwise", store
// "events"; as tests/e2e/support.mjs reads it).
async function countStoredEvents() {
  const db = await new Promise((ok, fail) => {
    const request = indexedDB.open("prepwise");
    request.onsuccess = () => ok(request.result);
    request.onerror = () => fail(request.error);
  });
  try {
    return await new Promise((ok, fail) => {
      const count = db.transaction("events").objectStore("events").count();
      count.onsuccess = () => ok(count.result);
      count.onerror = () => fail(count.error);
    });
  } finally {
    db.close();
  }
}

/** How many records the app's IndexedDB log holds now. */
export function storedAnswers(browser) {
  return browser.evaluate(countStoredEvents);
}

/** Waits until the app's IndexedDB log holds more than `count` records. */
export async function waitForStoredAnswersAbove(browser, count) {
  await browser.waitUntil(`more than ${count} records in IndexedDB`, `(${countStoredEvents})().then((n) => n > ${count})`);
}

/** Waits until the question counter reads question `n` of `total`. */
export async function waitForQuestion(browser, n, total) {
  const text = UI.counterFor(n, total);
  await browser.waitUntil(`"${text}"`, (css, want) => document.querySelector(css)?.textContent === want, UI.counter.css, text);
}
