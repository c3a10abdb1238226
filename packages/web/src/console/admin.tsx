import type { AuditEntryView, DataCategory, StaffRole, StaffUserView } from "@aviso/core";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { formatDate, formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";

const ROLES: StaffRole[] = ["dispatcher", "responder", "case_worker", "admin"];

/** Staff accounts: invite, send a new link, disable. */
export function AdminUsers() {
  const [users, reload] = useLoad(() => api<{ users: StaffUserView[] }>("/api/users"), "users");
  const [link, setLink] = useState<{ who: string; link: string; expiresAt: string }>();
  const [error, setError] = useState("");

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setError("");
    try {
      const result = await api<{
        user: StaffUserView;
        invitation: { link: string; expiresAt: string };
      }>("/api/users", {
        method: "POST",
        body: { email: data.get("email"), name: data.get("name"), role: data.get("role") },
      });
      setLink({ who: result.user.name, ...result.invitation });
      form.reset();
      reload();
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  async function newLink(user: StaffUserView) {
    const result = await api<{ link: string; expiresAt: string }>(
      `/api/users/${user.id}/invitation`,
      { method: "POST" },
    );
    setLink({ who: user.name, ...result });
  }
  async function endSessions(user: StaffUserView) {
    const result = await api<{ ended: number }>(`/api/users/${user.id}/sessions`, {
      method: "DELETE",
    });
    setLink(undefined);
    setError("");
    window.alert(`Ended ${result.ended} session${result.ended === 1 ? "" : "s"} of ${user.name}.`);
  }
  async function disable(user: StaffUserView) {
    if (!window.confirm(`Disable ${user.name}? Their sessions end now.`)) return;
    await api(`/api/users/${user.id}/disable`, { method: "POST" });
    reload();
  }

  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Staff accounts</h2>
      <form className="panel inline-form" onSubmit={invite} aria-label="Invite a staff member">
        <label>
          Name
          <input name="name" required maxLength={120} />
        </label>
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role" defaultValue="dispatcher">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Invite</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {link && (
        <p className="panel" role="status">
          Send this one-time link to {link.who} by a private channel (valid until{" "}
          {formatDateTime(link.expiresAt)}): <code data-testid="invitation-link">{link.link}</code>
        </p>
      )}
      {users.state === "error" && <p role="alert">{users.message}</p>}
      {users.state === "ready" && (
        <table>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.value.users.map((user) => (
              <tr key={user.id}>
                <td>{user.name}</td>
                <td>{user.email}</td>
                <td>{user.role.replace("_", " ")}</td>
                <td>{user.status}</td>
                <td className="actions">
                  {user.status !== "disabled" && (
                    <>
                      {user.status === "invited" && (
                        <button type="button" onClick={() => void newLink(user)}>
                          New link
                        </button>
                      )}
                      {user.status === "active" && (
                        <button type="button" onClick={() => void endSessions(user)}>
                          End sessions
                        </button>
                      )}
                      <button type="button" className="danger" onClick={() => void disable(user)}>
                        Disable
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The audit trail, newest first, fifty at a time. */
export function AdminAudit() {
  const [before, setBefore] = useState<number | undefined>();
  const [entries] = useLoad(
    () =>
      api<{ entries: AuditEntryView[] }>(`/api/audit?limit=50${before ? `&before=${before}` : ""}`),
    String(before),
  );
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <p>
        Every sign-in, change and read of personal data, sealed in a chain. Check it with{" "}
        <code>aviso audit verify</code>.
      </p>
      {entries.state === "error" && <p role="alert">{entries.message}</p>}
      {entries.state === "ready" && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Record</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {entries.value.entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.actorRole}
                    {entry.actorId ? ` ${entry.actorId.slice(0, 8)}` : ""}
                  </td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.subjectType
                      ? `${entry.subjectType} ${entry.subjectId?.slice(0, 8) ?? ""}`
                      : ""}
                  </td>
                  <td>{entry.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {entries.value.entries.length === 50 && (
            <button type="button" onClick={() => setBefore(entries.value.entries.at(-1)?.seq)}>
              Older entries
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** Exactly what personal data is held: the page an organization can show its community. */
export function AdminData() {
  const [inventory] = useLoad(
    () => api<{ generatedAt: string; categories: DataCategory[] }>("/api/admin/data-inventory"),
    "inventory",
  );
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">What personal data we hold</h2>
      {inventory.state === "error" && <p role="alert">{inventory.message}</p>}
      {inventory.state === "ready" && (
        <>
          <p>As of {formatDateTime(inventory.value.generatedAt)}.</p>
          <table data-testid="data-inventory">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Records</th>
                <th scope="col">Oldest</th>
                <th scope="col">How it is protected</th>
                <th scope="col">How long we keep it</th>
              </tr>
            </thead>
            <tbody>
              {inventory.value.categories.map((c) => (
                <tr key={c.category}>
                  <th scope="row">
                    {c.category}
                    {c.fields.length > 0 && <small className="fields">{c.fields.join(", ")}</small>}
                  </th>
                  <td>{c.records}</td>
                  <td>{c.oldest ? formatDate(c.oldest) : "—"}</td>
                  <td>{c.protection}</td>
                  <td>{c.retention}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </>
      )}
    </section>
  );
}

interface FloodMode {
  mode: "off" | "proof-of-work";
  difficulty: number;
}

/** The flood switch: during a flood of fake submissions, public forms require a proof of work. */
export function AdminFlood() {
  const [mode, reload] = useLoad(() => api<FloodMode>("/api/admin/flood-mode"), "flood");
  async function set(next: FloodMode) {
    await api("/api/admin/flood-mode", { method: "PUT", body: next });
    reload();
  }
  return (
    <section aria-labelledby="flood-title">
      <h2 id="flood-title">Flood switch</h2>
      <p>
        When fake reports or sign-in attempts pour in, turn this on: every public form then makes
        the sender's browser solve a short puzzle (about a second on a phone), which slows bot
        floods to a trickle. Turn it off when the flood is over.
      </p>
      {mode.state === "error" && <p role="alert">{mode.message}</p>}
      {mode.state === "ready" && (
        <>
          <p role="status" data-testid="flood-mode">
            {mode.value.mode === "off"
              ? "Off: forms work as usual."
              : `On: proof of work required (difficulty ${mode.value.difficulty}).`}
          </p>
          {mode.value.mode === "off" ? (
            <button
              type="button"
              className="danger"
              onClick={() => void set({ mode: "proof-of-work", difficulty: 16 })}
            >
              Turn on proof of work
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void set({ mode: "off", difficulty: mode.value.difficulty })}
            >
              Turn off
            </button>
          )}
        </>
      )}
    </section>
  );
}

interface OutboxMessage {
  id: string;
  channel: string;
  to: string;
  body: string;
  createdAt: string;
}

/** The local outbox: what Aviso "sent" while no SMS or email provider is configured. */
export function Outbox() {
  const [messages, reload] = useLoad(
    () => api<{ messages: OutboxMessage[] }>("/api/outbox"),
    "outbox",
  );
  return (
    <section aria-labelledby="outbox-title">
      <h2 id="outbox-title">Outbox</h2>
      <p>
        With no SMS or email provider configured, messages land here instead of on a phone. Reading
        this list is recorded in the audit trail.
      </p>
      <button type="button" onClick={reload}>
        Refresh
      </button>
      {messages.state === "error" && <p role="alert">{messages.message}</p>}
      {messages.state === "ready" && (
        <table data-testid="outbox">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">To</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {messages.value.messages.map((m) => (
              <tr key={m.id}>
                <td>{formatDateTime(m.createdAt)}</td>
                <td>
                  {m.channel} {m.to}
                </td>
                <td>{m.body}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
