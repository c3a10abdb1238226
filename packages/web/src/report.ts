import { LANGUAGES } from "@aviso/core/languages";
import { ApiError, api } from "./api.ts";
import { drawOutlines, loadOutlines } from "./area-map.ts";
import { applyLanguage, pickLanguage } from "./page-language.ts";
import { photoAsDataUrl } from "./photo.ts";
import { floodProofHeaders } from "./proof-of-work.ts";
import { type ReportStrings, reportStrings } from "./report-strings.ts";
import "./styles.css";

/**
 * The public report form: no account, phone-first. With no network, the report waits on this
 * phone (localStorage) and is sent when the phone is back online. A pin, the phone's location
 * or a typed ZIP code or neighborhood says where; never a third-party geocoder.
 */
const form = document.querySelector<HTMLFormElement>("#report");
const QUEUE = "aviso:report-queue";
let point: { lat: number; lng: number } | undefined;
let pinOnMap: ((p: { lat: number; lng: number } | undefined) => void) | undefined;

let t: ReportStrings = reportStrings("en");

/** Puts the whole form in a language (right to left where it reads so), and says if it is a draft. */
function setPageLanguage(lang: string): void {
  t = reportStrings(lang);
  applyLanguage(lang, "report-font");
  for (const element of document.querySelectorAll<HTMLElement>("[data-t]"))
    element.textContent = t[element.dataset.t as keyof ReportStrings] ?? element.textContent;
  for (const element of document.querySelectorAll<HTMLInputElement>("[data-t-placeholder]"))
    element.placeholder = t[element.dataset.tPlaceholder as keyof ReportStrings] ?? "";
  const notice = document.getElementById("draft-notice");
  if (notice) {
    notice.textContent = t.draftNotice;
    notice.hidden = !t.draftNotice;
  }
  const org = document.title.split(" · ").at(-1);
  document.title = `${t.title} · ${org}`;
}

const languageSelect = document.querySelector<HTMLSelectElement>("#language");
const initial = pickLanguage();
for (const language of LANGUAGES.filter((l) => l.published)) {
  const option = new Option(language.nativeName, language.code, false, language.code === initial);
  option.lang = language.code;
  languageSelect?.add(option);
}
languageSelect?.addEventListener("change", () => setPageLanguage(languageSelect.value));
setPageLanguage(initial);

const say = (id: string, text: string) => {
  const element = document.getElementById(id);
  if (element) element.textContent = text;
};
const showOnly = (id: "sent" | "queued") => {
  if (form) form.hidden = true;
  for (const other of ["sent", "queued"]) {
    const element = document.getElementById(other);
    if (element) element.hidden = other !== id;
  }
};

type Report = Record<string, unknown>;
const queued = (): Report[] => {
  try {
    return JSON.parse(localStorage.getItem(QUEUE) ?? "[]") as Report[];
  } catch {
    return [];
  }
};

async function send(report: Report): Promise<string> {
  const { receipt } = await api<{ receipt: string }>("/api/reports", {
    method: "POST",
    headers: await floodProofHeaders(),
    body: report,
  });
  return receipt;
}

/** Sends what waited on this phone, one at a time; keeps what still cannot go. */
let flushing = false;
async function flush(): Promise<void> {
  if (flushing || !navigator.onLine) return;
  flushing = true;
  try {
    let last = "";
    for (;;) {
      const [report, ...rest] = queued();
      if (!report) break;
      try {
        last = await send(report);
      } catch (error) {
        // A refusal (400) will not get better by waiting; no network, 429 or 5xx might.
        if (!(error instanceof ApiError) || error.status === 429 || error.status >= 500) break;
      }
      localStorage.setItem(QUEUE, JSON.stringify(rest));
    }
    if (last && queued().length === 0 && !document.getElementById("queued")?.hidden) {
      say("receipt", last);
      showOnly("sent");
    }
  } finally {
    flushing = false;
  }
}

document.getElementById("use-location")?.addEventListener("click", () => {
  if (!("geolocation" in navigator)) {
    say("where-status", t.noLocation);
    return;
  }
  say("where-status", t.finding);
  navigator.geolocation.getCurrentPosition(
    (position) => {
      point = {
        lat: Math.round(position.coords.latitude * 1e6) / 1e6,
        lng: Math.round(position.coords.longitude * 1e6) / 1e6,
      };
      pinOnMap?.(point);
      say("where-status", t.located);
    },
    () => say("where-status", t.locationFailed),
    { enableHighAccuracy: true, timeout: 15_000 },
  );
});

document.getElementById("pin-details")?.addEventListener(
  "toggle",
  () => {
    const holder = document.getElementById("pin-map");
    if (!holder) return;
    loadOutlines()
      .then((map) => {
        pinOnMap = drawOutlines(holder, map, {
          label: t.mapLabel,
          onPin: (at) => {
            point = at;
            say("where-status", t.pinned);
          },
        }).pin;
        pinOnMap(point);
      })
      .catch(() => say("where-status", t.mapFailed));
  },
  { once: true },
);

form?.addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "").trim();
  const place = text("place");
  say("report-error", "");
  if (!text("activity")) {
    say("report-error", t.sayWhat);
    return;
  }
  if (!point && !place) {
    say("report-error", t.sayWhere);
    return;
  }
  const minutes = Number(text("when") || "0");
  const report: Report = {
    language: document.documentElement.lang || "en",
    activity: text("activity"),
    location: point ?? { place },
    seenAt: new Date(Date.now() - minutes * 60_000).toISOString(),
    ...Object.fromEntries(
      ["size", "uniform", "equipment", "note", "replyTo"]
        .map((name) => [name, text(name)])
        .filter(([, value]) => value),
    ),
  };
  const photo = data.get("photo");
  void (async () => {
    if (photo instanceof File && photo.size > 0) report.photo = await photoAsDataUrl(photo);
    try {
      say("receipt", await send(report));
      showOnly("sent");
    } catch (error) {
      if (error instanceof ApiError) {
        say("report-error", error.message);
        return;
      }
      try {
        localStorage.setItem(QUEUE, JSON.stringify([...queued(), report]));
      } catch {
        // A phone's storage may not hold the photo; the report itself matters more.
        delete report.photo;
        localStorage.setItem(QUEUE, JSON.stringify([...queued(), report]));
      }
      showOnly("queued");
    }
  })();
});

window.addEventListener("online", () => void flush());
void flush();

// Keep this page for the next time there is no network.
if ("serviceWorker" in navigator && "caches" in window) {
  navigator.serviceWorker
    .register("/sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(async () => {
      const assets = performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name))
        .filter(
          (url) =>
            url.origin === location.origin &&
            (url.pathname.startsWith("/assets/") || url.pathname.startsWith("/fonts/")),
        )
        .map((url) => url.pathname);
      const cache = await caches.open("aviso-offline-v3");
      await cache.addAll([
        ...new Set(["/report", "/api/areas/outlines?kind=community-area", ...assets]),
      ]);
      document.documentElement.dataset.offlineReady = "true";
    })
    .catch(() => undefined);
}
