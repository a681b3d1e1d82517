// The build's `_headers` file (what Netlify and Cloudflare Pages read) and the reference server
// agree on every file of the build: both come from scripts/headers.mjs, and this checks it through
// their outputs — the file as a host would read it, the server over HTTP. Also: the server sends
// the build's precompressed copies by Accept-Encoding, and they hold the file's bytes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { serve } from "../../scripts/serve.mjs";
import { DIST } from "./support.mjs";

let server;
let base;
before(async () => {
  server = await serve(DIST, 0);
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => server?.stop());

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

/** The rules of a `_headers` file: [{ pattern, headers: { name: value } }], in order. */
function parseRules(text) {
  const rules = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const at = line.indexOf(":");
    assert.ok(rules.length && at > 0, `a header line under a path: "${line}"`);
    const name = line.slice(0, at).trim().toLowerCase();
    const rule = rules.at(-1);
    assert.equal(rule.headers[name], undefined, `${rule.pattern} sets ${name} once`);
    rule.headers[name] = line.slice(at + 1).trim();
  }
  return rules;
}

/** What a host sends for `path`: every matching rule's headers; a header set twice is an error. */
function hostHeaders(rules, path) {
  const headers = {};
  for (const { pattern, headers: set } of rules) {
    const matches = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    if (!matches) continue;
    for (const [name, value] of Object.entries(set)) {
      assert.equal(headers[name], undefined, `${path}: ${name} set by two rules (a host would join them)`);
      headers[name] = value;
    }
  }
  return headers;
}

const compared = ["content-type", "cache-control", "content-security-policy", "vary"];

test("the _headers file and the reference server send the same headers for every file", async () => {
  const rules = parseRules(await readFile(join(DIST, "_headers"), "utf8"));
  const paths = ["/"];
  for await (const file of files(DIST)) {
    const name = relative(DIST, file).split(sep).join("/");
    if (/\.(br|gz)$/.test(name) || name === "_headers") continue;
    paths.push(`/${name}`);
  }
  assert.ok(paths.length > 20, `${paths.length} files checked`);
  // And a route of the app, answered with index.html.
  paths.push("/topic/statistics");
  for (const path of paths) {
    const response = await fetch(base + path, { headers: { "accept-encoding": "br" } });
    assert.equal(response.status, 200, path);
    await response.arrayBuffer();
    const fromHost = hostHeaders(rules, path);
    const route = path === "/topic/statistics";
    for (const name of compared) {
      // A route gets only the policy from the file; the host picks the rest for index.html.
      if (route && name !== "content-security-policy") continue;
      assert.equal(fromHost[name] ?? null, response.headers.get(name), `${path}: ${name}`);
    }
  }
});

test("compressible files go out precompressed by Accept-Encoding, and hold the same bytes", async () => {
  const wasm = (await readdir(DIST)).find((n) => n.endsWith("_bg.wasm"));
  for (const path of ["/", `/${wasm}`, "/sw.js"]) {
    const file = await readFile(join(DIST, path === "/" ? "index.html" : path));
    const raw = async (encoding) => {
      // Node's fetch would undo the encoding itself; read the bytes as they travel.
      const { request } = await import("node:http");
      return new Promise((ok, fail) => {
        request(base + path, { headers: { "accept-encoding": encoding } }, (res) => {
          const parts = [];
          res.on("data", (d) => parts.push(d));
          res.on("end", () => ok({ headers: res.headers, body: Buffer.concat(parts) }));
        })
          .on("error", fail)
          .end();
      });
    };
    const br = await raw("gzip, deflate, br");
    assert.equal(br.headers["content-encoding"], "br", `${path}: brotli when accepted`);
    assert.equal(br.headers.vary, "Accept-Encoding");
    assert.ok(br.body.length < file.length, `${path}: smaller (${br.body.length} < ${file.length})`);
    assert.deepEqual(brotliDecompressSync(br.body), file, `${path}: the brotli copy is the file`);
    const gz = await raw("gzip");
    assert.equal(gz.headers["content-encoding"], "gzip", `${path}: gzip when only gzip is accepted`);
    assert.deepEqual(gunzipSync(gz.body), file, `${path}: the gzip copy is the file`);
    const plain = await raw("identity");
    assert.equal(plain.headers["content-encoding"], undefined, `${path}: as it is otherwise`);
    assert.deepEqual(plain.body, file);
  }
});
