// A static server for dist/: what a production static host should do (the headers themselves are
// in scripts/headers.mjs, which the build also writes out as dist/_headers).
// - the build's precompressed .br or .gz copy when the browser accepts it (Vary: Accept-Encoding);
// - wasm served as application/wasm (streaming compilation needs it);
// - content-hashed files cached forever, index.html and the service worker never;
// - any unknown path without a file extension falls back to index.html (the app routes it);
// - every response carries the Content-Security-Policy of index.html's <meta> as a header (a
//   service worker gets its policy from its own response's header, not from the page), plus
//   frame-ancestors 'none', which only a header can set.
// Listens on 127.0.0.1 only. Usage: node scripts/serve.mjs DIR PORT
// `serve` returns the http.Server with `setRoot(dir)` (serve another build from now on; the
// end-to-end tests deploy a new build this way) and `stop()` (close it and every connection).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { COMPRESSIBLE, ENCODINGS, headersFor, policyOf } from "./headers.mjs";

export function serve(dir, port, host = "127.0.0.1") {
  let root = resolve(dir);
  let csp = null; // read from root's index.html on first use
  const server = createServer(async (req, res) => {
    try {
      csp ??= await policy(root);
      const url = new URL(req.url, "http://localhost");
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) return send(res, 403, { "content-type": "text/plain", "content-security-policy": csp }, "forbidden");
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, "index.html");
        info = await stat(path).catch(() => null);
      }
      if (!info && extname(url.pathname) === "") {
        path = join(root, "index.html"); // SPA fallback: the app shows its own not-found page
        info = await stat(path).catch(() => null);
      }
      if (!info) return send(res, 404, { "content-type": "text/plain", "content-security-policy": csp }, "not found");
      const headers = headersFor(path.slice(root.length), csp);
      // The build's precompressed copy, in the best encoding the browser accepts.
      const accepted = (req.headers["accept-encoding"] ?? "").split(",").map((e) => e.trim().split(";")[0]);
      let body = null;
      if (COMPRESSIBLE.has(extname(path))) {
        for (const { encoding, suffix } of ENCODINGS) {
          if (!accepted.includes(encoding)) continue;
          body = await readFile(path + suffix).catch(() => null);
          if (body) {
            headers["content-encoding"] = encoding;
            break;
          }
        }
      }
      send(res, 200, headers, body ?? (await readFile(path)));
    } catch (err) {
      send(res, 500, { "content-type": "text/plain" }, String(err));
    }
  });
  server.setRoot = (next) => {
    root = resolve(next);
    csp = null;
  };
  server.stop = () =>
    new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    });
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
}

// The policy of the build being served, for the header.
async function policy(root) {
  return policyOf(await readFile(join(root, "index.html"), "utf8").catch(() => ""));
}

function send(res, status, headers, body) {
  res.writeHead(status, { "cache-control": "no-cache", ...headers });
  res.end(body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}`);
}
