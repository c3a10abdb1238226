import type { StaffRole } from "@aviso/core";

/** Who may call a route: anyone, any signed-in staff member, or staff with one of these roles. */
export type Access = "public" | "signed-in" | readonly StaffRole[];

/**
 * One module's rules, keyed by `METHOD /url` exactly as the route is registered (`:id` params
 * included). A key ending in `*` covers every route under that prefix (static files, API docs).
 */
export type PolicyTable = Readonly<Record<string, Access>>;

export const ADMIN: readonly StaffRole[] = ["admin"];

/** The rule for a route, or undefined when no policy names it (and so it is refused). */
export function accessFor(table: PolicyTable, method: string, url: string): Access | undefined {
  const verb = method === "HEAD" ? "GET" : method;
  const exact = table[`${verb} ${url}`];
  if (exact) return exact;
  let best: { length: number; access: Access } | undefined;
  for (const [key, access] of Object.entries(table)) {
    if (!key.endsWith("*")) continue;
    const prefix = key.slice(0, -1);
    if (`${verb} ${url}`.startsWith(prefix) && (!best || prefix.length > best.length)) {
      best = { length: prefix.length, access };
    }
  }
  return best?.access;
}

/** Whether a caller (undefined role = anonymous) may pass a rule. */
export function isAllowed(access: Access, role: StaffRole | undefined): boolean {
  if (access === "public") return true;
  if (role === undefined) return false;
  return access === "signed-in" || access.includes(role);
}
