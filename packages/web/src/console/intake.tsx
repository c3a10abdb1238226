import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { api, errorMessage } from "../api.ts";

const EMPTY = {
  activity: "",
  size: "",
  place: "",
  uniform: "",
  minutesAgo: "0",
  equipment: "",
  note: "",
  replyTo: "",
};

/**
 * Operator intake: a call in progress, typed fast. The same SALUTE fields as the public form;
 * Ctrl+Enter (or Enter in the last field) saves, the receipt is read back to the caller, and
 * the form is ready for the next call. No field asks for anyone's name, status or address.
 */
export function IntakePage() {
  const uid = useId();
  const [fields, setFields] = useState(EMPTY);
  const [message, setMessage] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useEffect(() => first.current?.focus(), []);
  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [name]: event.target.value }));

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    setError("");
    setMessage("");
    setBusy(true);
    try {
      const seenAt = new Date(Date.now() - Number(fields.minutesAgo || 0) * 60_000).toISOString();
      const { receipt } = await api<{ receipt: string }>("/api/reports/operator", {
        method: "POST",
        body: {
          activity: fields.activity,
          location: { place: fields.place },
          seenAt,
          ...Object.fromEntries(
            (["size", "uniform", "equipment", "note", "replyTo"] as const)
              .filter((k) => fields[k].trim())
              .map((k) => [k, fields[k].trim()]),
          ),
        },
      });
      setMessage(`Saved. Read the receipt to the caller: ${receipt}`);
      setFields(EMPTY);
      first.current?.focus();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  const field = (
    name: keyof typeof EMPTY,
    label: string,
    props: { hint?: string; required?: boolean; type?: string; inputMode?: "numeric" | "tel" } = {},
  ) => (
    <p>
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        value={fields[name]}
        onChange={set(name)}
        required={props.required}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        aria-describedby={props.hint ? `${uid}-${name}-hint` : undefined}
      />
      {props.hint && (
        <span className="hint" id={`${uid}-${name}-hint`}>
          {props.hint}
        </span>
      )}
    </p>
  );

  return (
    <section aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Take a call</h2>
      <p className="hint">
        Ask what they saw, where and when. Do not write anyone's name, immigration status or home
        address. Ctrl+Enter saves.
      </p>
      <form
        className="panel intake"
        onSubmit={save}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save(e);
        }}
      >
        <p>
          <label htmlFor={`${uid}-activity`}>What are they doing? (activity)</label>
          <textarea
            id={`${uid}-activity`}
            ref={first}
            value={fields.activity}
            onChange={set("activity")}
            required
            rows={2}
            maxLength={1000}
          />
        </p>
        {field("place", "Where? ZIP code or neighborhood", {
          required: true,
          hint: "e.g. 60623 or Little Village",
        })}
        {field("size", "How many agents and vehicles? (size)")}
        {field("uniform", "Uniforms or insignia")}
        {field("minutesAgo", "How many minutes ago?", { type: "number", inputMode: "numeric" })}
        {field("equipment", "Equipment and vehicles")}
        {field("note", "Anything else")}
        {field("replyTo", "Caller's number for one follow-up (optional)", {
          inputMode: "tel",
          hint: "Kept encrypted and erased after 30 days.",
        })}
        <button type="submit" disabled={busy}>
          Save report
        </button>
      </form>
      <p role="status" className="receipt">
        {message}
      </p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
