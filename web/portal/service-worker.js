/*
 * Service worker of the customer portal, served as /portal/sw.js with the scope /portal/.
 *
 * `vite build` writes it with a first line that sets `self.portalShell` to the build's shell: the
 * portal page and the JS and CSS files it loads, plus a build id (see vite.config.ts). Install
 * caches that shell and the offline page under a cache named after the build id, and activation
 * deletes the caches of earlier builds.
 *
 * - Page navigations go to the network first. When the network fails, the worker returns the offline page.
 * - Built files under /assets/ and the shell's own files come from the cache, and other files
 *   under /assets/ are cached on their first successful fetch. Their names contain a content hash,
 *   so a cached copy never goes stale.
 * - Everything else, and every request to /portal-api/ or /api/, goes to the network untouched
 *   and is never cached: API answers hold one customer's data.
 */

const shell = self.portalShell ?? { buildId: "development", files: [] };
const CACHE_PREFIX = "rondo-portal-";
const CACHE_NAME = `${CACHE_PREFIX}${shell.buildId}`;
const OFFLINE_PAGE = "/portal/offline.html";
const PRECACHED = new Set([...shell.files, OFFLINE_PAGE]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.addAll([...PRECACHED]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/portal-api/") || url.pathname.startsWith("/api/")) {
    return;
  }

  if (request.mode === "navigate") {
    event.respondWith(networkFirstPage(request));
    return;
  }
  if (PRECACHED.has(url.pathname) || url.pathname.startsWith("/assets/")) {
    event.respondWith(cacheFirst(request));
  }
});

/** Fetches a page from the network. When that fails, returns the cached offline page. */
async function networkFirstPage(request) {
  try {
    return await fetch(request);
  } catch {
    const offline = await caches.match(OFFLINE_PAGE);
    return offline ?? Response.error();
  }
}

/** Returns the cached file, else fetches it and caches a complete same-origin response. */
async function cacheFirst(request) {
  const cached = await caches.match(request);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && response.status === 200 && response.type === "basic") {
    const cache = await caches.open(CACHE_NAME);
    await cache.put(request, response.clone());
  }
  return response;
}
