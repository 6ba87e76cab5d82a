// The site's service worker: keeps the browser runtime (Python, the wheels) and the runnable
// listings' files in the reader's browser, so a second Run, a Run on the next page and a Run
// offline load nothing from the network. run.js registers it on the first Run only; it lives at
// the site's root so that its scope covers the pages of all three languages.
//
// guide_tools/runtime/listings.py publishes this file as <site>/runtime-sw.js, filling in:
//   RUNTIME  the runtime's folder under assets/runtime/py/: the digest of its inputs, so a URL
//            there never changes its content; cached on first use, served from the cache for good
//   FILES    the other files a Run needs (worker.js, py/runtime.json, every topic's
//            listings/*.json): the first two fetched when this worker installs, a topic's listings
//            when a page of that topic asks for them (run.js does as soon as this worker controls
//            the page), each kept for next time
//   VERSION  a digest of FILES' contents: a rebuilt site with other files is a new service worker
// A new one deletes the caches of the old on activation. Nothing else (pages, images, search) is
// touched: those requests go to the network as if there were no service worker.
const RUNTIME = "__RUNTIME__";
const FILES = __FILES__;
const VERSION = "__VERSION__";

const SCOPE = new URL(self.registration.scope);
const RUNTIME_URL = new URL(`assets/runtime/py/${RUNTIME}/`, SCOPE).href;
const FILE_URLS = new Set(FILES.map((path) => new URL(path, SCOPE).href));
const RUNTIME_CACHE = `sbs-runtime-${RUNTIME}`;
const FILES_CACHE = `sbs-files-${VERSION}`;

self.addEventListener("install", (event) => {
  self.skipWaiting();
  event.waitUntil((async () => {
    if (event.addRoutes) {  // pages and everything else skip this worker altogether (no start-up cost)
      const own = new URL("assets/runtime/", SCOPE).pathname;
      await event.addRoutes({ condition: { not: { urlPattern: new URLPattern({ pathname: `${own}*` }) } }, source: "network" })
        .catch(() => event.addRoutes({ condition: { requestMode: "navigate" }, source: "network" }))
        .catch(() => {});
    }
    const cache = await caches.open(FILES_CACHE);
    await cache.addAll(FILES.filter((path) => !path.includes("/listings/")).map((path) => new URL(path, SCOPE).href));
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const keep = new Set([RUNTIME_CACHE, FILES_CACHE]);
    for (const name of await caches.keys()) {
      if (name.startsWith("sbs-") && !keep.has(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// From the cache, else from the network, kept for next time (the download streams to the page
// while the cache fills: a 10 MB file is not held back until it is stored).
async function fromCache(cacheName, event) {
  const cache = await caches.open(cacheName);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  const response = await fetch(event.request);
  if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  if (request.url.startsWith(RUNTIME_URL)) event.respondWith(fromCache(RUNTIME_CACHE, event));
  else if (FILE_URLS.has(request.url)) event.respondWith(fromCache(FILES_CACHE, event));
});
