import type { InvitationDetails } from "@aviso/core";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { floodProofHeaders } from "../proof-of-work.ts";
import { formatDateTime } from "../site.ts";
import { useLoad } from "../use-load.ts";

/** Accepting an invitation: choose a password, add the authenticator, keep the recovery codes. */
export function AcceptInvitation() {
  const token = window.location.hash.slice(1);
  const [details] = useLoad(
    () => api<InvitationDetails>("/api/invitations/inspect", { method: "POST", body: { token } }),
    token,
  );
  const [error, setError] = useState("");
  const [codes, setCodes] = useState<string[] | undefined>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (details.state !== "ready") return;
    const form = new FormData(event.currentTarget);
    if (form.get("password") !== form.get("confirm")) {
      setError("The two passwords are not the same.");
      return;
    }
    try {
      const result = await api<{ recoveryCodes: string[] }>("/api/invitations/accept", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: {
          token,
          password: form.get("password"),
          totpSecret: details.value.totpSecret,
          code: form.get("code"),
        },
      });
      setCodes(result.recoveryCodes);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }

  if (codes) {
    return (
      <section className="panel" aria-labelledby="codes-title">
        <h2 id="codes-title">Your recovery codes</h2>
        <p>
          Each code signs you in once if you lose your phone. Keep them somewhere safe and private;
          they are not shown again.
        </p>
        <ul className="codes" data-testid="recovery-codes">
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <a className="button" href="/console">
          I have saved them — open the console
        </a>
      </section>
    );
  }
  if (details.state === "loading") return <p aria-live="polite">Checking your invitation…</p>;
  if (details.state === "error") return <p role="alert">{details.message}</p>;
  const invitation = details.value;
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="invite-title">
      <h2 id="invite-title">Set up your {invitation.role.replace("_", " ")} account</h2>
      <p>
        For <strong>{invitation.email}</strong>. This link works once, until{" "}
        {formatDateTime(invitation.expiresAt)}.
      </p>
      <label>
        Choose a password (at least 12 characters)
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={12}
          required
        />
      </label>
      <label>
        The same password again
        <input name="confirm" type="password" autoComplete="new-password" minLength={12} required />
      </label>
      <h3>Add Aviso to your authenticator app</h3>
      <img
        className="qr"
        src={`data:image/svg+xml;base64,${btoa(invitation.qrSvg)}`}
        alt="QR code to scan with your authenticator app"
        width={180}
        height={180}
      />
      <p>
        Or type this key: <code data-testid="totp-secret">{invitation.totpSecret}</code>
      </p>
      <label>
        The 6-digit code your app shows now
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="\d{6}"
          required
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit">Finish setting up</button>
    </form>
  );
}
