// A static server for dist/: what a production static host should do.
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

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};
const HASHED = /[.-][0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

export function serve(dir, port, host = "127.0.0.1") {
  let root = resolve(dir);
  let csp = null; // read from root's index.html on first use
  const server = createServer(async (req, res) => {
    try {
      csp ??= await policy(root);
      res.setHeader("content-security-policy", csp);
      const url = new URL(req.url, "http://localhost");
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) return send(res, 403, "text/plain", "forbidden");
      let info = await stat(path).catch(() => null);
      if (info?.isDirectory()) {
        path = join(path, "index.html");
        info = await stat(path).catch(() => null);
      }
      if (!info && extname(url.pathname) === "") {
        path = join(root, "index.html"); // SPA fallback: the app shows its own not-found page
        info = await stat(path).catch(() => null);
      }
      if (!info) return send(res, 404, "text/plain", "not found");
      const body = await readFile(path);
      const cache = HASHED.test(path) ? "public, max-age=31536000, immutable" : "no-cache";
      send(res, 200, TYPES[extname(path)] ?? "application/octet-stream", body, cache);
    } catch (err) {
      send(res, 500, "text/plain", String(err));
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

// The policy in index.html's <meta http-equiv="Content-Security-Policy">, for the header.
async function policy(root) {
  const html = await readFile(join(root, "index.html"), "utf8").catch(() => "");
  const meta = html.match(/<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/i)?.[0];
  const content = meta?.match(/\scontent=(?:"([^"]*)"|'([^']*)')/i);
  const value = content ? (content[1] ?? content[2]) : "default-src 'self'";
  return `${value}; frame-ancestors 'none'`;
}

function send(res, status, type, body, cache = "no-cache") {
  res.writeHead(status, { "content-type": type, "cache-control": cache });
  res.end(body);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = "dist", port = "8080"] = process.argv.slice(2);
  const server = await serve(dir, Number(port));
  console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}`);
}
