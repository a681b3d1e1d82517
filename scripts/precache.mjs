// Trunk's post-build hook: finishes dist/ for offline use and a strict CSP.
//  0. renames the wasm's imports short, in the wasm and its JS glue (scripts/short-imports.mjs);
//  1. draws the app icons (scripts/icons.mjs) into icons/;
//  2. puts the SHA-256 of Trunk's inline bootstrap <script type=module> into index.html's
//     Content-Security-Policy (the placeholder 'sha256-__TRUNK_BOOTSTRAP__'), and refuses any
//     other inline code or style in index.html;
//  3. lists every file of the build with its SHA-256 (the precache manifest), derives the build
//     version from that list, and writes both into sw.js (service worker: assets/sw.js);
//  4. writes _headers (the reference server's headers for every file, scripts/headers.mjs) and a
//     precompressed .br and .gz beside every compressible file, for hosts that serve them.
// Works on TRUNK_STAGING_DIR (Trunk moves it to dist/ afterwards), or on a directory given as the
// first argument. Usage: node scripts/precache.mjs [DIR]
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { COMPRESSIBLE, HASHED, headersFile, policyOf } from "./headers.mjs";
import { writeIcons } from "./icons.mjs";
import { shortenImports } from "./short-imports.mjs";

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2] ?? "dist";
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "/";
const CSP_PLACEHOLDER = "'sha256-__TRUNK_BOOTSTRAP__'";
// Names with a content hash are cached forever (the rule lives with the other headers).
export { HASHED };

function fail(message) {
  console.error(`precache: ${message}`);
  process.exit(1);
}

const sha256 = (data, encoding) => createHash("sha256").update(data).digest(encoding);

async function* walk(path) {
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue; // .trunk-lock, .stage
    const full = join(path, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

if (publicUrl !== "/") fail(`the service worker and manifest assume the app is served at "/", not ${publicUrl}`);

// 0. Short import names.
const imports = await shortenImports(dir).catch((err) => fail(err.message));

// 1. Icons.
await writeIcons(join(dir, "icons"));

// 2. The CSP hash of the inline bootstrap script.
const indexPath = join(dir, "index.html");
let html = await readFile(indexPath, "utf8");
const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs));
if (inline.length === 0) fail("index.html has no inline bootstrap script (did Trunk change its loader?)");
if (!html.includes(CSP_PLACEHOLDER)) fail(`index.html's Content-Security-Policy lacks the placeholder ${CSP_PLACEHOLDER}`);
if (/<style\b|\sstyle\s*=|\son[a-z]+\s*=/i.test(html)) fail("index.html has an inline style or event handler; the CSP forbids them");
// Home's heading and lede in the shell, from the constants the app shows (src/copy.rs).
const copy = await readFile(new URL("../src/copy.rs", import.meta.url), "utf8");
for (const name of ["HOME_HEADING", "HOME_LEDE"]) {
  const value = copy.match(new RegExp(`^pub const ${name}: &str =\\s*"([^"\\\\]*)";$`, "m"))?.[1];
  if (value === undefined) fail(`src/copy.rs has no \`pub const ${name}: &str = "…";\` (a plain string, no escapes)`);
  if (!html.includes(`__${name}__`)) fail(`index.html lacks the placeholder __${name}__`);
  html = html.replaceAll(`__${name}__`, value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"));
}
const hashes = inline.map(([, , body]) => `'sha256-${sha256(body, "base64")}'`);
html = html.replace(CSP_PLACEHOLDER, hashes.join(" "));
await writeFile(indexPath, html);

// 3. The precache manifest and the build version, into sw.js.
const swPath = join(dir, "sw.js");
let sw = await readFile(swPath, "utf8").catch(() => fail("sw.js is missing (index.html copies assets/sw.js)"));
const entries = [];
for await (const path of walk(dir)) {
  const name = relative(dir, path).split(sep).join("/");
  if (name === "sw.js") continue;
  entries.push({
    url: name === "index.html" ? "/" : `/${name}`,
    sha256: sha256(await readFile(path), "hex"),
    immutable: HASHED.test(name),
  });
}
entries.sort((a, b) => (a.url < b.url ? -1 : 1));
const build = sha256(entries.map((e) => `${e.url} ${e.sha256}\n`).join(""), "hex").slice(0, 16);
for (const placeholder of ['"__PREPWISE_BUILD__"', "/*__PREPWISE_PRECACHE__*/ []"]) {
  if (!sw.includes(placeholder)) fail(`sw.js lacks the placeholder ${placeholder}`);
}
sw = sw
  .replace('"__PREPWISE_BUILD__"', JSON.stringify(build))
  .replace("/*__PREPWISE_PRECACHE__*/ []", `[\n  ${entries.map((e) => JSON.stringify(e)).join(",\n  ")},\n]`);
await writeFile(swPath, sw);

// 4. Host rules and precompressed copies: after sw.js is final, and outside the precache (the
// browser undoes the encoding, so the worker checks the same bytes).
const urls = entries.map((e) => e.url).concat("/sw.js", "/index.html");
await writeFile(join(dir, "_headers"), headersFile(urls, policyOf(html)));
let compressed = 0;
for await (const path of walk(dir)) {
  if (!COMPRESSIBLE.has(extname(path))) continue;
  const body = await readFile(path);
  await writeFile(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  await writeFile(`${path}.gz`, gzipSync(body, { level: 9 }));
  compressed++;
}

const chunks = entries.filter((e) => e.url.startsWith("/corpus/")).length;
console.log(`precache: ${imports} imports renamed; build ${build}: ${entries.length} files (${chunks} corpus chunks) in sw.js; CSP script hash ${hashes.join(" ")}; _headers and ${compressed} files precompressed (.br, .gz)`);
