// Screenshots of every screen, for a reviewer: at 360×640 (the main target) and 1280×800, in the
// light and the dark scheme, full page, as PNGs named `<screen>-<width>x<height>-<scheme>.png` in
// target/screenshots (or $PREPWISE_SCREENSHOTS). Every screen must render a visible heading and
// log no console error. One browser per viewport and scheme; inside it, one page walks through
// the screens in the order a learner meets them, so later screens (results, review, stats) show
// the answers given earlier.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { openPage, start } from "./support.mjs";
import { App, Quiz } from "./pages.mjs";

const FOLDER = resolve(process.env.PREPWISE_SCREENSHOTS ?? "target/screenshots");
const VIEWPORTS = [
  { width: 360, height: 640 },
  { width: 1280, height: 800 },
];
const SCHEMES = ["light", "dark"];

const saved = new Set();

after(async () => {
  const files = (await readdir(FOLDER).catch(() => [])).filter((f) => f.endsWith(".png"));
  console.log(`screenshots: ${saved.size} saved this run, ${files.length} PNG files in ${FOLDER}`);
});

for (const viewport of VIEWPORTS) {
  for (const scheme of SCHEMES) {
    const size = `${viewport.width}x${viewport.height}`;

    test(`every screen at ${size}, ${scheme}`, async () => {
      await mkdir(FOLDER, { recursive: true });
      const env = await start({ viewport });
      try {
        const page = await openPage(env.context);
        await page.emulateMedia({ colorScheme: scheme });
        const app = new App(page, env.baseUrl);
        const quiz = new Quiz(page);
        const problems = [];
        const wide = [];

        /** Waits for `ready`, checks a heading is visible and nothing was logged, saves the PNG. */
        async function shot(screen, ready, { viewportToo = false } = {}) {
          const before = page.problems.length;
          await ready();
          const heading = page.getByRole("heading").first();
          await heading.waitFor({ state: "visible" });
          assert.ok(await heading.isVisible(), `${screen}: a heading is visible`);
          await page.evaluate(() => document.fonts.ready);
          const file = join(FOLDER, `${screen}-${size}-${scheme}.png`);
          await page.screenshot({ path: file, fullPage: true, animations: "disabled", caret: "hide" });
          saved.add(file);
          // What the learner sees without scrolling, fixed bars included.
          if (viewportToo) {
            const view = join(FOLDER, `${screen}-${size}-${scheme}-viewport.png`);
            await page.screenshot({ path: view, animations: "disabled", caret: "hide" });
            saved.add(view);
          }
          // Not a failure (the brief for this spec is screenshots), but worth a reviewer's eye.
          const width = await page.evaluate(() => document.documentElement.scrollWidth);
          if (width > viewport.width) wide.push(`${screen} ${width}px`);
          for (const problem of page.problems.slice(before)) problems.push(`${screen}: ${problem}`);
        }

        await shot("home", () => app.open("/"));

        await shot("welcome", async () => {
          await app.open("/welcome");
          await page.getByRole("radio").first().waitFor();
        });

        await shot("topic", async () => {
          await app.open("/topic/python-fundamentals");
          await page.getByRole("link", { name: "Start a 5-question test" }).waitFor();
        });

        await shot("open-question", async () => {
          await page.locator(".question-list").first().getByRole("link").first().click();
          await page.getByText("Interview question · answer out loud").waitFor();
        }, { viewportToo: true });

        await shot("open-revealed", async () => {
          await page.getByRole("button", { name: "Reveal" }).click();
          await page.getByRole("group", { name: "Key points" }).waitFor();
          await page.locator("fieldset.points li label").first().click();
        }, { viewportToo: true });

        await shot("open-answered", async () => {
          await page.getByRole("button", { name: /^Confirm/ }).click();
          await page.getByRole("heading", { name: "What they might ask next" }).waitFor();
        }, { viewportToo: true });

        await shot("test-question", async () => {
          await page.goto(env.baseUrl + "/test/python-fundamentals");
          assert.deepEqual(await quiz.current(), { n: 1, total: 5 });
          await page.locator("#question-prompt").waitFor();
        }, { viewportToo: true });

        await shot("shortcuts", async () => {
          await page.keyboard.press("?");
          await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
        });
        await page.keyboard.press("Escape");
        await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor({ state: "hidden" });

        await shot("test-feedback", async () => {
          await quiz.answerWithKeys(1);
          await quiz.feedbackShowsTheAnswerAndWhy();
        }, { viewportToo: true });

        await shot("results", async () => {
          await quiz.next();
          await quiz.finishWithDontKnow();
          await page.getByRole("heading", { name: "Readiness" }).waitFor();
        }, { viewportToo: true });

        // Home again, now with progress, a streak and questions due for review.
        await shot("home-progress", async () => {
          await app.open("/");
          await page.getByText(/\d+ of \d+ questions answered/).first().waitFor();
        });

        await shot("daily", async () => {
          await page.goto(env.baseUrl + "/daily");
          assert.equal((await quiz.current()).total, 5);
          await page.locator("#question-prompt").waitFor();
        });

        await shot("review", async () => {
          await app.open("/review");
          await page.getByRole("heading", { name: /Recent mistakes \(\d+\)/ }).waitFor();
        });

        await shot("bookmarks", async () => {
          await app.open("/bookmarks");
          await page.getByRole("heading", { name: "Bookmarks" }).waitFor();
        });

        await shot("search", async () => {
          await app.open("/search");
          await page.getByRole("searchbox", { name: "Search every question and explanation" }).fill("global interpreter lock");
          await page.getByRole("status").filter({ hasText: /match/ }).waitFor();
          await page.locator("a.search-hit").first().waitFor();
        });

        await shot("stats", async () => {
          await app.open("/stats");
          await page.getByRole("heading", { name: "Readiness over time" }).waitFor();
          await page.getByRole("img", { name: /Activity over the last/ }).waitFor();
        });

        await shot("settings", async () => {
          await app.open("/settings");
          await page.getByRole("heading", { name: "About" }).waitFor();
        });

        await shot("question", async () => {
          await page.goto(env.baseUrl + "/question/pyf-001");
          await page.locator("#question-prompt").waitFor();
        });

        // Home with a role and an interview date three weeks out: the plan.
        await shot("home-plan", async () => {
          await page.evaluate(() => {
            const date = new Date(Date.now() + 21 * 86400000);
            const ymd = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
            localStorage.setItem("prepwise.track", "ml-engineer");
            localStorage.setItem("prepwise.interview-date", ymd);
          });
          await app.open("/");
          await page.getByRole("region", { name: /days to your interview/ }).waitFor();
        }, { viewportToo: true });

        // The free tier: a locked topic's page, a locked question, and the unlock screen.
        await shot("topic-locked", async () => {
          await app.open("/topic/computer-vision");
          await page.locator(".lock-note").waitFor();
        });

        await shot("question-locked", async () => {
          await app.open("/question/cv-080");
          await page.locator(".locked-card").waitFor();
        });

        await shot("unlock", async () => {
          await app.open("/unlock");
          await page.getByLabel("Paste the key from your receipt").waitFor();
        });

        await shot("not-found", async () => {
          await app.open("/no/such/page");
          await page.getByRole("heading", { name: "Page not found" }).waitFor();
        });

        if (wide.length) console.log(`note: wider than the ${viewport.width}px viewport (horizontal scroll) at ${size} ${scheme}: ${wide.join(", ")}`);
        assert.deepEqual(problems, [], "no console or page errors on any screen");
        await page.close();
      } finally {
        await env.close();
      }
    });
  }
}
