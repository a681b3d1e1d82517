// One small driver for the journeys in Firefox and in WebKit, so that a journey is written once.
// Firefox ESR (Debian) is driven by puppeteer-core over WebDriver BiDi; WebKitGTK's MiniBrowser
// (Debian) by selenium-webdriver through WebKitWebDriver, under Xvfb (MiniBrowser needs a
// display). Both give the same handful of operations:
//
//   goto(url), reload(), evaluate(fn, ...args), waitUntil(what, fn, ...args), waitFor(target),
//   click(target), text(target), setViewport(w, h), screenshot(name), errors(), close()
//
// and startSite() gives the server's stop() and start().
//
// A target is { role: "button" | "link" | "heading", name: string | RegExp, level? } or
// { css, index? }.
// Elements are found by one script that runs in the page (`locate` below), in both engines, so a
// locator means the same thing everywhere; only the click itself goes through each engine's own
// input (puppeteer's mouse, WebDriver's element click), as a person's would.
//
// The site is served by scripts/serve.mjs on 127.0.0.1 (`startSite`), which can be stopped and
// started again on the same port (the same origin, so the same storage and service worker).
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";

export const DIST = process.env.PREPWISE_DIST ?? "dist";
export const SCREENSHOTS = "target/screenshots/engines";
const WAIT_MS = 30000;
const POLL_MS = 100;

// ---------------------------------------------------------------------------------------------
// the site

/** Serves dist/ on a free port of 127.0.0.1; `stop()` takes it off the network, `start()` puts it back on the same port. */
export async function startSite() {
  let server = await serve(DIST, 0);
  const port = server.address().port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      if (server) await server.stop();
      server = null;
    },
    async start() {
      server ??= await serve(DIST, port);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// what runs in the page

/**
 * Runs in the page: the first visible element a target means, or null. A name is matched against
 * the element's aria-label or else its text with white space collapsed (the accessible name of
 * the buttons, links and headings this app has): a string exactly, a RegExp by search.
 * `enabled` leaves out disabled controls (a click waits for the control to be enabled).
 */
function locate(target) {
  const ROLES = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"]',
    link: 'a[href], [role="link"]',
    heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  };
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  if (target.css) {
    const found = [...document.querySelectorAll(target.css)].filter(visible);
    return found[target.index ?? 0] ?? null;
  }
  const name = (el) => (el.getAttribute("aria-label") ?? el.textContent).replace(/\s+/g, " ").trim();
  const matches = target.pattern ? (s) => new RegExp(target.pattern, target.flags).test(s) : (s) => s === target.name;
  for (const el of document.querySelectorAll(ROLES[target.role])) {
    if (!visible(el) || !matches(name(el))) continue;
    if (target.enabled && (el.disabled || el.getAttribute("aria-disabled") === "true")) continue;
    if (target.level && el.tagName !== `H${target.level}`) continue;
    return el;
  }
  return null;
}

/** A target as plain data for the page (a RegExp does not cross the wire). */
function wire(target, extra = {}) {
  const out = { ...target, ...extra };
  if (target.name instanceof RegExp) {
    out.pattern = target.name.source;
    out.flags = target.name.flags;
    delete out.name;
  }
  return out;
}

/** How a target reads in an error message. */
export function describe(target) {
  if (target.css) return `"${target.css}"${target.index ? ` #${target.index}` : ""}`;
  return `${target.role} ${target.name instanceof RegExp ? target.name : JSON.stringify(target.name)}`;
}

// Runs in the page (WebKit): collects what would be console errors and page errors in a
// browser whose driver reports them, since classic WebDriver has no console log here. Installed
// after each load, so an error before that is not seen; the journeys also wait for the app to
// have rendered, which it does not do when its start-up fails.
function installErrorCollector() {
  if (window.__engineErrors) return;
  const errors = (window.__engineErrors = []);
  addEventListener("error", (e) => errors.push(`page error: ${e.message} (${e.filename}:${e.lineno})`));
  addEventListener("unhandledrejection", (e) => errors.push(`unhandled rejection: ${e.reason}`));
  document.addEventListener("securitypolicyviolation", (e) => errors.push(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(`console error: ${args.map(String).join(" ")}`);
    consoleError.apply(console, args);
  };
}

// ---------------------------------------------------------------------------------------------
// the common part

/** JavaScript source that calls `fn` with `args` (JSON values) in the page. */
function call(fn, args) {
  return `(${fn})(${args.map((a) => JSON.stringify(a)).join(", ")})`;
}

/** JavaScript source: the element `target` means, or null (see `locate`). */
const located = (target, extra) => call(locate, [wire(target, extra)]);

class Driver {
  constructor(engine) {
    this.engine = engine;
    this.problems = [];
  }

  // Everything runs in the page as a source string built here (`call`): puppeteer and WebDriver
  // both evaluate a string as the driver's script, which the page's CSP does not govern, and a
  // function given to the page this way can call `locate` without `eval` in the page.

  /** Runs `fn(...args)` in the page (args are JSON values); awaits a promise; returns the value. */
  evaluate(fn, ...args) {
    return this.run(call(fn, args));
  }

  /**
   * Polls the page until `fn(...args)` is truthy (or, given a string, until that JavaScript
   * expression is); returns the value. Fails after 30 s with a message naming `what`.
   */
  async waitUntil(what, fn, ...args) {
    const source = typeof fn === "string" ? fn : call(fn, args);
    const deadline = Date.now() + WAIT_MS;
    let last;
    for (;;) {
      try {
        last = await this.run(source);
        if (last) return last;
      } catch (err) {
        last = err; // the page may be between two documents; try again until the deadline
      }
      if (Date.now() > deadline) {
        throw new Error(`${this.engine}: waited ${WAIT_MS} ms for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ""}`);
      }
      await new Promise((ok) => setTimeout(ok, POLL_MS));
    }
  }

  /** Waits until the target is on the page and visible. */
  async waitFor(target) {
    await this.waitUntil(`${describe(target)} to be visible`, `${located(target)} !== null`);
  }

  /** The text of a target (white space collapsed), once it is visible. */
  async text(target) {
    return this.waitUntil(`${describe(target)} to be visible`, `(${located(target)} || { textContent: "" }).textContent.replace(/\\s+/g, " ").trim() || null`);
  }

  /** Clicks a target once it is visible and enabled. */
  async click(target) {
    await this.waitUntil(`${describe(target)} to be visible and enabled`, `${located(target, { enabled: true })} !== null`);
    await this.clickElement(located(target, { enabled: true }), describe(target));
  }

  /** Makes the page's layout viewport `width`×`height` CSS pixels, and checks that it is. */
  async setViewport(width, height) {
    await this.resize(width, height);
    const [w, h, layout] = await this.evaluate(() => [window.innerWidth, window.innerHeight, document.documentElement.clientWidth]);
    if (w !== width || h !== height) throw new Error(`${this.engine}: asked for a ${width}×${height} viewport, the page has ${w}×${h}`);
    // A classic scrollbar would take layout width that a phone's overlay scrollbar does not.
    if (layout !== width) throw new Error(`${this.engine}: the page is laid out ${layout} px wide in a ${width} px viewport (a scrollbar takes the rest)`);
  }

  /** Problems seen so far (console errors, page errors); `since` is a count taken before. */
  async errors(since = 0) {
    await this.collect();
    return this.problems.slice(since);
  }

  async collect() {}
}

// ---------------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi

class FirefoxDriver extends Driver {
  static async launch() {
    const { default: puppeteer } = await import("puppeteer-core");
    const profile = await mkdtemp(join(tmpdir(), "prepwise-firefox-"));
    const driver = new FirefoxDriver("firefox");
    driver.profile = profile;
    driver.browser = await puppeteer.launch({
      browser: "firefox",
      executablePath: "/usr/bin/firefox-esr",
      headless: true,
      userDataDir: profile,
      // Phones draw scrollbars over the page; desktop GTK Firefox takes 12 px of the 360 for a
      // classic one, which would lay the page out at 348 px. Overlay scrollbars give the page
      // the whole 360 px, as a phone does (checked in setViewport: clientWidth = innerWidth).
      extraPrefsFirefox: { "widget.gtk.overlay-scrollbars.enabled": true, "ui.useOverlayScrollbars": 1 },
    });
    driver.page = (await driver.browser.pages())[0] ?? (await driver.browser.newPage());
    // Console errors and uncaught errors arrive as events, as in Chromium.
    driver.page.on("console", (msg) => {
      if (msg.type() === "error") driver.problems.push(`console error: ${msg.text()}`);
    });
    driver.page.on("pageerror", (err) => driver.problems.push(`page error: ${err.message ?? err}`));
    return driver;
  }

  async goto(url) {
    await this.page.goto(url, { waitUntil: "load" });
  }

  async reload() {
    await this.page.reload({ waitUntil: "load" });
  }

  run(source) {
    return this.page.evaluate(source);
  }

  async clickElement(source, what) {
    // To the middle of the window first (see the WebKit driver's clickElement).
    const handle = await this.page.evaluateHandle(`(() => { const el = ${source}; el?.scrollIntoView({ block: "center" }); return el; })()`);
    const element = handle.asElement();
    if (!element) throw new Error(`firefox: ${what} vanished before the click`);
    try {
      await element.click();
    } finally {
      await handle.dispose();
    }
  }

  async resize(width, height) {
    await this.page.setViewport({ width, height });
  }

  async screenshot(name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, `firefox-${name}.png`) });
  }

  async close() {
    try {
      await this.browser?.close();
    } finally {
      await rm(this.profile, { recursive: true, force: true });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// WebKit: WebKitGTK's MiniBrowser through WebKitWebDriver, under Xvfb

const WEBKIT_DIR = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1";

// MiniBrowser's header bar (back, forward, reload, the address entry, …) keeps its window at least
// 447 px wide, so a 360 px viewport cannot be had as it comes. GTK reads this style sheet from
// the profile's XDG_CONFIG_HOME and shrinks those GTK widgets; the page is not affected (WebKit
// draws web content and its form controls itself).
const GTK_CSS = `headerbar, headerbar *, entry, button { font-size: 1px; padding: 0; margin: 0; min-width: 0; min-height: 0; border-width: 0; }
`;

/** A TCP port that was free a moment ago (WebKitWebDriver needs a number, not 0). */
function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

class WebKitDriver extends Driver {
  static async launch() {
    const { Builder } = await import("selenium-webdriver");
    const driver = new WebKitDriver("webkit");
    // A fresh profile: MiniBrowser keeps its data under the XDG folders, so each run gets new ones.
    driver.profile = await mkdtemp(join(tmpdir(), "prepwise-webkit-"));
    await mkdir(join(driver.profile, "config", "gtk-3.0"), { recursive: true });
    await writeFile(join(driver.profile, "config", "gtk-3.0", "gtk.css"), GTK_CSS);
    const port = await freePort();
    // Its own process group (detached), so close() can end xvfb-run, Xvfb, the driver and the
    // browser together, even when the session never started.
    driver.process = spawn("xvfb-run", ["-a", "-s", "-screen 0 1280x1024x24", "/usr/bin/WebKitWebDriver", `--port=${port}`], {
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        HOME: driver.profile,
        XDG_DATA_HOME: join(driver.profile, "data"),
        XDG_CACHE_HOME: join(driver.profile, "cache"),
        XDG_CONFIG_HOME: join(driver.profile, "config"),
      },
    });
    driver.stderr = "";
    driver.process.stderr.on("data", (chunk) => (driver.stderr = (driver.stderr + chunk).slice(-4000)));
    driver.exited = new Promise((ok) => driver.process.once("exit", ok));
    try {
      await driver.waitForServer(port);
      driver.session = await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({
          browserName: "MiniBrowser",
          "webkitgtk:browserOptions": { binary: `${WEBKIT_DIR}/MiniBrowser`, args: ["--automation"] },
        })
        .build();
      await driver.session.manage().setTimeouts({ script: WAIT_MS, pageLoad: WAIT_MS });
    } catch (err) {
      await driver.close();
      throw err;
    }
    return driver;
  }

  /** Waits until WebKitWebDriver answers /status. */
  async waitForServer(port) {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const ready = await fetch(`http://127.0.0.1:${port}/status`)
        .then((r) => r.ok)
        .catch(() => false);
      if (ready) return;
      if (this.process.exitCode !== null || Date.now() > deadline) {
        throw new Error(`webkit: WebKitWebDriver did not answer on port ${port} within ${WAIT_MS} ms: ${this.stderr}`);
      }
      await new Promise((ok) => setTimeout(ok, POLL_MS));
    }
  }

  // Errors live in the page (installErrorCollector): read them before the page goes away, and
  // install the collector again once the next one has loaded.
  async collect() {
    try {
      const found = await this.session.executeScript("return window.__engineErrors ? window.__engineErrors.splice(0) : []");
      this.problems.push(...found);
    } catch {
      // no page to read (never loaded, or gone): nothing collected
    }
  }

  async afterLoad() {
    await this.session.executeScript(`(${installErrorCollector})()`);
  }

  async goto(url) {
    await this.collect();
    await this.session.get(url);
    await this.afterLoad();
  }

  async reload() {
    await this.collect();
    await this.session.navigate().refresh();
    await this.afterLoad();
  }

  // WebDriver's executeAsyncScript around the expression: a promise is awaited and a thrown
  // error comes back as an error here, as with puppeteer's evaluate.
  async run(source) {
    const result = await this.session.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve()
         .then(() => (${source}))
         .then((value) => done({ ok: true, value: value === undefined ? null : value }),
               (err) => done({ ok: false, error: err instanceof Error ? err.name + ": " + err.message : String(err) }));`,
    );
    if (!result.ok) throw new Error(`webkit: script failed: ${result.error}`);
    return result.value;
  }

  async clickElement(source, what) {
    // To the middle of the window first: at an edge, the sitting's sticky head or the fixed bars
    // at the bottom cover it (WebDriver then refuses the click), as they would a finger.
    const element = await this.session.executeScript(`const el = ${source}; el?.scrollIntoView({ block: "center" }); return el;`);
    if (!element) throw new Error(`webkit: ${what} vanished before the click`);
    await element.click();
  }

  // WebDriver sets the window's outer size; MiniBrowser's header bar takes some of its height.
  // So: set it, wait until the window has that size (X resizes it a moment later, and the page
  // reads the old size until then), measure what the page got, and set it again by the difference.
  async resize(width, height) {
    const win = this.session.manage().window();
    const outerIs = (w, h) => window.outerWidth === w && window.outerHeight === h; // runs in the page
    await win.setRect({ width, height });
    await this.waitUntil(`the window to be ${width}×${height}`, outerIs, width, height);
    const [innerW, innerH] = await this.evaluate(() => [window.innerWidth, window.innerHeight]);
    if (innerW === width && innerH === height) return;
    const outer = { width: width + (width - innerW), height: height + (height - innerH) };
    await win.setRect(outer);
    await this.waitUntil(`a ${width}×${height} viewport in a ${outer.width}×${outer.height} window`, (w, h) => window.innerWidth === w && window.innerHeight === h, width, height);
  }

  async screenshot(name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    await writeFile(join(SCREENSHOTS, `webkit-${name}.png`), await this.session.takeScreenshot(), "base64");
  }

  async close() {
    try {
      await this.session?.quit();
    } catch {
      // the process group is ended below either way
    }
    if (this.process && this.process.exitCode === null) {
      try {
        process.kill(-this.process.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const ended = await Promise.race([this.exited.then(() => true), new Promise((ok) => setTimeout(() => ok(false), 5000))]);
      if (!ended) {
        try {
          process.kill(-this.process.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }
    await rm(this.profile, { recursive: true, force: true });
  }
}

/** Starts a browser of the engine ("firefox" or "webkit") with a fresh profile. */
export async function launch(engine) {
  if (engine === "firefox") return FirefoxDriver.launch();
  if (engine === "webkit") return WebKitDriver.launch();
  throw new Error(`unknown engine ${engine}`);
}
