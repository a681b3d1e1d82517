// A static server for dist/: what a production static host should do, in ~60 lines.
// - wasm served as application/wasm (streaming compilation needs it);
// - content-hashed files cached forever, index.html and the service worker never;
// - any unknown path without a file extension falls back to index.html (the app routes it).
// Listens on 127.0.0.1 only. Usage: node scripts/serve.mjs DIR PORT
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
  ".bin": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};
const HASHED = /[.-][0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

export function serve(dir, port, host = "127.0.0.1") {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
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
  return new Promise((ok) => server.listen(port, host, () => ok(server)));
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
