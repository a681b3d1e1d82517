// Page objects: what a person sees and does, by role and label.
import assert from "node:assert/strict";

export class App {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async open(path = "/") {
    await this.page.goto(this.baseUrl + path);
    await this.page.getByRole("heading", { level: 1 }).first().waitFor();
  }

  link(name) {
    return this.page.getByRole("link", { name });
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

  async answerWithKeys(optionNumber) {
    await this.page.keyboard.press(String(optionNumber));
    await this.page.keyboard.press("Enter");
    await this.page.getByRole("status").filter({ hasText: /Correct|Not quite|Here is the answer/ }).waitFor();
  }

  async dontKnow() {
    await this.page.getByRole("button", { name: "I don't know" }).click();
    await this.page.getByRole("status").filter({ hasText: /Here is the answer/ }).waitFor();
  }

  async next() {
    await this.page.getByRole("button", { name: /Next question|See results/ }).click();
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
    assert.ok((await this.page.locator(".choice.correct .why-label").count()) >= 1, "the right answer is marked");
  }
}
