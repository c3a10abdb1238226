import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { Tx } from "../../db/schema.ts";
import type { AuditRepository, AuditRow, NewAuditRow } from "./audit.repository.ts";

const GENESIS = "0".repeat(64);
const MAC_CONTEXT = "audit_events";

/** Who did it: a staff member, or the system itself (CLI, jobs). */
export interface Actor {
  id: string | null;
  role: string | null;
}

export const SYSTEM: Actor = { id: null, role: "system" };

export interface AuditEvent {
  actor: Actor;
  /** What happened, dotted: `staff.sign_in`, `staff.read`, `areas.imported`. */
  action: string;
  subject?: { type: string; id: string };
  /** Why a person's data was read: a short code such as `admin.users.list`. */
  reason?: string;
  /** Ids and counts only: never a name, a number or a message. */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
}

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; count: number; seq: number; problem: string };

const present = (row: AuditRow): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  actorId: row.actor_id,
  actorRole: row.actor_role,
  action: row.action,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  reason: row.reason,
  details: JSON.parse(row.details) as Record<string, unknown>,
});

/**
 * The tamper-evident audit trail. Each row carries a keyed MAC over its content and the previous
 * row's MAC: changing, removing or reordering a row breaks the chain at that row, and without
 * the master key nobody can compute a new chain that verifies.
 */
export class AuditService {
  readonly #rows: AuditRepository;
  readonly #crypto: FieldCrypto;
  readonly #now: () => Date;
  constructor(rows: AuditRepository, crypto: FieldCrypto, now: () => Date = () => new Date()) {
    this.#rows = rows;
    this.#crypto = crypto;
    this.#now = now;
  }

  #seal(row: NewAuditRow, seq: number, prevHash: string): string {
    const content = JSON.stringify([
      seq,
      row.at,
      row.actor_id,
      row.actor_role,
      row.action,
      row.subject_type,
      row.subject_id,
      row.reason,
      row.details,
      prevHash,
    ]);
    return this.#crypto.mac(content, MAC_CONTEXT);
  }

  /** Appends entries in order within a caller's transaction (a batch of reports). */
  async recordMany(events: AuditEvent[], within: Tx): Promise<void> {
    await this.#rows.appendManyIn(
      within,
      events.map((event) => this.#row(event)),
      (row, seq, prev) => this.#seal(row, seq, prev),
      GENESIS,
    );
  }

  /** Appends an entry; `within` a caller's transaction, it is stored with that use case's rows. */
  async record(event: AuditEvent, within?: Tx): Promise<AuditEntry> {
    const row = this.#row(event);
    return present(
      await this.#rows.append(row, (seq, prev) => this.#seal(row, seq, prev), GENESIS, within),
    );
  }

  #row(event: AuditEvent): NewAuditRow {
    return {
      at: this.#now().toISOString(),
      actor_id: event.actor.id,
      actor_role: event.actor.role,
      action: event.action,
      subject_type: event.subject?.type ?? null,
      subject_id: event.subject?.id ?? null,
      reason: event.reason ?? null,
      details: JSON.stringify(event.details ?? {}),
    };
  }

  async latest(options: {
    beforeSeq?: number;
    limit: number;
    action?: string;
  }): Promise<AuditEntry[]> {
    return (await this.#rows.latest(options)).map(present);
  }

  async summary(): Promise<{ count: number; oldest: string | null }> {
    return this.#rows.countAndOldest();
  }

  /** Walks the whole chain in order and names the first row that does not verify. */
  async verify(onProgress?: (checked: number) => void): Promise<VerifyResult> {
    let expectedSeq = 1;
    let prevHash = GENESIS;
    let count = 0;
    for (;;) {
      const page = await this.#rows.page(expectedSeq - 1, 1000);
      if (page.length === 0) return { ok: true, count };
      for (const row of page) {
        if (row.seq !== expectedSeq) {
          return {
            ok: false,
            count,
            seq: expectedSeq,
            problem: `row ${expectedSeq} is missing (next is ${row.seq})`,
          };
        }
        if (row.prev_hash !== prevHash) {
          return {
            ok: false,
            count,
            seq: row.seq,
            problem: `row ${row.seq} does not follow row ${row.seq - 1}`,
          };
        }
        if (this.#seal(row, row.seq, row.prev_hash) !== row.hash) {
          return { ok: false, count, seq: row.seq, problem: `row ${row.seq} was altered` };
        }
        prevHash = row.hash;
        expectedSeq++;
        count++;
      }
      onProgress?.(count);
    }
  }
}
