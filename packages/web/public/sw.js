// Aviso's service worker: keeps the rights pages a person has opened, and the family-plan
// builder, usable offline. Network first (so corrections arrive at once), the saved copy when
// there is no network. The pages put their own files in this cache too (same name).
const CACHE = "aviso-offline-v3";
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

const isOffline = (url) =>
  url.origin === self.location.origin &&
  (url.pathname.startsWith("/rights/") ||
    url.pathname.startsWith("/fonts/") ||
    url.pathname.startsWith("/assets/") ||
    url.pathname === "/plan" ||
    url.pathname === "/report" ||
    url.pathname === "/api/areas/outlines" ||
    SHELL.includes(url.pathname));

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || !isOffline(url)) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(event.request, copy)));
        }
        return response;
      })
      // The plan and report pages are one page whatever their ?lang=: match them without it.
      .catch(() =>
        caches
          .match(event.request, {
            ignoreSearch: url.pathname === "/plan" || url.pathname === "/report",
          })
          .then((cached) => cached ?? Response.error()),
      ),
  );
});

// Web push: an alert arrives encrypted for this browser; show it, and open the page that lists
// what is true now when it is tapped.
self.addEventListener("push", (event) => {
  let data = { title: "Aviso", body: "", url: "/now" };
  try {
    data = { ...data, ...event.data.json() };
  } catch {
    // a push without a readable payload still gets a notification
  }
  event.waitUntil(
    self.registration.showNotification(data.title, {
      body: data.body,
      data: { url: data.url },
      lang: "",
      requireInteraction: true,
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url ?? "/now", self.location.origin);
  if (url.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(url.href));
});
