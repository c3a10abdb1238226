import type { StaffRole } from "@aviso/core";
import type { UsersService } from "../modules/users/users.service.ts";

/**
 * The demo network: obviously fake people at the reserved `.invalid` domain, so nothing here
 * can be mistaken for, or reach, a real person.
 */
export const DEMO_STAFF: { email: string; name: string; role: StaffRole }[] = [
  { email: "admin@demo.aviso.invalid", name: "Demo Admin (fake)", role: "admin" },
  { email: "dispatcher@demo.aviso.invalid", name: "Demo Dispatcher (fake)", role: "dispatcher" },
  { email: "responder@demo.aviso.invalid", name: "Demo Responder (fake)", role: "responder" },
  { email: "caseworker@demo.aviso.invalid", name: "Demo Case Worker (fake)", role: "case_worker" },
];

export interface DemoSeedResult {
  staff: { email: string; role: StaffRole; created: boolean }[];
}

/** Adds the demo network; running it again adds nothing twice. */
export async function seedDemo(users: UsersService): Promise<DemoSeedResult> {
  const staff: DemoSeedResult["staff"] = [];
  for (const person of DEMO_STAFF) {
    const exists = await users.findByEmail(person.email);
    if (!exists) await users.addUser(person);
    staff.push({ email: person.email, role: person.role, created: !exists });
  }
  return { staff };
}
