import type { AreaKind, SessionInfo } from "@aviso/core";
import { type ReactNode, useState } from "react";
import { ApiError, api, setCsrfToken } from "../api.ts";
import { readSite } from "../site.ts";
import { useAreas } from "../use-areas.ts";
import { useLoad } from "../use-load.ts";
import { Account } from "./account.tsx";
import { AdminAudit, AdminData, AdminFlood, AdminUsers, Outbox } from "./admin.tsx";
import { AlertComposer, AlertDetail, AlertsList } from "./alerts.tsx";
import { IncidentMapPage } from "./incident-map.tsx";
import { IncidentPage } from "./incidents.tsx";
import { IntakePage } from "./intake.tsx";
import { AcceptInvitation } from "./invite.tsx";
import { QueuePage } from "./queue.tsx";
import { ResponderPage } from "./responder.tsx";
import { SignIn } from "./sign-in.tsx";

const KINDS: { kind: AreaKind; label: string }[] = [
  { kind: "community-area", label: "Community areas" },
  { kind: "zip", label: "ZIP codes" },
  { kind: "ward", label: "Wards" },
];

const PAGES: { path: string; label: string; admin: boolean; roles?: readonly string[] }[] = [
  { path: "/console/queue", label: "Live queue", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/intake", label: "Take a call", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/respond", label: "My requests", admin: false, roles: ["responder", "admin"] },
  { path: "/console", label: "Areas", admin: false },
  { path: "/console/account", label: "My account", admin: false },
  { path: "/console/alerts", label: "Alerts", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/alerts/new", label: "New alert", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/outbox", label: "Outbox", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/map", label: "Map", admin: false, roles: ["admin", "dispatcher"] },
  { path: "/console/admin/users", label: "Staff", admin: true },
  { path: "/console/admin/audit", label: "Audit trail", admin: true },
  { path: "/console/admin/data", label: "Data we hold", admin: true },
  { path: "/console/admin/flood", label: "Flood switch", admin: true },
];

function Areas() {
  const [kind, setKind] = useState<AreaKind>("community-area");
  const areas = useAreas(kind);
  return (
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
  );
}

/** The staff console: sign-in first, then pages by path. Sign-in needs no JavaScript routing. */
export function ConsoleApp() {
  const site = readSite();
  const path = window.location.pathname.replace(/\/$/, "");
  const [session, reload] = useLoad(async () => {
    try {
      const info = await api<SessionInfo>("/api/auth/session");
      setCsrfToken(info.csrfToken);
      return info;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }, "session");
  const goHome = () => window.location.assign("/console");

  let body: ReactNode;
  if (path === "/console/invite") body = <AcceptInvitation />;
  else if (session.state === "loading") body = <p aria-live="polite">Loading…</p>;
  else if (session.state === "error") body = <p role="alert">{session.message}</p>;
  else if (!session.value) body = <SignIn onSignedIn={reload} />;
  else {
    const isAdmin = session.value.user.role === "admin";
    const role = session.value.user.role;
    const visible = (p: (typeof PAGES)[number]) =>
      (!p.admin || isAdmin) && (!p.roles || p.roles.includes(role));
    const page = PAGES.find((p) => p.path === path && visible(p));
    // One alert's page: /console/alerts/<id>, for whoever may see the alerts list.
    const alertId = /^\/console\/alerts\/([\w-]{1,64})$/.exec(path)?.[1];
    const alertsPage = PAGES.find((p) => p.path === "/console/alerts");
    const showAlert =
      alertId !== undefined && alertId !== "new" && alertsPage !== undefined && visible(alertsPage);
    // One incident's page for whoever sees the queue; a responder's page for one request.
    const incidentId = /^\/console\/incidents\/([\w-]{1,64})$/.exec(path)?.[1];
    const queuePage = PAGES.find((p) => p.path === "/console/queue");
    const showIncident = incidentId !== undefined && queuePage !== undefined && visible(queuePage);
    const respondMatch = /^\/console\/respond(?:\/([\w-]{1,64}))?$/.exec(path);
    body = (
      <>
        <nav aria-label="Console" className="console-nav">
          <ul>
            {PAGES.filter(visible).map((p) => (
              <li key={p.path}>
                <a href={p.path} aria-current={p.path === path ? "page" : undefined}>
                  {p.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {path === "/console/account" ? (
          <Account onSignedOut={goHome} />
        ) : path === "/console/queue" && page ? (
          <QueuePage />
        ) : path === "/console/intake" && page ? (
          <IntakePage />
        ) : showIncident ? (
          <IncidentPage id={incidentId} />
        ) : respondMatch ? (
          <ResponderPage focusId={respondMatch[1]} />
        ) : path === "/console/admin/users" && page ? (
          <AdminUsers />
        ) : path === "/console/admin/audit" && page ? (
          <AdminAudit />
        ) : path === "/console/admin/data" && page ? (
          <AdminData />
        ) : path === "/console/admin/flood" && page ? (
          <AdminFlood />
        ) : path === "/console/outbox" && page ? (
          <Outbox />
        ) : path === "/console/map" && page ? (
          <IncidentMapPage />
        ) : path === "/console/alerts" && page ? (
          <AlertsList />
        ) : path === "/console/alerts/new" && page ? (
          <AlertComposer />
        ) : showAlert ? (
          <AlertDetail id={alertId} userId={session.value.user.id} />
        ) : (
          <Areas />
        )}
      </>
    );
  }

  const user = session.state === "ready" ? session.value?.user : undefined;
  return (
    <main className="page console">
      <header className="masthead console-head">
        <h1>{site.name} — staff console</h1>
        {user && (
          <p className="who">
            Signed in as <strong>{user.name}</strong> ({user.role.replace("_", " ")}){" "}
            <button
              type="button"
              onClick={() => void api("/api/auth/sign-out", { method: "POST" }).then(goHome)}
            >
              Sign out
            </button>
          </p>
        )}
      </header>
      {body}
      <footer className="footer">
        <a href="/">Public site</a>
      </footer>
    </main>
  );
}
