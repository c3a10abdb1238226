import type { SiteInfo } from "@aviso/core";

const meta = (name: string) =>
  document.querySelector<HTMLMetaElement>(`meta[name="aviso:${name}"]`)?.content ?? "";

/** The deployment's facts, filled into the page by the server (so they show without JavaScript). */
export function readSite(): Omit<SiteInfo, "timeZone"> {
  return {
    name: meta("org-name") || "Aviso",
    hotline: { name: meta("hotline-name"), number: meta("hotline-number") },
  };
}

/** Times are shown in the deployment's time zone (America/Chicago by default), whatever the device's. */
const timeZone = () => meta("time-zone") || undefined;
export const formatDateTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, {
    timeZone: timeZone(),
    dateStyle: "medium",
    timeStyle: "short",
  });
export const formatDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { timeZone: timeZone() });

export const telHref = (number: string) => `tel:${number.replace(/[^0-9+]/g, "")}`;
