import { randomUUID } from "node:crypto";
import { StaffRole } from "@aviso/core";
import { z } from "zod";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import { conflict, invalid } from "../../errors.ts";
import type { StaffUserRow, UsersRepository } from "./users.repository.ts";

export const NewStaffUser = z.object({
  email: z.email({ message: "must be an email address" }).max(254),
  name: z.string().trim().min(1, "must not be empty").max(120),
  role: StaffRole,
});
export type NewStaffUser = z.infer<typeof NewStaffUser>;

export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  status: string;
  createdAt: string;
}

const EMAIL_CONTEXT = "staff_users.email";
const NAME_CONTEXT = "staff_users.name";

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Staff accounts. Email and name are encrypted at rest; the email is found by blind index. */
export class UsersService {
  readonly #users: UsersRepository;
  readonly #crypto: FieldCrypto;
  readonly #now: () => Date;
  constructor(users: UsersRepository, crypto: FieldCrypto, now: () => Date = () => new Date()) {
    this.#users = users;
    this.#crypto = crypto;
    this.#now = now;
  }

  async addUser(input: unknown): Promise<StaffUser> {
    const parsed = NewStaffUser.safeParse(input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => ({
        field: issue.path.join("."),
        message: issue.message,
      }));
      throw invalid("USER_INVALID", fields.map((f) => `${f.field}: ${f.message}`).join("; "), {
        fields,
      });
    }
    const email = normaliseEmail(parsed.data.email);
    const emailIndex = this.#crypto.blindIndex(email, EMAIL_CONTEXT);
    if (await this.#users.findByEmailIndex(emailIndex)) {
      throw conflict("USER_EXISTS", "A staff account with this email already exists");
    }
    const row: StaffUserRow = {
      id: randomUUID(),
      role: parsed.data.role,
      status: "active",
      email_enc: this.#crypto.encrypt(email, EMAIL_CONTEXT),
      email_index: emailIndex,
      name_enc: this.#crypto.encrypt(parsed.data.name, NAME_CONTEXT),
      created_at: this.#now().toISOString(),
    };
    await this.#users.insert(row);
    return this.#present(row);
  }

  async findByEmail(email: string): Promise<StaffUser | undefined> {
    const row = await this.#users.findByEmailIndex(
      this.#crypto.blindIndex(normaliseEmail(email), EMAIL_CONTEXT),
    );
    return row ? this.#present(row) : undefined;
  }

  async listUsers(): Promise<StaffUser[]> {
    return (await this.#users.list()).map((row) => this.#present(row));
  }

  #present(row: StaffUserRow): StaffUser {
    return {
      id: row.id,
      email: this.#crypto.decrypt(row.email_enc, EMAIL_CONTEXT),
      name: this.#crypto.decrypt(row.name_enc, NAME_CONTEXT),
      role: row.role as StaffRole,
      status: row.status,
      createdAt: row.created_at,
    };
  }
}
