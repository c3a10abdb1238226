import type {
  AreaSummary,
  DispatchView,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  OnShift,
  Queue,
  QueuedReport,
  ReportView,
  ResponderProposal,
  TimelineEntry,
} from "@aviso/core";
import { canMoveIncident, INCIDENT_STATUSES } from "@aviso/core/status";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage, listAreas } from "../api.ts";
import { formatDateTime } from "../site.ts";
import { ShiftFields, shiftEnd } from "./shift-fields.tsx";
import { useLive } from "./use-live.ts";

export const STATUS_LABELS: Record<IncidentStatus, string> = {
  reported: "Reported",
  dispatched: "Responder asked",
  verifying: "Being checked",
  confirmed: "Confirmed",
  unconfirmed: "Not confirmed",
  false_report: "False report",
  closed: "Closed",
  reopened: "Reopened",
};

const FLAG_LABELS: Record<string, string> = {
  "mentions-immigration-status": "mentions someone's immigration status",
  "asks-to-report-a-person": "asks to report a person",
  "names-a-person-with-an-address": "names a person with an address",
};

/** The alert a finished incident suggests. */
export const ALERT_KIND_FOR: Partial<Record<IncidentStatus, string>> = {
  confirmed: "activity_confirmed",
  unconfirmed: "activity_unconfirmed",
  false_report: "rumor_false",
};

const ago = (iso: string) => {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
};

/** Keeps a value fresh: loads it, and loads it again (quietly) whenever the server says so. */
function useLiveValue<T>(load: () => Promise<T>, key: string) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState("");
  const latest = useRef(load);
  latest.current = load;
  const refresh = useCallback(() => {
    latest.current().then(
      (next) => {
        setValue(next);
        setError("");
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` fetches
  useEffect(() => refresh(), [key, refresh]);
  const isLive = useLive(refresh);
  return { value, error, refresh, isLive };
}

function ReportDetails({ report }: { report: ReportView }) {
  const d = report.details;
  return (
    <dl className="facts salute">
      {d.size && (
        <>
          <dt>Size</dt>
          <dd>{d.size}</dd>
        </>
      )}
      <dt>Activity</dt>
      <dd>{d.activity}</dd>
      <dt>Location</dt>
      <dd>
        {report.areaName ?? "—"}
        {d.place && d.place !== report.areaName
          ? ` (typed: ${d.place})`
          : report.precision === "point"
            ? " (pin)"
            : ""}
      </dd>
      {d.uniform && (
        <>
          <dt>Uniforms</dt>
          <dd>{d.uniform}</dd>
        </>
      )}
      <dt>Time seen</dt>
      <dd>{formatDateTime(report.seenAt)}</dd>
      {d.equipment && (
        <>
          <dt>Equipment</dt>
          <dd>{d.equipment}</dd>
        </>
      )}
      {d.note && (
        <>
          <dt>Note</dt>
          <dd>{d.note}</dd>
        </>
      )}
      {report.photoIds.length > 0 && (
        <>
          <dt>Photos</dt>
          <dd>
            {report.photoIds.map((id) => (
              <a key={id} href={`/api/photos/${id}`} target="_blank" rel="noreferrer">
                <img className="thumb" src={`/api/photos/${id}`} alt="Sent with the report" />
              </a>
            ))}
          </dd>
        </>
      )}
    </dl>
  );
}

/** Questions texted to the reporter and their answers, and a form to ask one. */
function FollowUps({ report, onAsked }: { report: ReportView; onAsked: () => void }) {
  const [question, setQuestion] = useState("");
  const [message, setMessage] = useState("");
  const waiting = report.followUps.some(
    (f) => f.answer === null && new Date(f.expiresAt).getTime() > Date.now(),
  );
  const ask = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    try {
      await api(`/api/reports/${report.id}/follow-up`, { method: "POST", body: { question } });
      setQuestion("");
      setMessage("Question sent by text.");
      onAsked();
    } catch (caught) {
      setMessage(errorMessage(caught));
    }
  };
  return (
    <div className="follow-ups">
      {report.followUps.map((f) => (
        <p key={f.askedAt}>
          Asked by text: “{f.question}” —{" "}
          {f.answer ? <strong>answered: “{f.answer}”</strong> : "no answer yet"}
        </p>
      ))}
      {report.hasReplyNumber && !waiting && (
        <form className="inline-form" onSubmit={(e) => void ask(e)}>
          <label>
            Ask the reporter (by text){" "}
            <input
              value={question}
              maxLength={300}
              required
              onChange={(e) => setQuestion(e.target.value)}
            />
          </label>
          <button type="submit" className="secondary">
            Send question
          </button>
        </form>
      )}
      <p role="status">{message}</p>
    </div>
  );
}

/**
 * The dispatcher's live queue: new reports (with the incident each is close to) and incidents.
 * Keys: j/k move between reports, m merges into the suggested incident, n opens a new one,
 * Enter opens the selected incident, / filters, t takes a call.
 */
export function QueuePage() {
  const [status, setStatus] = useState<string>("");
  const [areaId, setAreaId] = useState<string>("");
  const [areas, setAreas] = useState<AreaSummary[]>([]);
  // The selected report by id: live updates put new reports on top, and a key must act on the
  // report the dispatcher was reading.
  const [selectedId, setSelectedId] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState("");
  const filterRef = useRef<HTMLSelectElement>(null);
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(areaId ? { areaId } : {}),
  }).toString();
  const queue = useLiveValue(() => api<Queue>(`/api/incidents/queue?${query}`), query);
  useEffect(() => {
    listAreas("community-area").then(setAreas, () => {});
  }, []);
  const reports = queue.value?.reports ?? [];
  const incidents = queue.value?.incidents ?? [];
  const selectedIndex = Math.max(
    0,
    reports.findIndex((r) => r.id === selectedId),
  );
  const current: QueuedReport | undefined = reports[selectedIndex];
  const select = (index: number) =>
    setSelectedId(reports[Math.max(0, Math.min(index, reports.length - 1))]?.id);

  const act = useCallback(
    async (what: () => Promise<unknown>, done: string) => {
      setMessage("");
      try {
        await what();
        setMessage(done);
        queue.refresh();
      } catch (caught) {
        setMessage(errorMessage(caught));
      }
    },
    [queue.refresh],
  );
  const openIncident = (report: QueuedReport, isCleared = false) =>
    act(
      () =>
        api("/api/incidents", {
          method: "POST",
          body: { reportId: report.id, ...(isCleared ? { isCleared } : {}) },
        }),
      `Opened an incident from report ${report.receipt}.`,
    );
  const merge = (report: QueuedReport, isCleared = false) =>
    report.suggestion &&
    act(
      () =>
        api(`/api/incidents/${report.suggestion?.incidentId}/reports`, {
          method: "POST",
          body: { reportId: report.id, ...(isCleared ? { isCleared } : {}) },
        }),
      `Merged report ${report.receipt} into ${report.suggestion.title}.`,
    );
  const discard = (report: QueuedReport) =>
    window.confirm("Remove what this report says about a person? This cannot be undone.") &&
    act(
      () => api(`/api/reports/${report.id}/discard-details`, { method: "POST" }),
      `Removed the personal details of report ${report.receipt}.`,
    );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (
        target.closest("input, textarea, select") ||
        event.ctrlKey ||
        event.metaKey ||
        event.altKey
      )
        return;
      if (event.key === "j") select(selectedIndex + 1);
      else if (event.key === "k") select(selectedIndex - 1);
      else if (event.key === "m" && current?.suggestion && current.flags.length === 0)
        void merge(current);
      else if (event.key === "n" && current && current.flags.length === 0)
        void openIncident(current);
      else if (event.key === "/") {
        event.preventDefault();
        filterRef.current?.focus();
      } else if (event.key === "t") window.location.assign("/console/intake");
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <section aria-labelledby="queue-title" className="queue">
      <h2 id="queue-title">Live queue</h2>
      <p className="hint">
        {queue.isLive ? "Live: new reports appear by themselves." : "Reconnecting…"} Keys: j/k move,
        m merge into the suggested incident, n new incident, / filter, t take a call.
      </p>
      <form className="inline-form panel filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status{" "}
          <select ref={filterRef} value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">Everything</option>
            <option value="new">New reports only</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Area{" "}
          <select value={areaId} onChange={(e) => setAreaId(e.target.value)}>
            <option value="">All areas</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href="/console/intake">
          Take a call
        </a>
      </form>
      <p role="status">{message}</p>
      {queue.error && <p role="alert">{queue.error}</p>}
      <h3>New reports ({reports.length})</h3>
      {reports.length === 0 && <p>No new reports.</p>}
      <ol className="report-queue">
        {reports.map((report) => (
          <li
            key={report.id}
            className={report.id === current?.id ? "selected" : undefined}
            aria-current={report.id === current?.id ? "true" : undefined}
            data-receipt={report.receipt}
          >
            <p>
              <strong>{report.details.activity}</strong> — {report.areaName ?? "unknown area"}, seen{" "}
              {ago(report.seenAt)} · {report.source} · receipt {report.receipt}
            </p>
            {report.flags.length > 0 && (
              <p className="flag" role="note">
                May be a tip against a person:{" "}
                {report.flags.map((f) => FLAG_LABELS[f] ?? f).join("; ")}. Read it before anything
                else.
              </p>
            )}
            <details>
              <summary>Everything it says</summary>
              <ReportDetails report={report} />
            </details>
            <FollowUps report={report} onAsked={queue.refresh} />
            {report.suggestion && (
              <p className="suggestion">
                Close to{" "}
                <a href={`/console/incidents/${report.suggestion.incidentId}`}>
                  {report.suggestion.title}
                </a>{" "}
                ({report.suggestion.meters} m, {report.suggestion.minutes} min apart).
              </p>
            )}
            <div className="actions">
              {report.suggestion && (
                <button type="button" onClick={() => void merge(report, report.flags.length > 0)}>
                  Merge into suggested incident{report.flags.length === 0 ? " (m)" : ""}
                </button>
              )}
              <button
                type="button"
                onClick={() => void openIncident(report, report.flags.length > 0)}
              >
                {report.flags.length > 0
                  ? "It is about enforcement: open an incident"
                  : "New incident (n)"}
              </button>
              {report.flags.length > 0 && (
                <button type="button" className="danger" onClick={() => void discard(report)}>
                  Discard personal details
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
      <h3>Incidents ({incidents.length})</h3>
      {incidents.length === 0 ? <p>No incidents.</p> : <IncidentTable incidents={incidents} />}
      <ShiftsPanel areas={areas} />
    </section>
  );
}

/** Who is on shift now, and a form to put someone on shift (a volunteer who phoned in). */
function ShiftsPanel({ areas }: { areas: AreaSummary[] }) {
  const [shifts, setShifts] = useState<OnShift[]>([]);
  const [people, setPeople] = useState<{ id: string; name: string; role: string }[]>([]);
  const [userId, setUserId] = useState("");
  const [areaId, setAreaId] = useState("");
  const [hours, setHours] = useState("4");
  const [message, setMessage] = useState("");
  const load = useCallback(() => {
    api<{ shifts: OnShift[] }>("/api/shifts").then(
      (r) => setShifts(r.shifts),
      () => {},
    );
  }, []);
  useEffect(() => {
    load();
    api<{ people: typeof people }>("/api/shifts/people").then(
      (r) => setPeople(r.people),
      () => {},
    );
  }, [load]);
  const put = async (event: FormEvent) => {
    event.preventDefault();
    setMessage("");
    try {
      await api("/api/shifts", {
        method: "POST",
        body: {
          userId,
          areaIds: [areaId],
          endsAt: shiftEnd(hours),
        },
      });
      setMessage("On shift.");
      load();
    } catch (caught) {
      setMessage(errorMessage(caught));
    }
  };
  return (
    <section aria-labelledby="on-shift-title">
      <h3 id="on-shift-title">On shift now ({shifts.length})</h3>
      {shifts.length === 0 ? (
        <p>Nobody is on shift.</p>
      ) : (
        <ul>
          {shifts.map((s) => (
            <li key={s.id}>
              {s.name} — {s.areaNames.join(", ")}, until {formatDateTime(s.endsAt)}
              {s.available ? "" : " (not available right now)"}
            </li>
          ))}
        </ul>
      )}
      <form className="panel inline-form" onSubmit={(e) => void put(e)}>
        <label>
          Person{" "}
          <select required value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">Choose…</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.role})
              </option>
            ))}
          </select>
        </label>
        <ShiftFields
          areas={areas}
          areaId={areaId}
          onAreaId={setAreaId}
          hours={hours}
          onHours={setHours}
        />
        <button type="submit" className="secondary">
          Put on shift
        </button>
      </form>
      <p role="status">{message}</p>
    </section>
  );
}

function IncidentTable({ incidents }: { incidents: IncidentSummary[] }) {
  return (
    <table className="incident-table">
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Status</th>
          <th scope="col">Reports</th>
          <th scope="col">Responders</th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {incidents.map((i) => (
          <tr key={i.id} className={`status-${i.status}`}>
            <td>
              <a href={`/console/incidents/${i.id}`}>{i.title || "Incident"}</a>
            </td>
            <td>{STATUS_LABELS[i.status]}</td>
            <td>{i.reportCount}</td>
            <td>
              {i.accepted > 0 ? `${i.accepted} on it` : i.waiting > 0 ? `${i.waiting} asked` : "—"}
              {i.escalated ? " · escalated" : ""}
            </td>
            <td>{ago(i.lastSeenAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const DISPATCH_LABELS: Record<string, string> = {
  asked: "Asked, no answer yet",
  accepted: "Accepted",
  declined: "Declined",
  on_the_way: "On the way",
  arrived: "Arrived",
  done: "Done",
  expired: "No answer in time",
  withdrawn: "Withdrawn",
};

/** One incident: its reports, timeline, responders and the moves it may make next. */
export function IncidentPage({ id }: { id: string }) {
  const incident = useLiveValue(
    () => api<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`),
    id,
  );
  const [proposals, setProposals] = useState<ResponderProposal[] | undefined>(undefined);
  const [message, setMessage] = useState("");
  const [note, setNote] = useState("");
  const [isBusy, setBusy] = useState(false);
  const value = incident.value;

  const act = async (what: () => Promise<unknown>, done: string) => {
    if (isBusy) return;
    setMessage("");
    setBusy(true);
    try {
      await what();
      setMessage(done);
      incident.refresh();
      if (proposals) void loadProposals();
    } catch (caught) {
      setMessage(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const loadProposals = async () => {
    try {
      setProposals(
        (await api<{ responders: ResponderProposal[] }>(`/api/incidents/${id}/responders`))
          .responders,
      );
    } catch (caught) {
      setMessage(errorMessage(caught));
    }
  };
  const ask = (responderIds?: string[]) =>
    act(
      () =>
        api(`/api/incidents/${id}/dispatches`, {
          method: "POST",
          body: responderIds ? { responderIds } : {},
        }),
      "Verification request sent.",
    );
  const move = (to: IncidentStatus) =>
    act(
      () => api(`/api/incidents/${id}/status`, { method: "POST", body: { status: to } }),
      `Now ${STATUS_LABELS[to].toLowerCase()}.`,
    );
  const addNote = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () =>
        api(`/api/incidents/${id}/notes`, { method: "POST", body: { note } }).then(() =>
          setNote(""),
        ),
      "Note added.",
    );
  };

  if (incident.error && !value) return <p role="alert">{incident.error}</p>;
  if (!value) return <p aria-live="polite">Loading…</p>;
  const moves = INCIDENT_STATUSES.filter((to) => canMoveIncident(value.status, to));
  const alertKind = ALERT_KIND_FOR[value.status];
  return (
    <section aria-labelledby="incident-title" className="incident">
      <p>
        <a href="/console/queue">← Live queue</a>
      </p>
      <h2 id="incident-title">{value.title || "Incident"}</h2>
      <p className={`incident-status status-${value.status}`}>
        Status: <strong data-status={value.status}>{STATUS_LABELS[value.status]}</strong> ·{" "}
        {value.areaNames.join(", ") || "no area"} · {value.reportCount} report
        {value.reportCount === 1 ? "" : "s"} · first seen {formatDateTime(value.firstSeenAt)}
      </p>
      <p role="status">{message}</p>
      <div className="actions">
        {moves.map((to) => (
          <button key={to} type="button" onClick={() => void move(to)}>
            Mark {STATUS_LABELS[to].toLowerCase()}
          </button>
        ))}
        {alertKind && (
          <a className="button" href={`/console/alerts/new?incident=${encodeURIComponent(id)}`}>
            Compose alert
          </a>
        )}
      </div>

      <h3>Responders</h3>
      {value.dispatches.length === 0 ? (
        <p>Nobody has been asked yet.</p>
      ) : (
        <DispatchTable dispatches={value.dispatches} />
      )}
      {value.escalated && (
        <p className="flag">Nobody accepted in time; the next nearest responders were asked.</p>
      )}
      <div className="actions">
        <button type="button" disabled={isBusy} onClick={() => void ask()}>
          Ask the nearest available
        </button>
        <button type="button" onClick={() => void loadProposals()}>
          Choose responders…
        </button>
      </div>
      {proposals && (
        <ul className="proposals">
          {proposals.length === 0 && <li>No responder is on shift and available.</li>}
          {proposals.map((p) => (
            <li key={p.responderId}>
              {p.name} — {p.areaNames.join(", ")}
              {p.distance !== null ? `, ${p.distance} cells away` : ""}
              {p.canBeReached
                ? ""
                : " (no phone or push on file: they see it when they open their page)"}{" "}
              <button
                type="button"
                disabled={p.alreadyAsked}
                onClick={() => void ask([p.responderId])}
              >
                {p.alreadyAsked ? "Asked" : `Ask ${p.name}`}
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Reports</h3>
      <ol className="incident-reports">
        {value.reports.map((r) => (
          <li key={r.id}>
            <p>
              Receipt {r.receipt} · {r.source} · received {formatDateTime(r.createdAt)}
            </p>
            <ReportDetails report={r} />
            <FollowUps report={r} onAsked={incident.refresh} />
          </li>
        ))}
      </ol>

      {value.alertIds.length > 0 && (
        <>
          <h3>Alerts from this incident</h3>
          <ul>
            {value.alertIds.map((alertId) => (
              <li key={alertId}>
                <a href={`/console/alerts/${alertId}`}>Alert {alertId.slice(0, 8)}</a>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Timeline</h3>
      <ol className="timeline">
        {value.timeline.map((e) => (
          <li key={e.id}>
            <time dateTime={e.at}>{formatDateTime(e.at)}</time> —{" "}
            {e.actorName ?? (e.actorRole === "system" ? "Aviso" : "a resident")}: {timelineWords(e)}
          </li>
        ))}
      </ol>
      <form className="panel inline-form" onSubmit={addNote}>
        <label>
          Note{" "}
          <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} required />
        </label>
        <button type="submit">Add note</button>
      </form>
    </section>
  );
}

/** One timeline entry in words: a move, an opening or merge, or what was noted. */
function timelineWords(e: TimelineEntry): string {
  const label = (status: string | null) => STATUS_LABELS[status as IncidentStatus] ?? status;
  if (e.kind === "status")
    return `${label(e.fromStatus)} → ${label(e.toStatus)}${e.detail ? ` (${e.detail})` : ""}`;
  const what =
    e.kind === "created" ? "opened the incident" : e.kind === "merged" ? "merged a report" : "";
  return [what, e.detail].filter(Boolean).join(" ");
}

function DispatchTable({ dispatches }: { dispatches: DispatchView[] }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Responder</th>
          <th scope="col">Status</th>
          <th scope="col">Outcome</th>
          <th scope="col">Asked</th>
        </tr>
      </thead>
      <tbody>
        {dispatches.map((d) => (
          <tr key={d.id}>
            <td>
              {d.responderName} (wave {d.wave})
            </td>
            <td>{DISPATCH_LABELS[d.status] ?? d.status}</td>
            <td>
              {d.outcome ? d.outcome.replace("_", " ") : "—"}
              {d.note ? `: ${d.note}` : ""}
              {d.photoIds.map((photo) => (
                <a key={photo} href={`/api/photos/${photo}`} target="_blank" rel="noreferrer">
                  {" "}
                  photo
                </a>
              ))}
            </td>
            <td>{formatDateTime(d.askedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
