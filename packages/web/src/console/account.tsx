import type { SessionSummary } from "@aviso/core";
import { api } from "../api.ts";
import { formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";

/** One's own account: where one is signed in, and ending those sessions. */
export function Account({ onSignedOut }: { onSignedOut: () => void }) {
  const [sessions, reload] = useLoad(
    () => api<{ sessions: SessionSummary[] }>("/api/account/sessions"),
    "sessions",
  );
  async function end(id: string, isCurrent: boolean) {
    await api(`/api/account/sessions/${id}`, { method: "DELETE" });
    if (isCurrent) onSignedOut();
    else reload();
  }
  async function everywhere() {
    await api("/api/auth/sign-out-everywhere", { method: "POST" });
    onSignedOut();
  }
  return (
    <section aria-labelledby="account-title">
      <h2 id="account-title">Where you are signed in</h2>
      {sessions.state === "loading" && <p aria-live="polite">Loading…</p>}
      {sessions.state === "error" && <p role="alert">{sessions.message}</p>}
      {sessions.state === "ready" && (
        <table>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.value.sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  {session.device}
                  {session.isCurrent && " (this one)"}
                </td>
                <td>{formatDateTime(session.createdAt)}</td>
                <td>{formatDateTime(session.lastSeenAt)}</td>
                <td>
                  <button type="button" onClick={() => void end(session.id, session.isCurrent)}>
                    {session.isCurrent ? "Sign out" : "End"}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" className="danger" onClick={() => void everywhere()}>
        Sign out everywhere
      </button>
    </section>
  );
}
