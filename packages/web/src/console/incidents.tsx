import type {
  DispatchView,
  IncidentDetail,
  IncidentStatus,
  ReportView,
  ResponderProposal,
  TimelineEntry,
} from "@aviso/core";
import { canMoveIncident, INCIDENT_STATUSES } from "@aviso/core/status";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";
import { formatDateTime } from "../site.ts";
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

/** The alert a finished incident suggests. */
export const ALERT_KIND_FOR: Partial<Record<IncidentStatus, string>> = {
  confirmed: "activity_confirmed",
  unconfirmed: "activity_unconfirmed",
  false_report: "rumor_false",
};

/** Keeps a value fresh: loads it, and loads it again (quietly) whenever the server says so. */
export function useLiveValue<T>(load: () => Promise<T>, key: string) {
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

export function ReportDetails({ report }: { report: ReportView }) {
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
export function FollowUps({ report, onAsked }: { report: ReportView; onAsked: () => void }) {
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
