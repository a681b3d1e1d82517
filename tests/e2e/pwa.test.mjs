// The installable app and its security policy: Chromium finds the web app manifest valid and
// the app installable, the icons are real PNGs of their declared sizes, and a strict
// Content-Security-Policy (meta and header) holds: Trunk's bootstrap runs by its hash, any other
// inline script is refused.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { openPage, start } from "./support.mjs";
import { App, Offline } from "./pages.mjs";

let env;
before(async () => (env = await start()));
after(async () => env?.close());

test("Chromium considers the app installable", async () => {
  const page = await openPage(env.context);
  const app = new App(page, env.baseUrl);
  await app.open("/");
  await new Offline(page).waitForControl();

  const cdp = await page.context().newCDPSession(page);
  const { url, errors, data } = await cdp.send("Page.getAppManifest");
  assert.equal(new URL(url).pathname, "/manifest.webmanifest");
  assert.deepEqual(errors, []);
  const manifest = JSON.parse(data);
  assert.equal(manifest.name, "Prepwise");
  assert.equal(manifest.short_name, "Prepwise");
  assert.ok(manifest.description.length > 0);
  assert.equal(manifest.start_url, "/");
  assert.equal(manifest.scope, "/");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.theme_color, "#f7f7f4");
  assert.equal(manifest.background_color, "#f7f7f4");

  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);

  // Every icon is a PNG of its declared size, in both purposes.
  const purposes = new Set();
  for (const icon of manifest.icons) {
    const response = await page.request.get(env.baseUrl + icon.src);
    assert.equal(response.headers()["content-type"], "image/png");
    const png = await response.body();
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    const [w, h] = icon.sizes.split("x").map(Number);
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [w, h], icon.src);
    purposes.add(`${icon.purpose} ${w}`);
  }
  for (const want of ["any 192", "any 512", "maskable 192", "maskable 512"]) assert.ok(purposes.has(want), want);

  assert.deepEqual(page.problems, []);
  await page.close();
});

test("a strict Content-Security-Policy, in the page and in the header", async () => {
  const page = await openPage(env.context);
  const response = await page.request.get(env.baseUrl + "/");
  const header = response.headers()["content-security-policy"];
  await page.goto(env.baseUrl + "/");
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");

  const directives = Object.fromEntries(meta.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  assert.deepEqual(directives["default-src"], ["'self'"]);
  assert.deepEqual(directives["script-src"].slice(0, 2), ["'self'", "'wasm-unsafe-eval'"]);
  assert.ok(directives["script-src"].slice(2).every((v) => /^'sha256-[A-Za-z0-9+/]{43}='$/.test(v)), "only hashes besides 'self'");
  assert.deepEqual(directives["style-src"], ["'self'"]);
  assert.deepEqual(directives["object-src"], ["'none'"]);
  assert.deepEqual(directives["base-uri"], ["'none'"]);
  assert.ok(!meta.includes("unsafe-inline"), "no 'unsafe-inline' anywhere");
  assert.equal(header, `${meta}; frame-ancestors 'none'`, "the header is the page's policy");
  assert.deepEqual(page.problems, [], "the app runs under the policy without a violation");

  // Any other inline script is refused.
  const refused = await page.evaluate(
    () =>
      new Promise((ok) => {
        document.addEventListener("securitypolicyviolation", (e) => ok(e.effectiveDirective), { once: true });
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
      }),
  );
  assert.match(refused, /^script-src/);
  assert.equal(await page.evaluate(() => window.injected), undefined);
  await page.close();
});
