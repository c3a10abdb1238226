import type { AreaKind } from "@aviso/core";
import { useState } from "react";
import { readSite } from "./site.ts";
import { useAreas } from "./use-areas.ts";

const KINDS: { kind: AreaKind; label: string }[] = [
  { kind: "community-area", label: "Community areas" },
  { kind: "zip", label: "ZIP codes" },
  { kind: "ward", label: "Wards" },
];

/** The staff console shell. Sign-in, the live queue and the map arrive with their issues. */
export function Console() {
  const site = readSite();
  const [kind, setKind] = useState<AreaKind>("community-area");
  const areas = useAreas(kind);
  return (
    <main className="page console">
      <header className="masthead">
        <h1>{site.name} — staff console</h1>
        <p>Staff sign-in is not available yet in this version.</p>
      </header>
      <section aria-labelledby="console-areas">
        <h2 id="console-areas">Areas</h2>
        <fieldset className="tabs">
          <legend className="visually-hidden">Kind of area</legend>
          {KINDS.map((entry) => (
            <button
              key={entry.kind}
              type="button"
              aria-pressed={kind === entry.kind}
              onClick={() => setKind(entry.kind)}
            >
              {entry.label}
            </button>
          ))}
        </fieldset>
        {areas.state === "loading" && <p aria-live="polite">Loading…</p>}
        {areas.state === "error" && <p role="alert">{areas.message}</p>}
        {areas.state === "ready" && (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">H3 cells</th>
              </tr>
            </thead>
            <tbody>
              {areas.value.map((area) => (
                <tr key={area.id}>
                  <td>{area.name}</td>
                  <td>{area.cellCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <footer className="footer">
        <a href="/">Public site</a>
      </footer>
    </main>
  );
}
