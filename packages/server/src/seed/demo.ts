import type { StaffRole } from "@aviso/core";
import type { AreasService } from "../modules/areas/areas.service.ts";
import { SYSTEM } from "../modules/audit/audit.service.ts";
import type { DispatchService } from "../modules/dispatch/dispatch.service.ts";
import type { UsersService } from "../modules/users/users.service.ts";

export interface DemoStaff {
  email: string;
  name: string;
  role: StaffRole;
  password: string;
  /** Base32 TOTP secret, printed so a person can add it to an authenticator app. */
  totpSecret: string;
}

/**
 * The demo network: obviously fake people at the reserved `.invalid` domain, with published
 * passwords and authenticator secrets. Never load it on a deployment people rely on.
 */
export const DEMO_STAFF: DemoStaff[] = [
  {
    email: "admin@demo.aviso.invalid",
    name: "Demo Admin (fake)",
    role: "admin",
    password: "demo-admin-password",
    totpSecret: "MFSG22LOEBQXM2LTN4QWI3LJNYQGIZLN",
  },
  {
    email: "dispatcher@demo.aviso.invalid",
    name: "Demo Dispatcher (fake)",
    role: "dispatcher",
    password: "demo-dispatcher-password",
    totpSecret: "MRUXG4DBORRWQZLSEBQXM2LTN4QWIZLN",
  },
  {
    email: "responder@demo.aviso.invalid",
    name: "Demo Responder (fake)",
    role: "responder",
    password: "demo-responder-password",
    totpSecret: "OJSXG4DPNZSGK4RAMF3GS43PEBSGK3LP",
  },
  {
    email: "caseworker@demo.aviso.invalid",
    name: "Demo Case Worker (fake)",
    role: "case_worker",
    password: "demo-caseworker-password",
    totpSecret: "MNQXGZJAO5XXE23FOIQGC5TJONXSAZDF",
  },
];

export interface DemoSeedResult {
  staff: { email: string; role: StaffRole; created: boolean }[];
}

/** The areas the demo responder covers, and the fictional number their requests go to. */
const DEMO_SHIFT = { places: ["South Lawndale", "Lower West Side"], phone: "312-555-0142" };

/**
 * Adds the demo network; running it again adds nothing twice. With the dispatch service, the
 * demo responder is on a 12-hour shift from now, available, so dispatch can be tried at once.
 */
export async function seedDemo(
  users: UsersService,
  field?: { dispatch: DispatchService; areas: AreasService },
): Promise<DemoSeedResult> {
  const staff: DemoSeedResult["staff"] = [];
  for (const person of DEMO_STAFF) {
    const existing = await users.findIdByEmail(person.email);
    if (!existing) {
      const { user } = await users.addUser(
        { email: person.email, name: person.name, role: person.role },
        SYSTEM,
      );
      await users.setCredentials(user.id, person.password, person.totpSecret);
    }
    staff.push({ email: person.email, role: person.role, created: !existing });
  }
  const responderId = await users.findIdByEmail("responder@demo.aviso.invalid");
  if (field && responderId) {
    const areaIds: string[] = [];
    for (const place of DEMO_SHIFT.places) {
      const [area] = await field.areas.findForSubscription(place);
      if (area) areaIds.push(area.id);
    }
    if (areaIds.length > 0) {
      const endsAt = new Date(Date.now() + 12 * 3_600_000).toISOString();
      await field.dispatch.startShift(responderId, { areaIds, endsAt }, SYSTEM);
      await field.dispatch.setAvailability(responderId, true, SYSTEM);
      await field.dispatch.setContact(responderId, { phone: DEMO_SHIFT.phone }, SYSTEM);
    }
  }
  return { staff };
}
