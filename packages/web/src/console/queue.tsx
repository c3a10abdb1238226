import type { AreaSummary, IncidentSummary, OnShift, Queue, QueuedReport } from "@aviso/core";
import { INCIDENT_STATUSES } from "@aviso/core/status";
import { type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage, listAreas } from "../api.ts";
import { formatDateTime } from "../site.ts";
import { FollowUps, ReportDetails, STATUS_LABELS, useLiveValue } from "./incidents.tsx";
import { useShiftFields } from "./shift-fields.tsx";

const FLAG_LABELS: Record<string, string> = {
  "mentions-immigration-status": "mentions someone's immigration status",
  "asks-to-report-a-person": "asks to report a person",
  "names-a-person-with-an-address": "names a person with an address",
};

const ago = (iso: string) => {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60_000));
  return minutes < 60 ? `${minutes} min ago` : `${Math.floor(minutes / 60)} h ago`;
};

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
  const { fields, shift } = useShiftFields(areas);
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
        body: { userId, ...shift() },
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
        {fields}
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
