import type { StaffRole } from "@aviso/core";
import { SYSTEM } from "../modules/audit/audit.service.ts";
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

/** Adds the demo network; running it again adds nothing twice. */
export async function seedDemo(users: UsersService): Promise<DemoSeedResult> {
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
  return { staff };
}
