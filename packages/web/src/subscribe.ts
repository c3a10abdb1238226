import type { AreaSummary } from "@aviso/core";
import { api } from "./api.ts";
import { floodProofHeaders } from "./proof-of-work.ts";
import "./styles.css";

/** The public sign-up: a number and areas, then the texted code. No framework, a few KB. */
const subscribeForm = document.querySelector<HTMLFormElement>("#subscribe");
const confirmForm = document.querySelector<HTMLFormElement>("#confirm");
const done = document.getElementById("done");
let subscriptionId = "";

const show = (id: string, message: string) => {
  const element = document.getElementById(id);
  if (element) element.textContent = message;
};

async function loadAreas(): Promise<void> {
  const select = subscribeForm?.elements.namedItem("area");
  if (!(select instanceof HTMLSelectElement)) return;
  const { areas } = await api<{ areas: AreaSummary[] }>("/api/areas?kind=community-area");
  for (const area of areas) select.add(new Option(area.name, area.id));
}

subscribeForm?.addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(subscribeForm);
  const areaIds = [
    String(data.get("area") ?? ""),
    data.get("zip") ? `zip:${String(data.get("zip"))}` : "",
  ].filter(Boolean);
  show("subscribe-error", "");
  void (async () => {
    try {
      const result = await api<{ id: string }>("/api/subscriptions", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: {
          channel: "sms",
          contact: data.get("contact"),
          language: data.get("language"),
          areaIds,
        },
      });
      subscriptionId = result.id;
      subscribeForm.hidden = true;
      if (confirmForm) confirmForm.hidden = false;
      confirmForm?.querySelector("input")?.focus();
    } catch (error) {
      show("subscribe-error", (error as Error).message);
    }
  })();
});

confirmForm?.addEventListener("submit", (event) => {
  event.preventDefault();
  const code = String(new FormData(confirmForm).get("code") ?? "");
  show("confirm-error", "");
  void (async () => {
    try {
      await api("/api/subscriptions/confirm", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: { id: subscriptionId, code },
      });
      confirmForm.hidden = true;
      if (done) done.hidden = false;
    } catch (error) {
      show("confirm-error", (error as Error).message);
    }
  })();
});

loadAreas().catch((error: Error) =>
  show("subscribe-error", `Could not load the neighborhoods: ${error.message}`),
);
