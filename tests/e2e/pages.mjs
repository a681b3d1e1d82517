// Page objects: what a person sees and does, by role and label.
import assert from "node:assert/strict";

export class App {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  /** Opens a path and waits for its heading and, unless `progress` is false, for the saved progress to be loaded (the app root stops being aria-busy). */
  async open(path = "/", { progress = true } = {}) {
    await this.page.goto(this.baseUrl + path);
    await this.page.getByRole("heading", { level: 1 }).first().waitFor();
    if (progress) await this.progressLoaded();
  }

  async progressLoaded() {
    await this.page.locator("#app:not([aria-busy])").waitFor({ state: "attached" });
  }

  link(name) {
    return this.page.getByRole("link", { name });
  }

  /** A topic page's test link: the full test, or a free test of a locked topic's sample. */
  startTest() {
    return this.link(/^(Start a 5-question test|Try 5 free questions)$/);
  }

  heading(name) {
    return this.page.getByRole("heading", { name });
  }
}

export class Quiz {
  constructor(page) {
    this.page = page;
  }

  /** Waits for "Question n of total" and returns n. */
  async current() {
    const counter = this.page.getByText(/^Question \d+ of \d+$/);
    await counter.waitFor();
    const [, n, total] = (await counter.textContent()).match(/Question (\d+) of (\d+)/);
    return { n: Number(n), total: Number(total) };
  }

  options() {
    return this.page.locator("fieldset.choices li");
  }

  /** Whether the question shown is an open (interview) one: a test ends with one by default. */
  async isOpen() {
    await this.page.locator("#question-prompt").waitFor();
    return (await this.page.locator(".open-question").count()) > 0;
  }

  /** Answers with the keyboard: the option's number and Enter; on an open question, Enter to
   * reveal, the key point's number to tick it and Enter to confirm. */
  async answerWithKeys(optionNumber) {
    if (await this.isOpen()) {
      await this.page.keyboard.press("Enter");
      await this.page.getByRole("group", { name: "Key points" }).waitFor();
      await this.page.keyboard.press(String(optionNumber));
      await this.page.keyboard.press("Enter");
      await this.page.getByRole("status").filter({ hasText: /key points covered/ }).waitFor();
      return;
    }
    await this.page.keyboard.press(String(optionNumber));
    await this.page.keyboard.press("Enter");
    await this.page.getByRole("status").filter({ hasText: /Correct|Not quite|Here is the answer/ }).waitFor();
  }

  async dontKnow() {
    await this.page.getByRole("button", { name: "I don't know" }).click();
    await this.page.getByRole("status").filter({ hasText: /Here is the answer|Here is a model answer/ }).waitFor();
  }

  async next() {
    await this.page.getByRole("button", { name: /^(Continue|See results|Done)/ }).click();
  }

  /** Answers every remaining question with "I don't know" and opens the results. */
  async finishWithDontKnow() {
    for (;;) {
      const { n, total } = await this.current();
      await this.dontKnow();
      await this.next();
      if (n === total) break;
      await this.page.getByText(`Question ${n + 1} of ${total}`).waitFor();
    }
    await this.page.getByRole("heading", { name: /of \d+ correct/ }).waitFor();
  }

  async feedbackShowsTheAnswerAndWhy() {
    await this.page.locator(".choice.correct").first().waitFor();
    assert.ok(await this.page.locator(".explanation").isVisible(), "the explanation is shown");
    assert.ok((await this.page.locator(".choice.correct .choice-mark").count()) >= 1, "the right answer is marked");
  }
}

/** The service worker and the update prompt, as the page sees them. */
export class Offline {
  constructor(page) {
    this.page = page;
  }

  /** Waits (30 s at most) until a service worker is active and controls the page (its precache is complete). */
  async waitForControl() {
    await this.page.evaluate(async () => {
      const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error("no service worker took control in 30 s")), 30000));
      const control = (async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((ok) => navigator.serviceWorker.addEventListener("controllerchange", ok, { once: true }));
        }
      })();
      await Promise.race([control, timeout]);
    });
  }

  /** Asks the browser to look for a new service worker now, and waits until one is installed and waiting. */
  async checkForUpdateAndWaitForIt() {
    await this.page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update();
      const worker = registration.waiting ?? registration.installing;
      if (!worker) throw new Error("no new service worker was found");
      if (worker.state !== "installed") {
        await new Promise((ok, fail) => {
          setTimeout(() => fail(new Error("the new service worker did not install in 30 s")), 30000);
          worker.addEventListener("statechange", () => {
            if (worker.state === "installed") ok();
            if (worker.state === "redundant") fail(new Error("the new service worker failed to install"));
          });
        });
      }
    });
  }

  /** The Cache Storage caches of this origin. */
  async cacheNames() {
    return this.page.evaluate(() => caches.keys());
  }

  updateBanner() {
    return this.page.getByRole("status").filter({ hasText: "A new version of Prepwise is ready" });
  }

  /** Per topic on the home page: title → questions answered. */
  async answeredPerTopic() {
    const cards = this.page.locator("a.topic-card");
    await cards.first().waitFor();
    const result = {};
    for (const card of await cards.all()) {
      const title = (await card.locator(".topic-title").textContent()).trim();
      const meta = await card.getByText(/\d+ of \d+ questions answered/).textContent();
      result[title] = Number(meta.match(/(\d+) of/)[1]);
    }
    return result;
  }
}

/** Runs `action`, then waits for the text of `selector` to change, and returns the new text. */
export async function statusAfter(page, selector, action) {
  const status = page.locator(selector);
  const before = await status.textContent();
  await action();
  await page.waitForFunction(([sel, prev]) => document.querySelector(sel).textContent !== prev, [selector, before]);
  return status.textContent();
}

/** Imports a backup file on Settings and returns the status message it produced. */
export function importBackup(page, name, buffer) {
  return statusAfter(page, ".import-status", () =>
    page.locator('input[type="file"]').setInputFiles({ name, mimeType: "application/json", buffer }),
  );
}
