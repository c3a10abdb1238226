import type {
  AlertEstimate,
  AlertView,
  AreaSummary,
  DeliveryReceipt,
  IncidentDetail,
} from "@aviso/core";
import { alertSmsBody } from "@aviso/core/alerts";
import { LANGUAGES } from "@aviso/core/languages";
import { countSmsSegments } from "@aviso/core/sms";
import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from "react";
import { ApiError, api, errorMessage, listAreas } from "../api.ts";
import { formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";
import { ALERT_KIND_FOR, STATUS_LABELS as INCIDENT_STATUS_LABELS } from "./incidents.tsx";

const COMPOSABLE_KINDS = [
  "activity_confirmed",
  "activity_unconfirmed",
  "rumor_false",
  "all_clear",
  "announcement",
] as const;

const KIND_LABELS: Record<string, string> = {
  activity_confirmed: "Activity confirmed",
  activity_unconfirmed: "Activity reported, not yet confirmed",
  rumor_false: "Rumor checked: false",
  all_clear: "All clear",
  announcement: "Announcement",
  retraction: "Correction of an earlier alert",
};

const STATUS_LABELS: Record<string, string> = {
  pending_approval: "Waiting for approval",
  sending: "Sending",
  sent: "Sent",
  cancelled: "Cancelled",
  rejected: "Rejected",
};

/** Delivery statuses in the order a message moves through them. */
const DELIVERY_STATUSES = ["queued", "sending", "sent", "delivered", "failed", "cancelled"];
/** Statuses that change on their own: the alert page refreshes itself while in one. */
const LIVE_STATUSES = new Set(["pending_approval", "sending"]);
const RECEIPTS_PER_PAGE = 50;

const kindLabel = (kind: string) => KIND_LABELS[kind] ?? kind.replaceAll("_", " ");
const statusLabel = (status: string) => STATUS_LABELS[status] ?? status.replaceAll("_", " ");
const languageOf = (code: string) => LANGUAGES.find((l) => l.code === code);
const channelLabel = (channel: string) => (channel === "sms" ? "SMS" : channel);
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Seconds as "45 s", "3 min 20 s" or "1 h 5 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return s % 60 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
  const rest = minutes % 60;
  return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${Math.floor(minutes / 60)} h`;
}

/** A language's own name (marked with its language) and, if different, its English name. */
function LanguageName({ code }: { code: string }) {
  const language = languageOf(code);
  if (!language) return <>{code}</>;
  return (
    <>
      <span lang={language.code} dir={language.dir}>
        {language.nativeName}
      </span>
      {language.nativeName !== language.name && ` (${language.name})`}
    </>
  );
}

/** Typographic characters with a plain GSM-7 twin: one of them makes a whole text Unicode. */
const PLAIN: Record<string, string> = {
  "\u2013": "-",
  "\u2014": "-",
  "\u2212": "-",
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u2026": "...",
  "\u00A0": " ",
  "\u2007": " ",
  "\u2009": " ",
  "\u202F": " ",
};
const plainPunctuation = (text: string) => [...text].map((char) => PLAIN[char] ?? char).join("");

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** How many SMS segments a text costs with the footer, and which characters force Unicode. */
function SegmentCount({
  id,
  text,
  code,
  language,
  onPlain,
}: {
  id: string;
  text: string;
  code: string | null;
  language: string;
  /** Offered when the text has typographic punctuation that a plain character can replace. */
  onPlain?: (text: string) => void;
}) {
  if (!text.trim())
    return (
      <p id={id} className="sms-count">
        No text yet.
      </p>
    );
  // As it will go out: the language's own footer, its code (given at approval) or a stand-in.
  const count = countSmsSegments(
    alertSmsBody(text, language, code ?? "XXXXXX", window.location.host),
  );
  const shown = count.nonGsmCharacters.slice(0, 12);
  const more = count.nonGsmCharacters.length - shown.length;
  return (
    <div id={id} className="sms-count">
      <p>
        With the footer: <strong>{plural(count.segments, "SMS segment")}</strong>,{" "}
        {count.encoding === "GSM-7" ? "GSM-7" : "UCS-2 (Unicode)"}, {count.units} characters,{" "}
        {count.remaining} left in the last segment.
      </p>
      {count.encoding === "UCS-2" && (
        <p>
          Unicode fits 70 characters in one segment instead of 160. Characters that need it:{" "}
          {shown.map((char) => (
            <span key={char} className="non-gsm">
              <code>{char}</code> {codePoint(char)}
            </span>
          ))}
          {more > 0 && ` and ${more} more`}
        </p>
      )}
      {onPlain && count.nonGsmCharacters.some((char) => PLAIN[char]) && (
        <p>
          <button
            type="button"
            className="secondary"
            aria-label={`Use plain punctuation in ${languageOf(language)?.name ?? language}`}
            onClick={() => onPlain(plainPunctuation(text))}
          >
            Use plain punctuation
          </button>{" "}
          (dashes, curly quotes and special spaces become - ' " and a space)
        </p>
      )}
    </div>
  );
}

/** The latest alerts, newest first, with their delivery progress. */
export function AlertsList() {
  const [alerts, reload] = useLoad(
    () => api<{ alerts: AlertView[] }>("/api/alerts"),
    "alerts-list",
  );
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      <p className="actions">
        <a className="button" href="/console/alerts/new">
          Compose an alert
        </a>
        <button type="button" onClick={reload}>
          Refresh
        </button>
      </p>
      {alerts.state === "loading" && <p aria-live="polite">Loading…</p>}
      {alerts.state === "error" && <p role="alert">{alerts.message}</p>}
      {alerts.state === "ready" && alerts.value.alerts.length === 0 && <p>No alerts yet.</p>}
      {alerts.state === "ready" && alerts.value.alerts.length > 0 && (
        <table data-testid="alerts" className="alerts-table">
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Areas</th>
              <th scope="col">Status</th>
              <th scope="col">Created / approved</th>
              <th scope="col">Code</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {alerts.value.alerts.map((alert) => (
              <tr key={alert.id}>
                <td>
                  <a href={`/console/alerts/${alert.id}`}>{kindLabel(alert.kind)}</a>
                </td>
                <td>
                  {alert.areaNames.slice(0, 3).join(", ")}
                  {alert.areaNames.length > 3 && ` and ${alert.areaNames.length - 3} more`}
                </td>
                <td>{statusLabel(alert.status)}</td>
                <td>
                  {formatDateTime(alert.createdAt)}
                  {alert.approvedAt && (
                    <small className="fields">approved {formatDateTime(alert.approvedAt)}</small>
                  )}
                </td>
                <td>{alert.verificationCode ? <code>{alert.verificationCode}</code> : "—"}</td>
                <td className="progress-cell">
                  {["sent", "delivered", "failed", "queued"]
                    .map((s) => `${alert.progress[s] ?? 0} ${s}`)
                    .join(" · ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

const areaLabel = (area: AreaSummary) => (area.kind === "zip" ? `ZIP ${area.name}` : area.name);

/** Recipients, segments, time and cost for the chosen areas and texts, asked ~400 ms after a change. */
function useEstimate(areaIds: string[], texts: Record<string, string>) {
  const [estimate, setEstimate] = useState<{
    value?: AlertEstimate;
    loading: boolean;
    error: string;
  }>({ loading: false, error: "" });
  const key = JSON.stringify({ areaIds, texts });
  useEffect(() => {
    const body = JSON.parse(key) as { areaIds: string[]; texts: Record<string, string> };
    if (body.areaIds.length === 0) {
      setEstimate({ loading: false, error: "" });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setEstimate((e) => ({ ...e, loading: true }));
      api<AlertEstimate>("/api/alerts/estimate", {
        method: "POST",
        body,
        signal: controller.signal,
      }).then(
        (value) => setEstimate({ value, loading: false, error: "" }),
        (caught: unknown) => {
          if (!controller.signal.aborted)
            setEstimate((e) => ({ ...e, loading: false, error: errorMessage(caught) }));
        },
      );
    }, 400);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [key]);
  return estimate;
}

function EstimatePanel({
  estimate,
  hasAreas,
}: {
  estimate: ReturnType<typeof useEstimate>;
  hasAreas: boolean;
}) {
  const value = hasAreas ? estimate.value : undefined;
  return (
    <section className="panel" aria-labelledby="estimate-title" aria-busy={estimate.loading}>
      <h3 id="estimate-title">Who would get it</h3>
      <p role="status" data-testid="estimate-summary">
        {!hasAreas
          ? "Choose the areas to see who would get this alert."
          : estimate.error
            ? `No estimate: ${estimate.error}`
            : !value
              ? "Estimating…"
              : `${plural(value.total, "recipient")}, ${plural(value.segments, "SMS segment")}, about ${formatDuration(value.seconds)} to send, about ${usd.format(value.cost)}.${estimate.loading ? " Updating…" : ""}`}
      </p>
      {value && (
        <>
          <dl className="facts">
            <dt>Recipients by channel</dt>
            <dd>
              {value.recipients.length === 0
                ? "Nobody has signed up in these areas yet."
                : value.recipients
                    .map((r) => `${channelLabel(r.channel)}: ${r.n.toLocaleString("en-US")}`)
                    .join(", ")}
            </dd>
            <dt>SMS segments in all</dt>
            <dd>{value.segments.toLocaleString("en-US")}</dd>
            <dt>Time to deliver</dt>
            <dd>about {formatDuration(value.seconds)}</dd>
            <dt>Estimated cost</dt>
            <dd>{usd.format(value.cost)}</dd>
          </dl>
          <table>
            <caption className="visually-hidden">Recipients and segments by language</caption>
            <thead>
              <tr>
                <th scope="col">Language</th>
                <th scope="col">By SMS</th>
                <th scope="col">Encoding</th>
                <th scope="col">Segments each</th>
              </tr>
            </thead>
            <tbody>
              {value.languages.map((l) => (
                <tr key={l.lang}>
                  <td>
                    <LanguageName code={l.lang} />
                  </td>
                  <td>{l.n.toLocaleString("en-US")}</td>
                  <td>{l.encoding}</td>
                  <td>{l.segments}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">
            Recipients whose language has no text get the English one (or the first text). Segments
            count each language's own footer.
          </p>
        </>
      )}
    </section>
  );
}

/** Composing an alert: kind, areas, window, languages, texts from a template, a live estimate. */
export function AlertComposer() {
  const uid = useId();
  const [areas] = useLoad(async (signal) => {
    const [community, zips] = await Promise.all([
      listAreas("community-area", signal),
      listAreas("zip", signal),
    ]);
    return { community, zips };
  }, "alert-areas");
  const [kind, setKind] = useState<string>(COMPOSABLE_KINDS[0]);
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [filter, setFilter] = useState("");
  const [timeWindow, setTimeWindow] = useState("");
  const [languages, setLanguages] = useState<string[]>(["en", "es"]);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState<"" | "drafting" | "sending">("");
  const [error, setError] = useState("");
  const [notice, setNotice] = useState("");
  // Composing from an incident (/console/alerts/new?incident=…): its areas and the alert its
  // status suggests, and the alert is linked to it once composed.
  const incidentId = new URLSearchParams(window.location.search).get("incident");
  const [incident, setIncident] = useState<IncidentDetail | undefined>(undefined);
  useEffect(() => {
    if (!incidentId) return;
    api<IncidentDetail>(`/api/incidents/${encodeURIComponent(incidentId)}`).then(
      (found) => {
        setIncident(found);
        setAreaIds(found.areaIds);
        const suggested = ALERT_KIND_FOR[found.status];
        if (suggested) setKind(suggested);
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  }, [incidentId]);

  const byId = useMemo(
    () =>
      new Map(
        areas.state === "ready"
          ? [...areas.value.community, ...areas.value.zips].map((a) => [a.id, a])
          : [],
      ),
    [areas],
  );
  const chosen = new Set(areaIds);
  const active = LANGUAGES.filter((l) => languages.includes(l.code));
  const activeTexts = Object.fromEntries(
    active.map((l) => [l.code, (texts[l.code] ?? "").trim()]).filter(([, text]) => text),
  );
  const estimate = useEstimate(areaIds, activeTexts);

  const toggleArea = (id: string, on: boolean) =>
    setAreaIds((ids) => (on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id)));
  const toggleLanguage = (code: string, on: boolean) =>
    setLanguages((codes) => (on ? [...codes, code] : codes.filter((c) => c !== code)));

  async function fill() {
    setError("");
    setNotice("");
    if (languages.length === 0) {
      setError("Choose at least one language.");
      return;
    }
    if (edited && !window.confirm("Replace the texts you edited with the template's words?"))
      return;
    setBusy("drafting");
    try {
      const result = await api<{ texts: Record<string, string> }>("/api/alerts/draft", {
        method: "POST",
        body: { kind, areaIds, languages, window: timeWindow },
      });
      setTexts((current) => ({ ...current, ...result.texts }));
      setEdited(false);
      setNotice(
        `Filled ${plural(Object.keys(result.texts).length, "text")} from the template. Read every one before sending it for approval.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy("");
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError("");
    setNotice("");
    if (areaIds.length === 0) {
      setError("Choose at least one area.");
      return;
    }
    if (active.length === 0) {
      setError("Choose at least one language.");
      return;
    }
    const empty = active.filter((l) => !(texts[l.code] ?? "").trim());
    if (empty.length > 0) {
      setError(
        `Write the text in ${empty.map((l) => l.name).join(", ")}, or untick ${empty.length === 1 ? "that language" : "those languages"}.`,
      );
      return;
    }
    setBusy("sending");
    try {
      const alert = await api<AlertView>("/api/alerts", {
        method: "POST",
        body: { kind, areaIds, texts: activeTexts },
      });
      if (incidentId)
        await api(`/api/incidents/${encodeURIComponent(incidentId)}/alerts`, {
          method: "POST",
          body: { alertId: alert.id },
        });
      window.location.assign(`/console/alerts/${encodeURIComponent(alert.id)}`);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy("");
    }
  }

  const needle = fold(filter.trim());
  const matches = (area: AreaSummary) =>
    !needle || fold(area.name).includes(needle) || fold(areaLabel(area)).includes(needle);

  const areaGroup = (legend: string, list: AreaSummary[]) => {
    const shown = list.filter(matches);
    return (
      <fieldset className="area-group">
        <legend>
          {legend} (
          {shown.length === list.length ? list.length : `${shown.length} of ${list.length}`})
        </legend>
        {shown.length === 0 ? (
          <p className="hint">None match.</p>
        ) : (
          <ul>
            {shown.map((area) => (
              <li key={area.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(area.id)}
                    onChange={(event) => toggleArea(area.id, event.currentTarget.checked)}
                  />{" "}
                  {area.name}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
    );
  };

  return (
    <section aria-labelledby="compose-title">
      <p>
        <a href="/console/alerts">All alerts</a>
      </p>
      <h2 id="compose-title">Compose an alert</h2>
      {incident && (
        <p className="from-incident" role="note">
          From incident <a href={`/console/incidents/${incident.id}`}>{incident.title}</a> (
          {INCIDENT_STATUS_LABELS[incident.status]?.toLowerCase()}): its areas and template are
          chosen below. Check them before filling the texts.
        </p>
      )}
      <p>
        Nothing is sent when you finish here: the alert waits until another dispatcher reads it and
        approves it.
      </p>
      <form className="panel composer" onSubmit={(event) => void submit(event)} noValidate>
        <label>
          Kind of alert
          <select value={kind} onChange={(event) => setKind(event.currentTarget.value)}>
            {COMPOSABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>

        <fieldset className="areas-field">
          <legend>Areas</legend>
          {areas.state === "loading" && <p aria-live="polite">Loading the areas…</p>}
          {areas.state === "error" && <p className="error">{areas.message}</p>}
          {areas.state === "ready" && (
            <>
              <div aria-live="polite" data-testid="chosen-areas">
                {areaIds.length === 0 ? (
                  <p className="hint">No area chosen yet.</p>
                ) : (
                  <>
                    <p>
                      {plural(areaIds.length, "area")} chosen (deliveries start nearest the first):
                    </p>
                    <ul className="chips">
                      {areaIds.map((id) => {
                        const area = byId.get(id);
                        const name = area ? areaLabel(area) : id;
                        return (
                          <li key={id}>
                            {name}{" "}
                            <button
                              type="button"
                              className="chip-remove"
                              aria-label={`Remove ${name}`}
                              onClick={() => toggleArea(id, false)}
                            >
                              ×
                            </button>
                          </li>
                        );
                      })}
                    </ul>
                  </>
                )}
              </div>
              <label>
                Find an area by name or ZIP code
                <input
                  type="search"
                  value={filter}
                  onChange={(event) => setFilter(event.currentTarget.value)}
                  autoComplete="off"
                />
              </label>
              <div className="area-picker">
                {areaGroup("ZIP codes", areas.value.zips)}
                {areaGroup("Community areas", areas.value.community)}
              </div>
            </>
          )}
        </fieldset>

        <label>
          When (time window, written into the text)
          <input
            value={timeWindow}
            maxLength={80}
            placeholder="today 2-4 pm"
            onChange={(event) => setTimeWindow(event.currentTarget.value)}
          />
        </label>

        <fieldset>
          <legend>Languages</legend>
          <ul className="language-choices">
            {LANGUAGES.map((language) => (
              <li key={language.code}>
                <label>
                  <input
                    type="checkbox"
                    checked={languages.includes(language.code)}
                    onChange={(event) => toggleLanguage(language.code, event.currentTarget.checked)}
                  />{" "}
                  <LanguageName code={language.code} />
                </label>
              </li>
            ))}
          </ul>
        </fieldset>

        <p className="machine-note">
          Only the English templates were written by people. Every other language's template is
          machine-drafted and not yet reviewed: have someone who reads the language check its text
          before this alert is approved.
        </p>

        <p>
          <button type="button" onClick={() => void fill()} disabled={busy !== ""}>
            {busy === "drafting" ? "Filling…" : "Fill from template"}
          </button>
        </p>
        <p role="status" className="notice">
          {notice}
        </p>

        {active.length > 0 && (
          <fieldset>
            <legend>Texts</legend>
            {active.map((language) => {
              const id = `${uid}-text-${language.code}`;
              return (
                <div key={language.code} className="text-field">
                  <label htmlFor={id}>
                    <LanguageName code={language.code} />
                  </label>
                  <textarea
                    id={id}
                    lang={language.code}
                    dir={language.dir}
                    rows={4}
                    maxLength={1000}
                    value={texts[language.code] ?? ""}
                    aria-describedby={`${id}-count`}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setTexts((current) => ({ ...current, [language.code]: value }));
                      setEdited(true);
                    }}
                  />
                  <SegmentCount
                    id={`${id}-count`}
                    text={texts[language.code] ?? ""}
                    code={null}
                    language={language.code}
                    onPlain={(plain) => {
                      setTexts((current) => ({ ...current, [language.code]: plain }));
                      setEdited(true);
                    }}
                  />
                </div>
              );
            })}
          </fieldset>
        )}

        <EstimatePanel estimate={estimate} hasAreas={areaIds.length > 0} />

        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy !== ""}>
          {busy === "sending" ? "Saving…" : "Send for approval"}
        </button>
      </form>
    </section>
  );
}

/** One page of delivery receipts with its page buttons (an audited read: loaded when asked). */
function ReceiptsPage({
  id,
  page,
  onPage,
}: {
  id: string;
  page: number;
  onPage: (page: number) => void;
}) {
  const [rows] = useLoad(
    (signal) =>
      api<{ deliveries: DeliveryReceipt[] }>(
        `/api/alerts/${encodeURIComponent(id)}/deliveries?page=${page}`,
        { signal },
      ).then((r) => r.deliveries),
    `${id}:${page}`,
  );
  const first = page * RECEIPTS_PER_PAGE + 1;
  return (
    <>
      <p aria-live="polite">
        {rows.state === "loading"
          ? "Loading receipts…"
          : rows.state === "error"
            ? ""
            : rows.value.length === 0
              ? page === 0
                ? "No receipts yet."
                : "No more receipts."
              : `Receipts ${first}–${first + rows.value.length - 1}, nearest recipients first.`}
      </p>
      {rows.state === "error" && <p className="error">{rows.message}</p>}
      {rows.state === "ready" && rows.value.length > 0 && (
        <table data-testid="receipts">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Language</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Error</th>
              <th scope="col">Sent</th>
            </tr>
          </thead>
          <tbody>
            {rows.value.map((d, i) => (
              // Receipts carry no id; a page's rows are replaced as a whole.
              // biome-ignore lint/suspicious/noArrayIndexKey: position within one fixed page
              <tr key={i}>
                <td className="nowrap">
                  {d.to}
                  {d.channel !== "sms" && <small className="fields">{d.channel}</small>}
                </td>
                <td>
                  <LanguageName code={d.language} />
                </td>
                <td>{d.status}</td>
                <td>{d.attempts}</td>
                <td>{d.error ?? ""}</td>
                <td className="nowrap">{d.sentAt ? formatDateTime(d.sentAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="actions">
        <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
          Previous page
        </button>
        <button
          type="button"
          disabled={rows.state !== "ready" || rows.value.length < RECEIPTS_PER_PAGE}
          onClick={() => onPage(page + 1)}
        >
          Next page
        </button>
      </p>
    </>
  );
}

function Receipts({ id }: { id: string }) {
  const [page, setPage] = useState<number>();
  return (
    <section aria-labelledby="receipts-title">
      <h3 id="receipts-title">Delivery receipts</h3>
      {page === undefined ? (
        <>
          <p>
            Numbers are masked. Reading receipts is recorded in the audit trail, so they load only
            when you ask.
          </p>
          <button type="button" onClick={() => setPage(0)}>
            Show delivery receipts
          </button>
        </>
      ) : (
        <ReceiptsPage id={id} page={page} onPage={setPage} />
      )}
    </section>
  );
}

const languageOrder = (code: string) => {
  const index = LANGUAGES.findIndex((l) => l.code === code);
  return index < 0 ? LANGUAGES.length : index;
};

/** One alert: exactly what goes out, who did what, live progress, and what can be done next. */
export function AlertDetail({ id, userId }: { id: string; userId: string }) {
  const [alert, setAlert] = useState<AlertView>();
  const [loadError, setLoadError] = useState("");
  const [round, setRound] = useState(0);
  const [fetched, setFetched] = useState(0);
  const [busy, setBusy] = useState(false);
  // An action's error is about the alert as it was: it goes once the status moves on.
  const [actionError, setActionErrorAt] = useState<{ message: string; status: string }>();
  const setActionError = (message: string) =>
    setActionErrorAt(message && alert ? { message, status: alert.status } : undefined);
  const [notice, setNotice] = useState("");
  const live = alert ? LIVE_STATUSES.has(alert.status) : false;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks for a fresh copy
  useEffect(() => {
    const controller = new AbortController();
    void api<AlertView>(`/api/alerts/${encodeURIComponent(id)}`, { signal: controller.signal })
      .then(
        (value) => {
          setAlert(value);
          setLoadError("");
        },
        (caught: unknown) => {
          if (!controller.signal.aborted) setLoadError(errorMessage(caught));
        },
      )
      .finally(() => {
        if (!controller.signal.aborted) setFetched((n) => n + 1);
      });
    return () => controller.abort();
  }, [id, round]);

  // While it can change on its own (approval by someone else, sending), ask again every 2 s.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fetched` restarts the wait after each answer
  useEffect(() => {
    if (!live) return;
    const timer = window.setTimeout(() => setRound((n) => n + 1), 2000);
    return () => window.clearTimeout(timer);
  }, [live, fetched]);

  const refresh = useCallback(() => setRound((n) => n + 1), []);

  async function act(action: "approve" | "reject" | "cancel") {
    if (
      action === "cancel" &&
      !window.confirm(
        "Stop sending this alert? Messages still queued are cancelled; those already sent stay sent.",
      )
    )
      return;
    setBusy(true);
    setActionError("");
    setNotice("");
    try {
      const view = await api<AlertView>(`/api/alerts/${encodeURIComponent(id)}/${action}`, {
        method: "POST",
      });
      setAlert(view);
      refresh();
      setNotice(
        action === "approve"
          ? "Approved and signed: sending has started."
          : action === "reject"
            ? "Rejected: this alert will not be sent."
            : "Sending stopped. Messages already sent stay sent.",
      );
    } catch (caught) {
      setActionError(
        caught instanceof ApiError && caught.code === "TWO_PERSON_RULE"
          ? `${caught.message} Ask another dispatcher to open this page and approve it.`
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  }

  async function retract() {
    if (
      !window.confirm(
        "Retract this alert? If it is still sending, sending stops now. A correction to everyone it reached is drafted and waits for approval.",
      )
    )
      return;
    setBusy(true);
    setActionError("");
    setNotice("");
    try {
      const retraction = await api<AlertView>(`/api/alerts/${encodeURIComponent(id)}/retract`, {
        method: "POST",
        body: {},
      });
      window.location.assign(`/console/alerts/${encodeURIComponent(retraction.id)}`);
    } catch (caught) {
      setActionError(errorMessage(caught));
      setBusy(false);
    }
  }

  if (!alert)
    return (
      <section aria-labelledby="alert-title">
        <p>
          <a href="/console/alerts">All alerts</a>
        </p>
        <h2 id="alert-title">Alert</h2>
        {loadError ? <p role="alert">{loadError}</p> : <p aria-live="polite">Loading…</p>}
      </section>
    );

  const texts = Object.entries(alert.texts).sort(([a], [b]) => languageOrder(a) - languageOrder(b));
  const total = DELIVERY_STATUSES.reduce((sum, s) => sum + (alert.progress[s] ?? 0), 0);
  const handled = ["sent", "delivered", "failed", "cancelled"].reduce(
    (sum, s) => sum + (alert.progress[s] ?? 0),
    0,
  );
  const canRetract =
    ["sending", "sent", "cancelled"].includes(alert.status) &&
    alert.approvedAt !== null &&
    alert.kind !== "retraction";
  const who = (staffId: string | null, name: string | null) =>
    staffId === null ? "—" : `${name ?? "former staff"}${staffId === userId ? " (you)" : ""}`;

  return (
    <section aria-labelledby="alert-title" data-status={alert.status}>
      <p>
        <a href="/console/alerts">All alerts</a>
      </p>
      <h2 id="alert-title">{kindLabel(alert.kind)}</h2>
      <p className={`alert-status status-${alert.status}`} aria-live="polite">
        Status: <strong data-testid="alert-status">{statusLabel(alert.status)}</strong>
        {live && <span className="hint"> (updates every 2 seconds)</span>}
      </p>
      {loadError && <p className="error">Could not refresh: {loadError}</p>}
      <p>Areas: {alert.areaNames.join(", ") || "—"}</p>
      {alert.retractsId && (
        <p>
          This corrects <a href={`/console/alerts/${alert.retractsId}`}>an earlier alert</a> and
          goes to exactly the people that alert reached.
        </p>
      )}

      <h3>{alert.approvedAt ? "What was sent" : "What will be sent"}</h3>
      <p className="hint">
        Each text goes out exactly as shown here, followed by one line (in the same language) with
        the verification code and where to check it. Recipients whose language has no text get the
        English one.
      </p>
      {texts.map(([lang, text]) => (
        <figure key={lang} className="alert-text">
          <figcaption>
            <LanguageName code={lang} />
          </figcaption>
          <p
            lang={lang}
            dir={languageOf(lang)?.dir ?? "auto"}
            className="sms-text"
            data-testid={`alert-text-${lang}`}
          >
            {text}
          </p>
          <SegmentCount
            id={`alert-count-${lang}`}
            text={text}
            code={alert.verificationCode}
            language={lang}
          />
        </figure>
      ))}

      {alert.status === "pending_approval" && texts.some(([lang]) => lang !== "en") && (
        <p className="machine-note">
          Texts other than English start from machine-drafted templates: make sure someone who reads
          each language has checked it before approving.
        </p>
      )}
      {alert.status === "pending_approval" && alert.composedBy === userId && (
        <p className="hint">
          You composed this alert: under the two-person rule another dispatcher approves it.
        </p>
      )}
      <div className="actions alert-actions">
        {alert.status === "pending_approval" && (
          <>
            <button type="button" disabled={busy} onClick={() => void act("approve")}>
              Approve and send
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => void act("reject")}
            >
              Reject
            </button>
          </>
        )}
        {alert.status === "sending" && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void act("cancel")}
          >
            Cancel sending
          </button>
        )}
        {canRetract && (
          <button type="button" className="danger" disabled={busy} onClick={() => void retract()}>
            Retract…
          </button>
        )}
      </div>
      {actionError && actionError.status === alert.status && (
        <p role="alert" className="error">
          {actionError.message}
        </p>
      )}
      <p role="status">{notice}</p>

      <h3>Details</h3>
      <dl className="facts">
        <dt>Composed by</dt>
        <dd>{who(alert.composedBy, alert.composedByName)}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(alert.createdAt)}</dd>
        <dt>Approved by</dt>
        <dd>{who(alert.approvedBy, alert.approvedByName)}</dd>
        <dt>Approved</dt>
        <dd>{alert.approvedAt ? formatDateTime(alert.approvedAt) : "not yet"}</dd>
        <dt>In force until</dt>
        <dd>{formatDateTime(alert.expiresAt)}</dd>
        <dt>Verification code</dt>
        <dd>
          {alert.verificationCode ? (
            <code data-testid="verification-code">{alert.verificationCode}</code>
          ) : (
            "given when approved"
          )}
        </dd>
      </dl>
      {alert.signature && (
        <details className="signature">
          <summary>Verification code and signature</summary>
          <p>
            Anyone can check code <code>{alert.verificationCode}</code> at{" "}
            <a href="/now">the public page</a>; the API answers the signed alert at{" "}
            <code>/api/alerts/verify/{alert.verificationCode}</code>, and the public key is at{" "}
            <code>/api/alerts/public-key</code>.
          </p>
          <p>Ed25519 signature:</p>
          <p>
            <code className="signature-value">{alert.signature}</code>
          </p>
        </details>
      )}

      <h3>Delivery progress</h3>
      {alert.status === "sending" && !alert.fanoutDone && (
        <p>Still queuing recipients, nearest first…</p>
      )}
      <p>
        {total === 0
          ? alert.approvedAt
            ? "No messages queued."
            : "Nothing is queued before approval."
          : `${handled.toLocaleString("en-US")} of ${plural(total, "message")} handled.`}
        {total > 0 && (
          <>
            {" "}
            <progress value={handled} max={total} aria-label="Messages handled" />
          </>
        )}
      </p>
      <table className="progress-table" data-testid="alert-progress">
        <thead>
          <tr>
            <th scope="col">Delivery status</th>
            <th scope="col">Messages</th>
          </tr>
        </thead>
        <tbody>
          {DELIVERY_STATUSES.map((s) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td>{(alert.progress[s] ?? 0).toLocaleString("en-US")}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <Receipts id={alert.id} />
    </section>
  );
}
