// Journeys: offline search, stats after some practice, and settings (theme, streaks, reset).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("stats draw readiness, activity and accuracy after practice", async () => {
  const page = await openPage(env.context);
  // A fixed local clock, so that "today" cannot change between answering and reading the stats.
  const now = new Date(2026, 5, 10, 12, 0);
  await page.clock.setFixedTime(now);
  const app = new App(page, env.baseUrl);
  await app.open("/stats");
  await page.getByText("No answers yet.").waitFor();
  await app.open("/test/deep-learning");
  await new Quiz(page).finishWithDontKnow();
  await page.getByRole("link", { name: "Stats" }).click();
  await app.heading("Readiness over time").waitFor();
  const chart = page.getByRole("img", { name: /^Deep learning: readiness/ });
  assert.ok(await chart.isVisible());
  // One sitting is one point: its 95 % band is still drawn (as a bar, with some width and height).
  const band = await chart.locator(".chart-band").boundingBox();
  assert.ok(band && band.width >= 8 && band.height >= 8, `the band of a single point is drawn: ${JSON.stringify(band)}`);
  // The axes say what they measure: the readiness scale and the date of the sitting.
  assert.ok(await chart.getByText("Readiness %").isVisible(), "the y axis is labelled");
  for (const tick of ["0", "40", "65", "85", "100"]) assert.ok(await chart.getByText(tick, { exact: true }).isVisible(), `tick ${tick}`);
  const day = `${now.getDate()} ${MONTHS[now.getMonth()]}`;
  assert.ok(await chart.getByText(day, { exact: true }).isVisible(), `the x axis shows the date ${day}`);
  assert.ok(await page.getByText("likely range (95 %)").isVisible(), "the legend explains the band");

  const calendar = page.getByRole("img", { name: "Activity over the last 18 weeks: 1 active day" });
  assert.ok(await calendar.isVisible());
  for (const weekday of ["Mon", "Wed", "Fri"]) assert.ok(await calendar.getByText(weekday, { exact: true }).isVisible(), `${weekday} labels its row`);
  const months = await calendar.getByText(new RegExp(`^(${MONTHS.join("|")})$`)).count();
  assert.ok(months >= 3, `18 weeks span at least 3 month labels (saw ${months})`);
  assert.equal(await page.getByRole("img", { name: /^Level \d/ }).count(), 5);

  // Five answers in an ordinary test make a study day: the streak is named for what it counts,
  // the same way here and on the home page's daily-challenge card.
  assert.ok(await page.getByText(/^1-day study streak · today counted\. A study day has at least 5 answers/).isVisible());
  await page.getByRole("link", { name: "Prepwise" }).click();
  const daily = page.getByRole("link", { name: /Daily challenge/ });
  await daily.waitFor();
  assert.match(await daily.textContent(), /1-day study streak · today counted/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test("settings switch the theme, persist it, and reset progress only after confirming", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/settings");
  await page.getByRole("radio", { name: "Dark" }).check();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.reload();
  await app.heading("Settings").waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.ok(await page.getByRole("radio", { name: "Dark" }).isChecked());

  await page.getByRole("checkbox", { name: /Track a study streak/ }).uncheck();
  await page.getByRole("link", { name: "Prepwise" }).click();
  await app.heading(/Practise for your next/).waitFor();
  assert.equal(await page.getByText(/streak/i).count(), 0, "no streak shown when opted out");

  await app.open("/settings");
  await page.getByRole("button", { name: "Reset progress…" }).click();
  await page.getByRole("button", { name: "Keep my progress" }).click();
  await page.getByRole("button", { name: "Reset progress…" }).click();
  await page.getByRole("button", { name: "Delete my progress" }).click();
  await page.getByText("Your progress was deleted.").waitFor();
  await app.open("/stats");
  await page.getByText("No answers yet.").waitFor();
  await page.getByRole("radio", { name: "Match the device" }).isHidden();
  assert.deepEqual(page.problems, []);
  await page.close();
});

// Last: an answer on a question page counts (as review), and the stats test above needs an
// empty log to begin with.
test("search finds questions by their text and opens one to practise", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/");
  await page.getByRole("link", { name: "Search" }).click();
  const box = page.getByRole("searchbox", { name: "Search every question and explanation" });
  await box.fill("tokeniser");
  const status = page.getByRole("status").filter({ hasText: /match/ });
  await status.waitFor();
  assert.match(await status.textContent(), /^\d+ questions? match/);
  // The first result the free tier opens (a locked one opens the unlock card).
  const first = page.locator("a.search-hit", { hasNotText: "locked" }).first();
  await first.click();
  await page.locator("#question-prompt").waitFor();
  await new Quiz(page).dontKnow();
  await box.isHidden();
  await app.open("/search");
  await page.getByRole("searchbox").fill("zzzz-no-such-words");
  await page.getByText("No questions match.").waitFor();
  assert.deepEqual(page.problems, []);
  await page.close();
});
