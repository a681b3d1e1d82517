// Prepwise's service worker: the whole app, offline, one build at a time.
//
// - Install precaches every file of this build (app shell, hashed JS/wasm/CSS, icons, manifest,
//   every corpus chunk) into one cache named after the build, and checks each file's SHA-256
//   against the build's manifest: a file from another build fails the install, so a cache never
//   mixes versions. Content-hashed files already cached by an older build are copied, not
//   downloaded again.
// - A new worker does NOT take over on its own: it waits until a page posts "skip-waiting"
//   (the app asks the learner first, and never during a test), then the page reloads once.
// - Activate deletes every other build's cache and takes control of open pages.
// - Navigations are answered with this build's index.html (the app routes /topic/x itself), so
//   every page works offline; the precached files are served cache-first.
//
// scripts/precache.mjs (Trunk's post-build hook) fills in BUILD and PRECACHE in dist/sw.js.
const BUILD = "__PREPWISE_BUILD__";
const PRECACHE = /*__PREPWISE_PRECACHE__*/ [];

const PREFIX = "prepwise-";
const CACHE = PREFIX + BUILD;
const URLS = new Set(PRECACHE.map((entry) => entry.url));

self.addEventListener("install", (event) => {
  event.waitUntil(precache());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && !URLS.has(url.pathname)) {
    // Any app route (no file extension): the app shell, which routes it.
    if (url.pathname === "/index.html" || !/\.[A-Za-z0-9]+$/.test(url.pathname)) {
      event.respondWith(cached("/", request));
    }
    return;
  }
  if (URLS.has(url.pathname)) event.respondWith(cached(url.pathname, request));
});

// This build's copy of `path`; the network only if the cache has been lost.
async function cached(path, request) {
  const cache = await caches.open(CACHE);
  return (await cache.match(path)) ?? fetch(request);
}

async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(
    PRECACHE.map(async (entry) => {
      if (await cache.match(entry.url)) return; // an earlier, interrupted install got it
      // A content-hashed file never changes under its name: reuse an older build's copy.
      let response = entry.immutable ? await caches.match(entry.url) : undefined;
      // Other files bypass the HTTP cache: they must be this build's.
      response ??= await fetch(entry.url, { cache: entry.immutable ? "default" : "no-cache" });
      if (!response.ok) throw new Error(`precache: ${entry.url} answered HTTP ${response.status}`);
      const body = await response.arrayBuffer();
      const digest = hex(await crypto.subtle.digest("SHA-256", body));
      if (digest !== entry.sha256) throw new Error(`precache: ${entry.url} is not from build ${BUILD}`);
      // A fresh response: no redirect flag (a redirected response cannot answer a navigation),
      // and wasm always with its MIME type (streaming compilation needs it).
      const type = entry.url.endsWith(".wasm") ? "application/wasm" : response.headers.get("content-type");
      await cache.put(entry.url, new Response(body, { headers: type ? { "content-type": type } : {} }));
    }),
  );
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
