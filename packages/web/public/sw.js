// Aviso's service worker: keeps the rights pages a person has opened readable offline.
// Network first (so corrections arrive at once), the saved copy when there is no network.
const CACHE = "aviso-rights-v2";
const SHELL = ["/rights.js", "/favicon.svg"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))),
      )
      .then(() => self.clients.claim()),
  );
});

const isRights = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/rights/") ||
    url.pathname.startsWith("/fonts/") ||
    SHELL.includes(url.pathname));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !isRights(url)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      .catch(() => caches.match(event.request).then((cached) => cached ?? Response.error())),
  );
});
