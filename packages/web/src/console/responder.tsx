import type { AreaSummary, DispatchOutcome, ResponderHome } from "@aviso/core";
import { type FormEvent, useCallback, useEffect, useId, useState } from "react";
import { api, errorMessage, listAreas } from "../api.ts";
import { photoAsDataUrl } from "../photo.ts";
import { pushSubscription } from "../push.ts";
import { formatDateTime } from "../site.ts";
import { useShiftFields } from "./shift-fields.tsx";
import { useLive } from "./use-live.ts";

type Request = ResponderHome["requests"][number];

const OUTCOMES: { outcome: DispatchOutcome; label: string }[] = [
  { outcome: "confirmed", label: "Confirmed: I saw it" },
  { outcome: "not_found", label: "Not found: nothing there" },
  { outcome: "unable", label: "Unable to verify" },
];

/**
 * A responder's phone page: their shift and availability, and each verification request with
 * the next step as a big button. `focusId` is the request the SMS or notification linked to.
 */
export function ResponderPage({ focusId }: { focusId?: string | undefined }) {
  const [home, setHome] = useState<ResponderHome | undefined>(undefined);
  const [error, setError] = useState("");
  const [message, setMessage] = useState("");
  const load = useCallback(() => {
    api<ResponderHome>("/api/responder").then(
      (value) => {
        setHome(value);
        setError("");
      },
      (caught: unknown) => setError(errorMessage(caught)),
    );
  }, []);
  useEffect(() => load(), [load]);
  const isLive = useLive(load);

  const act = async (what: () => Promise<unknown>, done: string) => {
    setMessage("");
    try {
      await what();
      setMessage(done);
      load();
    } catch (caught) {
      setMessage(errorMessage(caught));
    }
  };

  if (!home) return error ? <p role="alert">{error}</p> : <p aria-live="polite">Loading…</p>;
  const requests = [...home.requests].sort(
    (a, b) => Number(b.id === focusId) - Number(a.id === focusId),
  );
  const active = requests.filter((r) => !["done", "declined"].includes(r.status));
  const finished = requests.filter((r) => ["done", "declined"].includes(r.status));
  return (
    <section aria-labelledby="responder-title" className="responder">
      <h2 id="responder-title">My requests</h2>
      <p role="status">{message}</p>
      {!isLive && <p className="hint">Reconnecting… pull to refresh if this stays.</p>}
      {active.length === 0 && <p>No verification request for you right now.</p>}
      {active.map((request) => (
        <RequestCard key={request.id} request={request} act={act} />
      ))}
      <Shift home={home} act={act} />
      {finished.length > 0 && (
        <>
          <h3>Earlier today</h3>
          <ul>
            {finished.map((r) => (
              <li key={r.id}>
                {r.incident.areaNames.join(", ")}:{" "}
                {r.status === "done" ? (r.outcome ?? "done").replaceAll("_", " ") : "declined"}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RequestCard({
  request,
  act,
}: {
  request: Request;
  act: (what: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const uid = useId();
  const [note, setNote] = useState("");
  const answer = (body: object, done: string) =>
    act(() => api(`/api/dispatches/${request.id}/answer`, { method: "POST", body }), done);
  const sendPhoto = async (file: File | undefined) => {
    if (!file) return;
    await act(
      async () =>
        api(`/api/dispatches/${request.id}/photos`, {
          method: "POST",
          body: { photo: await photoAsDataUrl(file) },
        }),
      "Photo sent (its location data was removed).",
    );
  };
  const { status } = request;
  return (
    <article className="request-card" aria-labelledby={`${uid}-where`} data-dispatch={request.id}>
      <h3 id={`${uid}-where`}>
        Check a report near {request.incident.areaNames.join(", ") || "your area"}
      </h3>
      <p>
        Asked {formatDateTime(request.askedAt)} · now:{" "}
        <strong>{status.replaceAll("_", " ")}</strong>
      </p>
      {request.incident.reports.map((r) => (
        <dl className="facts" key={r.id}>
          <dt>Seen</dt>
          <dd>{formatDateTime(r.seenAt)}</dd>
          <dt>What</dt>
          <dd>{r.activity}</dd>
          {r.size && (
            <>
              <dt>How many</dt>
              <dd>{r.size}</dd>
            </>
          )}
          {r.place && (
            <>
              <dt>Where</dt>
              <dd>{r.place}</dd>
            </>
          )}
          {r.uniform && (
            <>
              <dt>Uniforms</dt>
              <dd>{r.uniform}</dd>
            </>
          )}
          {r.equipment && (
            <>
              <dt>Vehicles</dt>
              <dd>{r.equipment}</dd>
            </>
          )}
        </dl>
      ))}
      <p className="hint">
        Stay safe: observe from a distance, do not interfere, record only agents and vehicles.
      </p>
      <div className="actions big">
        {(status === "asked" || status === "expired") && (
          <>
            <button
              type="button"
              onClick={() => void answer({ action: "accept" }, "Accepted. Thank you.")}
            >
              Accept
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void answer({ action: "decline" }, "Declined.")}
            >
              Decline
            </button>
          </>
        )}
        {status === "accepted" && (
          <button
            type="button"
            onClick={() => void answer({ action: "on_the_way" }, "On your way.")}
          >
            On my way
          </button>
        )}
        {(status === "accepted" || status === "on_the_way") && (
          <button type="button" onClick={() => void answer({ action: "arrived" }, "Arrived.")}>
            Arrived
          </button>
        )}
      </div>
      {(status === "accepted" || status === "on_the_way" || status === "arrived") && (
        <form
          className="panel outcome"
          onSubmit={(event: FormEvent) => event.preventDefault()}
          aria-label="What did you find?"
        >
          <p>
            <label htmlFor={`${uid}-note`}>Notes (optional)</label>
            <textarea
              id={`${uid}-note`}
              value={note}
              maxLength={2000}
              rows={2}
              onChange={(e) => setNote(e.target.value)}
            />
          </p>
          <p>
            <label htmlFor={`${uid}-photo`}>Photo (optional)</label>
            <input
              id={`${uid}-photo`}
              type="file"
              accept="image/*"
              capture="environment"
              onChange={(e) => void sendPhoto(e.target.files?.[0])}
            />
          </p>
          <div className="actions big">
            {OUTCOMES.map((o) => (
              <button
                key={o.outcome}
                type="button"
                onClick={() =>
                  void answer(
                    {
                      action: "outcome",
                      outcome: o.outcome,
                      ...(note.trim() ? { note: note.trim() } : {}),
                    },
                    "Outcome sent to the dispatcher.",
                  )
                }
              >
                {o.label}
              </button>
            ))}
          </div>
        </form>
      )}
    </article>
  );
}

function Shift({
  home,
  act,
}: {
  home: ResponderHome;
  act: (what: () => Promise<unknown>, done: string) => Promise<void>;
}) {
  const uid = useId();
  const [areas, setAreas] = useState<AreaSummary[]>([]);
  const { fields, shift } = useShiftFields(areas);
  const [phone, setPhone] = useState("");
  useEffect(() => {
    listAreas("community-area").then(setAreas, () => {});
  }, []);
  const start = (event: FormEvent) => {
    event.preventDefault();
    void act(
      () =>
        api("/api/responder/shift", {
          method: "POST",
          body: shift(),
        }),
      "Shift started.",
    );
  };
  return (
    <section aria-labelledby={`${uid}-shift`} className="shift">
      <h3 id={`${uid}-shift`}>My shift</h3>
      {home.shift ? (
        <p>
          On shift in {home.shift.areaNames.join(", ")} until {formatDateTime(home.shift.endsAt)}.{" "}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void act(() => api("/api/responder/shift", { method: "DELETE" }), "Shift ended.")
            }
          >
            End shift
          </button>
        </p>
      ) : (
        <form className="panel inline-form" onSubmit={start}>
          {fields}
          <button type="submit">Start shift</button>
        </form>
      )}
      <p>
        <label>
          <input
            type="checkbox"
            checked={home.available}
            onChange={(e) =>
              void act(
                () =>
                  api("/api/responder/availability", {
                    method: "POST",
                    body: { available: e.target.checked },
                  }),
                e.target.checked
                  ? "You can be asked now."
                  : "You will not be asked until you say so.",
              )
            }
          />{" "}
          Available to be asked
        </label>
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() =>
            void act(
              async () =>
                api("/api/responder/contact", {
                  method: "PUT",
                  body: {
                    push: await pushSubscription(
                      "This browser cannot show notifications. Leave a phone number for texts instead.",
                    ),
                  },
                }),
              "Requests will also arrive as notifications on this phone.",
            )
          }
        >
          {home.hasPush
            ? "Notifications are on: renew them for this phone"
            : "Get requests as notifications on this phone"}
        </button>
      </p>
      <form
        className="panel inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void act(
            () => api("/api/responder/contact", { method: "PUT", body: { phone } }),
            "Requests will come to this number by SMS.",
          );
        }}
      >
        <label>
          Phone for requests{home.hasPhone ? " (one is on file)" : ""}{" "}
          <input
            type="tel"
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
            required
          />
        </label>
        <button type="submit">Save number</button>
      </form>
    </section>
  );
}
