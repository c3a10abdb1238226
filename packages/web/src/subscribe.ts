import type { AreaSummary } from "@aviso/core";
import { api } from "./api.ts";
import { drawOutlines, loadOutlines } from "./area-map.ts";
import { floodProofHeaders } from "./proof-of-work.ts";
import { pushSubscription } from "./push.ts";
import "./styles.css";

/**
 * The public sign-up: a channel, a contact and areas. SMS: then the texted code; email: then
 * the emailed link (which comes back here with ?confirm=…&code=…); browser notifications: the
 * browser's permission prompt, and it is active at once. No framework, a few KB.
 */
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

/** Areas chosen by tapping the map, in addition to the list and the ZIP code. */
const onMap = new Set<string>();
/**
 * A map of the neighborhoods drawn from their outlines: tap, or focus and press Enter or
 * Space, to choose or unchoose one.
 */
async function drawMap(): Promise<void> {
  const holder = document.getElementById("area-map");
  const chosen = document.getElementById("map-chosen");
  if (!holder || !chosen) return;
  const map = await loadOutlines();
  const names = new Map(map.areas.map((a) => [a.id, a.name]));
  const update = () => {
    chosen.textContent = onMap.size
      ? `Chosen on the map: ${[...onMap].map((id) => names.get(id)).join(", ")}`
      : "Nothing chosen on the map yet.";
  };
  drawOutlines(holder, map, {
    label: "Map of Chicago's neighborhoods",
    onToggle: (id, isChosen) => {
      if (isChosen) onMap.add(id);
      else onMap.delete(id);
      update();
    },
  });
  update();
}
document.getElementById("map-details")?.addEventListener(
  "toggle",
  () => {
    drawMap().catch((error: Error) =>
      show("subscribe-error", `Could not draw the map: ${error.message}`),
    );
  },
  { once: true },
);

type Channel = "sms" | "email" | "push";
const channelOf = (): Channel =>
  (new FormData(subscribeForm ?? undefined).get("channel") as Channel | null) ?? "sms";

/** Shows the contact field the chosen channel needs. */
function showContactFor(channel: Channel): void {
  const input = subscribeForm?.elements.namedItem("contact");
  const name = document.getElementById("contact-name");
  const label = document.getElementById("contact-label");
  const note = document.getElementById("push-note");
  if (!(input instanceof HTMLInputElement) || !name || !label || !note) return;
  const submit = subscribeForm?.querySelector<HTMLButtonElement>("button[type=submit]");
  if (submit)
    submit.textContent =
      channel === "email"
        ? "Email me a link"
        : channel === "push"
          ? "Turn on notifications"
          : "Text me a code";
  label.hidden = channel === "push";
  note.hidden = channel !== "push";
  input.required = channel !== "push";
  if (channel === "email") {
    name.textContent = "Email address";
    Object.assign(input, { type: "email", autocomplete: "email", inputMode: "email" });
    input.placeholder = "name@example.org";
  } else {
    name.textContent = "Mobile phone number";
    Object.assign(input, { type: "tel", autocomplete: "tel", inputMode: "tel" });
    input.placeholder = "312-555-0123";
  }
}
subscribeForm?.addEventListener("change", (event) => {
  if ((event.target as HTMLInputElement).name === "channel") showContactFor(channelOf());
});

subscribeForm?.addEventListener("submit", (event) => {
  event.preventDefault();
  const data = new FormData(subscribeForm);
  const channel = channelOf();
  const areaIds = [
    ...new Set(
      [
        String(data.get("area") ?? ""),
        data.get("zip") ? `zip:${String(data.get("zip"))}` : "",
        ...onMap,
      ].filter(Boolean),
    ),
  ];
  show("subscribe-error", "");
  void (async () => {
    try {
      const contact = channel === "push" ? await pushSubscription() : data.get("contact");
      const result = await api<{ id: string; status: "pending" | "active" }>("/api/subscriptions", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: { channel, contact, language: data.get("language"), areaIds },
      });
      subscriptionId = result.id;
      subscribeForm.hidden = true;
      if (result.status === "active") {
        if (done) done.hidden = false;
      } else if (channel === "email") {
        const check = document.getElementById("check-email");
        if (check) check.hidden = false;
      } else {
        if (confirmForm) confirmForm.hidden = false;
        confirmForm?.querySelector("input")?.focus();
      }
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

/** The emailed link comes back here: confirm it at once. */
const link = new URLSearchParams(location.search);
if (link.has("confirm") && link.has("code")) {
  if (subscribeForm) subscribeForm.hidden = true;
  history.replaceState(null, "", location.pathname);
  api("/api/subscriptions/confirm", {
    method: "POST",
    body: { id: link.get("confirm"), code: link.get("code") },
  }).then(
    () => {
      if (done) done.hidden = false;
    },
    (error: Error) => {
      if (subscribeForm) subscribeForm.hidden = false;
      show("subscribe-error", error.message);
    },
  );
}

loadAreas().catch((error: Error) =>
  show("subscribe-error", `Could not load the neighborhoods: ${error.message}`),
);
