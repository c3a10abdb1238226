import type { SessionSummary } from "@aviso/core";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";

interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Passkeys on this account: the phishing-resistant way to sign in. */
function Passkeys() {
  const [passkeys, reload] = useLoad(
    () => api<{ passkeys: PasskeyView[] }>("/api/account/passkeys"),
    "passkeys",
  );
  const [message, setMessage] = useState("");
  async function add() {
    setMessage("");
    try {
      const optionsJSON = await api<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
        "/api/account/passkeys/options",
        {
          method: "POST",
          body: {},
        },
      );
      const response = await startRegistration({ optionsJSON });
      const name = `${navigator.platform || "Device"} passkey`;
      await api("/api/account/passkeys", { method: "POST", body: { response, name } });
      setMessage("Passkey added. Next time, choose “Sign in with a passkey”.");
      reload();
    } catch (caught) {
      setMessage(
        (caught as Error).name === "NotAllowedError"
          ? "Adding the passkey was cancelled."
          : (caught as Error).message,
      );
    }
  }
  async function remove(id: string) {
    await api(`/api/account/passkeys/${encodeURIComponent(id)}`, { method: "DELETE" });
    reload();
  }
  return (
    <section aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p>
        A passkey signs you in with your phone or computer's lock (fingerprint, face or PIN) and
        cannot be phished.
      </p>
      {passkeys.state === "ready" && (
        <ul data-testid="passkeys">
          {passkeys.value.passkeys.map((key) => (
            <li key={key.id}>
              {key.name}, added {formatDateTime(key.createdAt)}
              {key.lastUsedAt ? `, last used ${formatDateTime(key.lastUsedAt)}` : ""}{" "}
              <button type="button" className="danger" onClick={() => void remove(key.id)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {browserSupportsWebAuthn() ? (
        <button type="button" onClick={() => void add()}>
          Add a passkey
        </button>
      ) : (
        <p>This browser cannot use passkeys.</p>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

/** Replacing the recovery codes, after typing the password again. */
function RecoveryCodes() {
  const [codes, setCodes] = useState<string[]>();
  const [error, setError] = useState("");
  async function replace(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setError("");
    try {
      const result = await api<{ recoveryCodes: string[] }>("/api/account/recovery-codes", {
        method: "POST",
        body: { password: new FormData(form).get("password") },
      });
      setCodes(result.recoveryCodes);
      form.reset();
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title">Recovery codes</h2>
      <form className="panel inline-form" onSubmit={replace} aria-label="Replace recovery codes">
        <label>
          Your password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Make new recovery codes</button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {codes && (
        <>
          <p role="status">
            New codes below; the old ones no longer work. Keep these safe: they are not shown again.
          </p>
          <ul className="codes" data-testid="new-recovery-codes">
            {codes.map((code) => (
              <li key={code}>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** One's own account: passkeys, recovery codes, where one is signed in, and ending those sessions. */
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
    <>
      <Passkeys />
      <RecoveryCodes />
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
    </>
  );
}
