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

export const telHref = (number: string) => `tel:${number.replace(/[^0-9+]/g, "")}`;
