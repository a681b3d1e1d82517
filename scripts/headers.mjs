// What a static host must send with each file of dist/, in one place: the reference server
// (scripts/serve.mjs) answers with it, and the build writes it as a `_headers` file (the format
// Netlify and Cloudflare Pages read) so that a host and the reference server cannot disagree.
// tests/e2e/headers.test.mjs checks that they do not.
import { extname } from "node:path";

export const TYPES = {
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

/** Names with a content hash, as Trunk and the corpus compiler write them: cached forever. */
export const HASHED = /[.-][0-9a-f]{16}(_bg)?\.[a-z0-9]+$/;

/** Extensions worth compressing (images are compressed already). */
export const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".webmanifest", ".svg", ".bin", ".txt"]);

/** Precompressed variants the build writes beside a file, best first, with their encoding. */
export const ENCODINGS = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
];

export const IMMUTABLE = "public, max-age=31536000, immutable";

/** The headers of the file at `path` (a URL path such as `/sw.js`), given the build's policy. */
export function headersFor(path, csp) {
  const file = path.endsWith("/") ? `${path}index.html` : path;
  const headers = {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "cache-control": HASHED.test(file) ? IMMUTABLE : "no-cache",
    "content-security-policy": csp,
  };
  if (COMPRESSIBLE.has(extname(file))) headers.vary = "Accept-Encoding";
  return headers;
}

/** The policy of the build's index.html (its <meta> tag), plus what only a header can say. */
export function policyOf(indexHtml) {
  const meta = indexHtml.match(/<meta\s[^>]*http-equiv=["']?content-security-policy["']?[^>]*>/i)?.[0];
  const content = meta?.match(/\scontent=(?:"([^"]*)"|'([^']*)')/i);
  const value = content ? (content[1] ?? content[2]) : "default-src 'self'";
  return `${value}; frame-ancestors 'none'`;
}

/**
 * A `_headers` file for the build's files (URL paths): the policy once for every path (`/*`,
 * which also covers the app's routes, answered with index.html), then one rule per file with the
 * rest. No header is set by two matching rules: both hosts would join their values.
 */
export function headersFile(paths, csp) {
  const rule = (pattern, headers) =>
    `${pattern}\n${Object.entries(headers)
      .map(([name, value]) => `  ${name}: ${value}`)
      .join("\n")}\n`;
  const rules = [rule("/*", { "content-security-policy": csp })];
  for (const path of [...paths].sort()) {
    const { "content-security-policy": _, ...rest } = headersFor(path, csp);
    rules.push(rule(path, rest));
  }
  return `# Written by the build (scripts/headers.mjs): the headers scripts/serve.mjs sends.\n${rules.join("")}`;
}
