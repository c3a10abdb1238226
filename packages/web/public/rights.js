// Rights pages work without this script. It keeps them readable offline (service worker) and
// tells the reader when they are looking at the saved copy.
const CACHE = "aviso-offline-v3";
const notice = document.getElementById("offline-notice");
const show = () => {
  if (notice) notice.hidden = navigator.onLine;
};
show();
window.addEventListener("online", show);
window.addEventListener("offline", show);

if ("serviceWorker" in navigator && "caches" in window) {
  navigator.serviceWorker
    .register("/sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      // Save this language's pages now, so they open later without a network.
      const listed =
        document.querySelector('meta[name="aviso:offline"]')?.getAttribute("content") ?? "";
      const style = document.querySelector('link[rel="stylesheet"]')?.getAttribute("href");
      const urls = [
        ...new Set([
          location.pathname,
          ...listed.split(" ").filter(Boolean),
          ...(style ? [style] : []),
        ]),
      ];
      return caches.open(CACHE).then((cache) => cache.addAll(urls));
    })
    .then(() => document.documentElement.setAttribute("data-offline-ready", "true"))
    .catch(() => {
      // Offline reading is a bonus: without it the pages still work online.
    });
}
