import type { PlanEnvelope } from "@aviso/core";
// The language list alone: importing the package index would bundle zod and h3-js.
import { LANGUAGES } from "@aviso/core/languages";
import { ApiError, api } from "../api.ts";
import { applyLanguage, pickLanguage } from "../page-language.ts";
import { floodProofHeaders } from "../proof-of-work.ts";
import { formatDate, readSite } from "../site.ts";
import "../styles.css";
import "./plan.css";
import {
  CannotOpen,
  combineParts,
  deriveLock,
  type Lock,
  loadSodium,
  newDataKey,
  openWithKey,
  openWithPassphrase,
  passphraseStrength,
  sealPlan,
  splitKey,
  suggestPassphrase,
  type Unlocked,
  unwrapShare,
  wrapForShare,
} from "./plan-crypto.ts";
import {
  type Child,
  type Contact,
  DOCUMENT_KEYS,
  emptyChild,
  emptyContact,
  emptyPlan,
  HOME_FIELDS,
  LEGAL_AID,
  normalizePlan,
  type Plan,
  SECTION_ARTICLES,
} from "./plan-model.ts";
import { type PlanStrings, planStrings } from "./plan-strings.ts";

/**
 * The family-plan builder: no account, no framework. Everything typed stays in this page until
 * it is sealed with the passphrase; only the sealed envelope is sent. Works offline after one
 * visit (the service worker and the page's own cache), except saving to the server.
 */

const OFFLINE_CACHE = "aviso-offline-v3";
const app = document.getElementById("app") as HTMLElement;
const site = readSite();

// ---- state (memory only) ----
let lang = pickLanguage();
let t: PlanStrings = planStrings(lang);
let plan: Plan = emptyPlan();
let code: string | undefined;
let lock: Lock | undefined;
let unlocked: Unlocked | undefined;
let readOnly = false;
let render: () => void = renderStart;

function setLanguage(next: string): void {
  lang = next;
  t = planStrings(lang);
  applyLanguage(lang, "plan-font");
  document.title = `${t.title} · ${site.name}`;
}

// ---- DOM helpers ----
type Child_ = Node | string | false | undefined | null;
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child_ | Child_[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (name === "class") element.className = String(value);
    else if (name === "value") (element as HTMLInputElement).value = String(value);
    else if (name === "checked") (element as HTMLInputElement).checked = Boolean(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child);
  }
  return element;
}

let fieldCounter = 0;
/** A labelled text input or textarea bound to a getter and setter. */
function field(
  label: string,
  value: string,
  set: (value: string) => void,
  options: {
    type?: string;
    multiline?: boolean;
    autocomplete?: string;
    inputmode?: string;
    help?: string;
  } = {},
): HTMLElement {
  const id = `f${++fieldCounter}`;
  const onInput = (event: Event) => set((event.target as HTMLInputElement).value);
  const helpId = options.help ? `${id}-help` : undefined;
  const input = options.multiline
    ? h("textarea", { id, rows: 3, oninput: onInput, "aria-describedby": helpId }, value)
    : h("input", {
        id,
        type: options.type ?? "text",
        value,
        autocomplete: options.autocomplete ?? "off",
        inputmode: options.inputmode,
        oninput: onInput,
        "aria-describedby": helpId,
      });
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    options.help && h("small", { id: helpId, class: "help" }, options.help),
  );
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));

function message(text: string, kind: "error" | "status" = "status"): HTMLElement {
  return h(
    "p",
    { class: kind === "error" ? "error" : "status", role: kind === "error" ? "alert" : "status" },
    text,
  );
}

function show(...nodes: Child_[]): void {
  app.replaceChildren(...nodes.filter((n): n is Node | string => Boolean(n)));
}

function errorText(error: unknown): string {
  if (error instanceof CannotOpen) return t.open.wrongPassphrase;
  if (error instanceof ApiError) {
    if (error.code === "PLAN_NOT_FOUND") return t.open.notFound;
    if (error.code === "SHARE_ENDED") return t.readOnly.expired;
    return error.message;
  }
  if (error instanceof TypeError) return t.errors.network;
  return t.errors.generic;
}

// ---- header: title, language, notices ----
function header(): HTMLElement {
  const select = h(
    "select",
    {
      id: "plan-language",
      onchange: (event: Event) => {
        setLanguage((event.target as HTMLSelectElement).value);
        render();
      },
    },
    LANGUAGES.map((l) => h("option", { value: l.code, selected: l.code === lang }, l.nativeName)),
  );
  return h(
    "header",
    { class: "plan-head" },
    h("p", {}, h("a", { href: "/" }, site.name)),
    h("div", { class: "field inline" }, h("label", { for: "plan-language" }, t.language), select),
    h("h1", {}, t.title),
    lang !== "en" && h("p", { class: "draft-notice" }, t.draftNotice),
    !navigator.onLine && message(t.offline),
  );
}

/** A label and its control, in the builder's field layout. */
const labelled = (label: string, control: HTMLElement) =>
  h("div", { class: "field" }, h("label", { for: control.id }, label), control);

/** A form that opens a plan: what finds it (a code or a file), the passphrase, and the opening. */
function openingForm(
  id: string,
  title: string,
  finder: { label: string; input: HTMLInputElement },
  open: (passphrase: string) => Promise<void>,
  explain: (error: unknown) => string,
): HTMLFormElement {
  const passphrase = h("input", {
    id: `${id}-passphrase`,
    type: "password",
    autocomplete: "current-password",
  });
  const status = h("div", { "aria-live": "polite" });
  return h(
    "form",
    {
      class: "panel",
      "aria-labelledby": `${id}-title`,
      onsubmit: (event: Event) => {
        event.preventDefault();
        status.replaceChildren(message(t.passphrase.working));
        open(passphrase.value).catch((error: unknown) =>
          status.replaceChildren(message(explain(error), "error")),
        );
      },
    },
    h("h2", { id: `${id}-title` }, title),
    labelled(finder.label, finder.input),
    labelled(t.open.passphrase, passphrase),
    status,
    h("button", { type: "submit" }, t.open.submit),
  );
}

// ---- start: new, open, open a file ----
function renderStart(): void {
  render = renderStart;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const codeInput = h("input", {
    id: "open-code",
    value: fragment.get("open") ?? "",
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
  });
  const openForm = openingForm(
    "open",
    t.open.title,
    { label: t.open.code, input: codeInput },
    async (passphrase) => {
      const { envelope, code: found } = await api<{ envelope: PlanEnvelope; code: string }>(
        `/api/plans/${encodeURIComponent(codeInput.value.trim())}`,
      );
      await unlockAndShow(envelope, passphrase, found);
    },
    errorText,
  );
  const fileInput = h("input", {
    id: "open-file",
    type: "file",
    accept: "application/json,.json",
  });
  const fileForm = openingForm(
    "file",
    t.start.openFile,
    { label: t.open.file, input: fileInput },
    async (passphrase) => {
      const text = await fileInput.files?.[0]?.text();
      const backup = JSON.parse(text ?? "") as {
        format?: string;
        code?: string;
        envelope?: PlanEnvelope;
      };
      if (backup.format !== "aviso-plan-backup" || !backup.envelope) throw new SyntaxError();
      await unlockAndShow(backup.envelope, passphrase, backup.code);
    },
    (error) => (error instanceof SyntaxError ? t.open.badFile : errorText(error)),
  );
  show(
    header(),
    h(
      "main",
      {},
      h("p", { class: "lede" }, t.intro),
      h("p", { class: "privacy" }, t.serverNeverReads),
      h(
        "p",
        {},
        h(
          "button",
          {
            type: "button",
            id: "new-plan",
            onclick: () => {
              plan = emptyPlan();
              code = undefined;
              lock = undefined;
              unlocked = undefined;
              readOnly = false;
              renderBuilder();
            },
          },
          t.start.new,
        ),
      ),
      openForm,
      fileForm,
    ),
  );
  if (fragment.has("share")) void openShareLink(fragment.get("share") ?? "");
  else if (fragment.has("part")) renderParts([fragment.get("part") ?? ""]);
}

async function unlockAndShow(envelope: PlanEnvelope, passphrase: string, found?: string) {
  const opened = await openWithPassphrase(envelope, passphrase);
  plan = normalizePlan(opened.plan);
  lock = opened.lock;
  unlocked = opened.unlocked;
  code = found;
  readOnly = false;
  renderBuilder();
}

// ---- read-only: a share link or k of n parts ----
async function openShareLink(value: string): Promise<void> {
  const [planCode = "", shareId = "", linkKey = ""] = value.split(".");
  show(header(), h("main", {}, message(t.passphrase.working)));
  try {
    const share = await api<{ wrappedKey: string }>(
      `/api/plans/${encodeURIComponent(planCode)}/shares/${encodeURIComponent(shareId)}`,
    );
    const key = await unwrapShare(share.wrappedKey, linkKey);
    const { envelope } = await api<{ envelope: PlanEnvelope }>(
      `/api/plans/${encodeURIComponent(planCode)}`,
    );
    plan = normalizePlan(await openWithKey(envelope, key));
    code = planCode;
    lock = undefined;
    unlocked = undefined;
    readOnly = true;
    renderBuilder();
  } catch (error) {
    show(
      header(),
      h(
        "main",
        {},
        message(error instanceof CannotOpen ? t.readOnly.expired : errorText(error), "error"),
      ),
    );
  }
}

function parsePart(link: string): { code: string; k: number; part: string } | undefined {
  const value = link.includes("#")
    ? (new URLSearchParams(link.split("#")[1]).get("part") ?? link)
    : link;
  const [planCode, k, part] = value.trim().split(".");
  if (!planCode || !k || !part) return undefined;
  return { code: planCode, k: Number(k), part };
}

function renderParts(links: string[]): void {
  render = () => renderParts(links);
  const parts = links.map(parsePart).filter((p) => p !== undefined);
  const k = parts[0]?.k ?? 2;
  const distinct = [...new Set(parts.map((p) => p.part))];
  const result = h("div", { "aria-live": "polite" });
  const more = h("input", { id: "more-part", autocomplete: "off", spellcheck: "false" });
  const openParts = async () => {
    result.replaceChildren(message(t.passphrase.working));
    try {
      const planCode = parts[0]?.code ?? "";
      const key = await combineParts(distinct);
      const { envelope } = await api<{ envelope: PlanEnvelope }>(
        `/api/plans/${encodeURIComponent(planCode)}`,
      );
      plan = normalizePlan(await openWithKey(envelope, key));
      code = planCode;
      lock = undefined;
      unlocked = undefined;
      readOnly = true;
      renderBuilder();
    } catch (error) {
      result.replaceChildren(
        message(
          error instanceof CannotOpen ? fill(t.readOnly.notEnough, { k }) : errorText(error),
          "error",
        ),
      );
    }
  };
  show(
    header(),
    h(
      "main",
      {},
      h(
        "form",
        {
          class: "panel",
          "aria-labelledby": "parts-title",
          onsubmit: (event: Event) => {
            event.preventDefault();
            if (more.value.trim()) renderParts([...links, more.value.trim()]);
            else void openParts();
          },
        },
        h("h2", { id: "parts-title" }, fill(t.readOnly.parts, { n: distinct.length, k })),
        labelled(t.readOnly.addPart, more),
        result,
        h("button", { type: "submit", id: "add-part" }, t.readOnly.addPart),
        " ",
        h(
          "button",
          { type: "button", id: "open-parts", onclick: () => void openParts() },
          t.readOnly.openWithParts,
        ),
      ),
    ),
  );
}

// ---- the builder ----
function rightsLink(section: keyof typeof SECTION_ARTICLES): HTMLElement | undefined {
  const slug = SECTION_ARTICLES[section];
  if (!slug) return undefined;
  return h("a", { href: `/rights/${lang}/${slug}/` }, t.readMore);
}

function section(
  key: keyof PlanStrings["sections"],
  ...content: (Child_ | Child_[])[]
): HTMLElement {
  const id = `section-${key}`;
  return h(
    "section",
    { class: "panel plan-section", "aria-labelledby": id },
    h("h2", { id }, t.sections[key]),
    h("aside", { class: "guidance" }, h("p", {}, t.guidance[key], " ", rightsLink(key))),
    ...content,
  );
}

function contactFields(contact: Contact, index: number): HTMLElement {
  return h(
    "fieldset",
    { class: "group" },
    h("legend", {}, `${t.sections.contacts} ${index + 1}`),
    field(t.fields.name, contact.name, (v) => (contact.name = v), { autocomplete: "off" }),
    field(t.fields.phone, contact.phone, (v) => (contact.phone = v), {
      type: "tel",
      inputmode: "tel",
    }),
    field(t.fields.relationship, contact.relationship, (v) => (contact.relationship = v)),
    field(t.fields.speaks, contact.speaks, (v) => (contact.speaks = v)),
    !readOnly &&
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            plan.contacts.splice(index, 1);
            renderBuilder();
          },
        },
        `${t.remove}: ${t.sections.contacts} ${index + 1}`,
      ),
  );
}

function childFields(child: Child, index: number): HTMLElement {
  const guardianId = `guardian-${index}`;
  return h(
    "fieldset",
    { class: "group" },
    h("legend", {}, `${t.sections.children} ${index + 1}`),
    field(t.fields.childName, child.name, (v) => (child.name = v)),
    field(t.fields.pickup, child.pickup, (v) => (child.pickup = v)),
    field(t.fields.school, child.school, (v) => (child.school = v)),
    field(t.fields.medical, child.medical, (v) => (child.medical = v), { multiline: true }),
    h(
      "div",
      { class: "field" },
      h("label", { for: guardianId }, t.fields.guardian),
      h(
        "select",
        {
          id: guardianId,
          onchange: (event: Event) => {
            child.guardian = (event.target as HTMLSelectElement).value as Child["guardian"];
          },
        },
        (["none", "planned", "signed"] as const).map((option) =>
          h(
            "option",
            { value: option, selected: child.guardian === option },
            t.fields.guardianOptions[option],
          ),
        ),
      ),
    ),
    !readOnly &&
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          onclick: () => {
            plan.children.splice(index, 1);
            renderBuilder();
          },
        },
        `${t.remove}: ${t.sections.children} ${index + 1}`,
      ),
  );
}

function documentRows(): HTMLElement[] {
  return DOCUMENT_KEYS.map((key) => {
    const doc = plan.documents[key];
    const id = `doc-${key}`;
    return h(
      "div",
      { class: "document" },
      h(
        "div",
        { class: "check" },
        h("input", {
          id,
          type: "checkbox",
          checked: doc.have,
          onchange: (event: Event) => {
            doc.have = (event.target as HTMLInputElement).checked;
          },
        }),
        h("label", { for: id }, t.documents[key]),
      ),
      field(`${t.fields.where}: ${t.documents[key]}`, doc.where, (v) => (doc.where = v)),
    );
  });
}

function legalFields(): HTMLElement[] {
  return [
    field(t.fields.attorney, plan.attorney.name, (v) => (plan.attorney.name = v)),
    field(t.fields.attorneyPhone, plan.attorney.phone, (v) => (plan.attorney.phone = v), {
      type: "tel",
      inputmode: "tel",
    }),
    h(
      "div",
      { class: "field" },
      h("label", { for: "legal-aid" }, t.fields.legalAidPick),
      h(
        "select",
        {
          id: "legal-aid",
          onchange: (event: Event) => {
            plan.attorney.legalAid = (event.target as HTMLSelectElement).value;
          },
        },
        h("option", { value: "" }, t.fields.legalAidNone),
        LEGAL_AID.map((org) =>
          h(
            "option",
            { value: org.id, selected: plan.attorney.legalAid === org.id },
            `${org.name}: ${org.phone}`,
          ),
        ),
      ),
    ),
    field(t.fields.g28, plan.attorney.g28, (v) => (plan.attorney.g28 = v)),
  ];
}

function renderBuilder(): void {
  render = renderBuilder;
  const status = h("div", { id: "plan-status", "aria-live": "polite" });
  const panels = h("div", { id: "plan-panels" });
  const sections = h(
    "fieldset",
    { class: "sections", disabled: readOnly },
    h("legend", { class: "visually-hidden" }, t.title),
    section(
      "contacts",
      plan.contacts.map(contactFields),
      !readOnly &&
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              plan.contacts.push(emptyContact());
              renderBuilder();
            },
          },
          t.add.contact,
        ),
    ),
    section(
      "children",
      plan.children.map(childFields),
      !readOnly &&
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              plan.children.push(emptyChild());
              renderBuilder();
            },
          },
          t.add.child,
        ),
    ),
    section("documents", documentRows()),
    section("legal", legalFields()),
    section(
      "detention",
      field(t.fields.aNumber, plan.aNumber, (v) => (plan.aNumber = v), {
        inputmode: "numeric",
        help: t.fields.aNumberHelp,
      }),
      field(t.fields.countryOfBirth, plan.countryOfBirth, (v) => (plan.countryOfBirth = v)),
      field(t.fields.consulate, plan.consulate, (v) => (plan.consulate = v), {
        type: "tel",
        inputmode: "tel",
      }),
    ),
    section(
      "home",
      HOME_FIELDS.map((key) =>
        field(t.fields[key], plan[key], (v) => (plan[key] = v), { multiline: true }),
      ),
    ),
    section(
      "message",
      field(t.fields.message, plan.message, (v) => (plan.message = v), { multiline: true }),
    ),
  );
  const button = (id: string, label: string, onclick: () => void, kind?: string) =>
    h("button", { type: "button", id, class: kind, onclick }, label);
  const toolbar = h(
    "nav",
    { class: "plan-actions", "aria-label": t.title },
    button("detained", t.detained.button, () => showDetained(panels), "danger"),
    !readOnly && button("save", t.actions.save, () => void save(status, panels)),
    button("print", t.actions.print, () => window.print(), "secondary"),
    !readOnly && button("backup", t.actions.backup, () => void backup(status, panels), "secondary"),
    !readOnly &&
      button("share", t.actions.share, () => void showShare(status, panels), "secondary"),
    !readOnly &&
      code &&
      button("delete", t.actions.delete, () => void remove(status), "secondary danger"),
  );
  show(
    header(),
    h(
      "main",
      {},
      readOnly
        ? h("p", { class: "readonly-banner", role: "status" }, t.readOnly.banner)
        : h("p", { class: "privacy" }, t.serverNeverReads),
      code &&
        h(
          "p",
          { class: "plan-code" },
          `${t.afterSave.code}: `,
          h("strong", { id: "current-code" }, code),
        ),
      toolbar,
      status,
      panels,
      sections,
      h("section", { id: "print-view", class: "print-only", "aria-hidden": "true" }),
    ),
  );
}

// ---- "I've been detained" ----
function showDetained(panels: HTMLElement): void {
  const phones = plan.contacts
    .map((c) => ({ ...c, phone: c.phone.replace(/[^\d+]/g, "") }))
    .filter((c) => c.phone);
  const body = fill(t.detained.message, { hotline: site.hotline.number });
  const sms = (numbers: string[]) => `sms:${numbers.join(",")}?&body=${encodeURIComponent(body)}`;
  panels.replaceChildren(
    h(
      "section",
      { class: "panel detained", "aria-labelledby": "detained-title" },
      h("h2", { id: "detained-title" }, t.detained.button),
      h("p", {}, t.detained.explain),
      phones.length === 0
        ? message(t.detained.noContacts, "error")
        : [
            h(
              "p",
              {},
              h(
                "a",
                {
                  class: "button danger",
                  id: "detained-sms",
                  href: sms(phones.map((c) => c.phone)),
                },
                t.detained.button,
              ),
            ),
            h(
              "ul",
              {},
              phones.map((c) =>
                h(
                  "li",
                  {},
                  h("a", { href: sms([c.phone]) }, `${t.detained.textOne} ${c.name || c.phone}`),
                ),
              ),
            ),
          ],
      h(
        "p",
        { class: "hotline-number" },
        `${t.detained.hotline}: `,
        h("a", { href: `tel:${site.hotline.number.replace(/[^\d+]/g, "")}` }, site.hotline.number),
      ),
    ),
  );
  panels.querySelector("h2")?.setAttribute("tabindex", "-1");
  (panels.querySelector("h2") as HTMLElement | null)?.focus();
}

// ---- passphrase ----
function askPassphrase(panels: HTMLElement): Promise<Lock | undefined> {
  return new Promise((resolve) => {
    const first = h("input", { id: "passphrase", type: "password", autocomplete: "new-password" });
    const second = h("input", {
      id: "passphrase-again",
      type: "password",
      autocomplete: "new-password",
    });
    const meter = h("p", { id: "passphrase-strength", "aria-live": "polite" });
    const error = h("div", { "aria-live": "polite" });
    const update = () => {
      meter.textContent = first.value ? t.passphrase.strength[passphraseStrength(first.value)] : "";
      meter.className = `strength ${first.value ? passphraseStrength(first.value) : ""}`;
    };
    first.addEventListener("input", update);
    const form = h(
      "form",
      {
        class: "panel",
        "aria-labelledby": "passphrase-title",
        onsubmit: (event: Event) => {
          event.preventDefault();
          if (passphraseStrength(first.value) === "weak") {
            error.replaceChildren(message(t.passphrase.tooWeak, "error"));
            return;
          }
          if (first.value !== second.value) {
            error.replaceChildren(message(t.passphrase.mismatch, "error"));
            return;
          }
          error.replaceChildren(message(t.passphrase.working));
          void deriveLock(first.value).then(resolve, () =>
            error.replaceChildren(message(t.errors.generic, "error")),
          );
        },
      },
      h("h2", { id: "passphrase-title" }, t.passphrase.title),
      h("p", {}, t.passphrase.explain),
      labelled(t.passphrase.label, first),
      meter,
      h(
        "div",
        { class: "field" },
        h("label", { for: "passphrase-again" }, t.passphrase.repeat),
        second,
      ),
      h(
        "p",
        {},
        h(
          "button",
          {
            type: "button",
            id: "suggest",
            class: "secondary",
            onclick: () => {
              const suggestion = suggestPassphrase();
              first.value = suggestion;
              second.value = suggestion;
              first.type = "text";
              second.type = "text";
              update();
            },
          },
          t.passphrase.suggest,
        ),
        " ",
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: () => {
              const type = first.type === "password" ? "text" : "password";
              first.type = type;
              second.type = type;
            },
          },
          t.passphrase.show,
        ),
      ),
      error,
      h("button", { type: "submit", id: "passphrase-save" }, t.actions.save),
    );
    panels.replaceChildren(form);
    first.focus();
  });
}

async function ensureLock(panels: HTMLElement): Promise<boolean> {
  if (!lock) lock = await askPassphrase(panels);
  if (!lock) return false;
  unlocked ??= { key: await newDataKey(), ownerToken: undefined };
  return true;
}

// ---- save, backup, delete ----
async function save(status: HTMLElement, panels: HTMLElement): Promise<void> {
  if (!(await ensureLock(panels)) || !lock || !unlocked) return;
  status.replaceChildren(message(t.passphrase.working));
  try {
    if (!code) {
      const created = await api<{ code: string; ownerToken: string }>("/api/plans", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: await sealPlan(plan, lock, unlocked),
      });
      unlocked.ownerToken = created.ownerToken;
      code = created.code;
    }
    await api(`/api/plans/${encodeURIComponent(code)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${unlocked.ownerToken ?? ""}` },
      body: await sealPlan(plan, lock, unlocked),
    });
    renderBuilder();
    await showSaved();
  } catch (error) {
    status.replaceChildren(message(errorText(error), "error"));
  }
}

async function qrFor(text: string, label: string): Promise<HTMLElement> {
  const QRCode = (await import("qrcode")).default;
  const svg = await QRCode.toString(text, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  const image = h("img", {
    class: "qr",
    alt: label,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
  });
  return image;
}

async function showSaved(): Promise<void> {
  const panels = document.getElementById("plan-panels");
  const status = document.getElementById("plan-status");
  if (!panels || !code) return;
  status?.replaceChildren(message(t.actions.saved));
  const link = `${location.origin}/plan#open=${code}`;
  panels.replaceChildren(
    h(
      "section",
      { class: "panel saved", "aria-labelledby": "saved-title" },
      h("h2", { id: "saved-title" }, t.afterSave.title),
      h("p", {}, `${t.afterSave.code}: `, h("strong", { id: "saved-code", class: "code" }, code)),
      h("p", {}, t.afterSave.writeDown),
      await qrFor(link, `${t.afterSave.qr} ${code}`),
      h("p", {}, t.afterSave.qr),
    ),
  );
}

async function backup(status: HTMLElement, panels: HTMLElement): Promise<void> {
  if (!(await ensureLock(panels)) || !lock || !unlocked) return;
  const envelope = await sealPlan(plan, lock, unlocked);
  const file = new Blob(
    [JSON.stringify({ format: "aviso-plan-backup", version: 1, code, envelope }, null, 1)],
    { type: "application/json" },
  );
  const link = h("a", {
    href: URL.createObjectURL(file),
    download: `aviso-plan${code ? `-${code}` : ""}.json`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  panels.replaceChildren();
  status.replaceChildren(message(t.actions.saved));
}

async function remove(status: HTMLElement): Promise<void> {
  if (!code || !window.confirm(t.actions.deleteConfirm)) return;
  try {
    await api(`/api/plans/${encodeURIComponent(code)}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${unlocked?.ownerToken ?? ""}` },
    });
    plan = emptyPlan();
    code = undefined;
    lock = undefined;
    unlocked = undefined;
    history.replaceState(null, "", location.pathname + location.search);
    renderStart();
    app.querySelector("main")?.prepend(message(t.actions.deleted));
  } catch (error) {
    status.replaceChildren(message(errorText(error), "error"));
  }
}

// ---- sharing ----
async function showShare(status: HTMLElement, panels: HTMLElement): Promise<void> {
  if (!code || !unlocked?.ownerToken) {
    await save(status, panels);
    if (!code || !unlocked?.ownerToken) return;
  }
  const owner = { authorization: `Bearer ${unlocked.ownerToken}` };
  const planCode = code;
  const key = unlocked.key;
  const list = h("ul", { id: "share-list" });
  const result = h("div", { id: "share-result", "aria-live": "polite" });
  const refresh = async () => {
    const { shares } = await api<{ shares: { id: string; expiresAt: string }[] }>(
      `/api/plans/${encodeURIComponent(planCode)}/shares`,
      { headers: owner },
    );
    list.replaceChildren(
      ...shares.map((share) =>
        h(
          "li",
          {},
          fill(t.share.active, { date: formatDate(share.expiresAt) }),
          " ",
          h(
            "button",
            {
              type: "button",
              class: "secondary revoke",
              onclick: () =>
                void api(`/api/plans/${encodeURIComponent(planCode)}/shares/${share.id}`, {
                  method: "DELETE",
                  headers: owner,
                }).then(refresh),
            },
            t.share.revoke,
          ),
        ),
      ),
    );
  };
  const days = h(
    "select",
    { id: "share-days" },
    [1, 7, 30].map((n) => h("option", { value: n, selected: n === 7 }, fill(t.share.days, { n }))),
  );
  const linkForm = h(
    "form",
    {
      class: "share-link",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void (async () => {
          const { linkKey, wrappedKey } = await wrapForShare(key);
          const share = await api<{ id: string }>(
            `/api/plans/${encodeURIComponent(planCode)}/shares`,
            {
              method: "POST",
              headers: owner,
              body: { wrappedKey, expiresInDays: Number(days.value) },
            },
          );
          const link = `${location.origin}/plan#share=${planCode}.${share.id}.${linkKey}`;
          result.replaceChildren(
            h("p", {}, h("a", { id: "share-url", href: link }, link)),
            await qrFor(link, t.share.linkTitle),
          );
          await refresh();
        })().catch((error: unknown) => result.replaceChildren(message(errorText(error), "error")));
      },
    },
    h("h3", {}, t.share.linkTitle),
    h("p", {}, t.share.linkExplain),
    labelled(t.share.expires, days),
    h("button", { type: "submit", id: "make-link" }, t.share.create),
    result,
    list,
  );
  const n = h(
    "select",
    { id: "split-n" },
    [2, 3, 4, 5].map((v) => h("option", { value: v, selected: v === 3 }, String(v))),
  );
  const k = h(
    "select",
    { id: "split-k" },
    [2, 3, 4, 5].map((v) => h("option", { value: v, selected: v === 2 }, String(v))),
  );
  const parts = h("div", { id: "split-parts" });
  const splitForm = h(
    "form",
    {
      class: "share-split",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void (async () => {
          const total = Number(n.value);
          const needed = Math.min(Number(k.value), total);
          const pieces = await splitKey(key, total, needed);
          const items = await Promise.all(
            pieces.map(async (piece, index) => {
              const link = `${location.origin}/plan#part=${planCode}.${needed}.${piece}`;
              return h(
                "li",
                { class: "part" },
                h("h4", {}, fill(t.share.part, { n: index + 1 })),
                h("a", { class: "part-url", href: link }, link),
                await qrFor(link, fill(t.share.part, { n: index + 1 })),
              );
            }),
          );
          parts.replaceChildren(
            h("p", {}, fill(t.share.splitExplain, { k: needed })),
            h("ol", { class: "parts" }, items),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                onclick: () => {
                  document.body.classList.add("printing-parts");
                  window.print();
                },
              },
              t.share.printParts,
            ),
          );
        })();
      },
    },
    h("h3", {}, t.share.splitTitle),
    h("p", {}, fill(t.share.splitExplain, { k: "k" })),
    h("div", { class: "field inline" }, h("label", { for: "split-n" }, t.share.parts), n),
    h("div", { class: "field inline" }, h("label", { for: "split-k" }, t.share.needed), k),
    h("button", { type: "submit", id: "make-parts" }, t.share.split),
    parts,
  );
  panels.replaceChildren(
    h(
      "section",
      { class: "panel share", "aria-labelledby": "share-title" },
      h("h2", { id: "share-title" }, t.share.title),
      linkForm,
      splitForm,
    ),
  );
  await refresh().catch(() => undefined);
}

// ---- print: the plan as plain text, with the warning ----
function printView(): void {
  const view = document.getElementById("print-view");
  if (!view) return;
  const row = (label: string, value: string) =>
    value.trim() ? h("p", {}, h("strong", {}, `${label}: `), value) : undefined;
  const aid = LEGAL_AID.find((org) => org.id === plan.attorney.legalAid);
  view.replaceChildren(
    h(
      "div",
      {},
      h("p", { class: "print-warning" }, t.print.warning),
      h("p", {}, fill(t.print.printedOn, { date: formatDate(new Date().toISOString()) })),
      h("h2", {}, t.sections.contacts),
      plan.contacts
        .filter((c) => c.name || c.phone)
        .map((c) =>
          h(
            "p",
            {},
            h("strong", {}, c.name || c.phone),
            [c.name ? c.phone : "", c.relationship, c.speaks]
              .filter(Boolean)
              .map((part) => ` · ${part}`)
              .join(""),
          ),
        ),
      h("h2", {}, t.sections.children),
      plan.children.map((c) =>
        h(
          "div",
          {},
          h("h3", {}, c.name),
          row(t.fields.pickup, c.pickup),
          row(t.fields.school, c.school),
          row(t.fields.medical, c.medical),
          row(t.fields.guardian, t.fields.guardianOptions[c.guardian]),
        ),
      ),
      h("h2", {}, t.sections.documents),
      DOCUMENT_KEYS.map((key) =>
        row(
          `${plan.documents[key].have ? "☑" : "☐"} ${t.documents[key]}`,
          plan.documents[key].where || " ",
        ),
      ),
      h("h2", {}, t.sections.legal),
      row(t.fields.attorney, [plan.attorney.name, plan.attorney.phone].filter(Boolean).join(" · ")),
      aid && row(t.fields.legalAidPick, `${aid.name}: ${aid.phone}`),
      row(t.fields.g28, plan.attorney.g28),
      h("h2", {}, t.sections.detention),
      row(t.fields.aNumber, plan.aNumber),
      row(t.fields.countryOfBirth, plan.countryOfBirth),
      row(t.fields.consulate, plan.consulate),
      h("h2", {}, t.sections.home),
      HOME_FIELDS.map((key) => row(t.fields[key], plan[key])),
      h("h2", {}, t.sections.message),
      h("p", {}, plan.message),
      h("p", {}, `${t.detained.hotline}: ${site.hotline.number}`),
    ),
  );
}
window.addEventListener("beforeprint", printView);
window.addEventListener("afterprint", () => document.body.classList.remove("printing-parts"));

// ---- offline: keep this page and its code for the next visit ----
async function keepOffline(): Promise<void> {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return;
  await navigator.serviceWorker.register("/sw.js");
  await navigator.serviceWorker.ready;
  await loadSodium();
  await import("shamir-secret-sharing");
  await import("qrcode");
  const same = performance
    .getEntriesByType("resource")
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === location.origin && /^\/(assets|fonts)\//.test(url.pathname))
    .map((url) => url.pathname);
  const cache = await caches.open(OFFLINE_CACHE);
  await cache.addAll([...new Set(["/plan", "/favicon.svg", `/fonts/${lang}.css`, ...same])]);
  document.documentElement.dataset.offlineReady = "true";
}
window.addEventListener("online", () => render());
window.addEventListener("offline", () => render());

setLanguage(lang);
render();
void keepOffline().catch(() => undefined);
