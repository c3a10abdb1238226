import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { floodProofHeaders } from "../proof-of-work.ts";

/** Email, password and the authenticator code (or a recovery code) in one form. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError("");
    try {
      await api("/api/auth/sign-in", {
        method: "POST",
        headers: await floodProofHeaders(),
        body: { email: form.get("email"), password: form.get("password"), code: form.get("code") },
      });
      onSignedIn();
    } catch (caught) {
      setError((caught as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function withPasskey() {
    setBusy(true);
    setError("");
    try {
      const optionsJSON = await api<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(
        "/api/auth/passkey/options",
        {
          method: "POST",
          body: {},
        },
      );
      const response = await startAuthentication({ optionsJSON });
      await api("/api/auth/passkey", { method: "POST", body: { response } });
      onSignedIn();
    } catch (caught) {
      const name = (caught as Error).name;
      setError(
        name === "NotAllowedError"
          ? "The passkey prompt was closed. Try again, or use your password and code."
          : (caught as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="panel sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">Staff sign-in</h2>
      {browserSupportsWebAuthn() && (
        <>
          <button
            type="button"
            className="passkey"
            disabled={busy}
            onClick={() => void withPasskey()}
          >
            Sign in with a passkey
          </button>
          <p className="or">or with your password and a code from your authenticator app:</p>
        </>
      )}
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <label>
        Code from your authenticator app (or a recovery code)
        <input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          minLength={6}
          maxLength={20}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
