import { type Kysely, type QueryCreator, sql } from "kysely";
import { type CountAndOldest, countAndOldest } from "../../db/aggregates.ts";
import type { DatabaseDialect } from "../../db/dialects/dialect.ts";
import type { AlertsTable, Database, DeliveriesTable } from "../../db/schema.ts";

export type AlertRow = AlertsTable;
export type DeliveryRow = DeliveriesTable;

/** A delivery a sender has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  alert_id: string;
  subscriber_id: string;
  language: string;
  attempts: number;
  /** The subscriber's sealed contact and status as the claim found them (null: erased). */
  contact_enc: string | null;
  subscriber_status: string | null;
  /** The contact already opened by the store's thread (SQLite file), its seal dropped. */
  contact?: string;
}

export type DeliveryOutcome =
  | { kind: "sent"; providerId: string }
  | { kind: "retry"; at: string; error: string }
  | { kind: "failed"; error: string }
  | { kind: "cancelled"; error: string };

const ACTIVE = ["queued", "sending"];

/** Subscribers by id: after `after` (from the first when null), up to `upTo` (to the last when null). */
export type SubscriberPart = { after: string | null; upTo: string | null };

/** Alerts, and the deliveries senders claim, send and record. */
export class AlertsRepository {
  readonly #dialect: DatabaseDialect;
  readonly #db: Kysely<Database>;
  constructor(dialect: DatabaseDialect) {
    this.#dialect = dialect;
    this.#db = dialect.db;
  }

  async insert(row: AlertRow): Promise<void> {
    await this.#db.insertInto("alerts").values(row).execute();
  }

  async find(id: string): Promise<AlertRow | undefined> {
    return this.#db.selectFrom("alerts").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByCode(code: string): Promise<AlertRow | undefined> {
    return this.#db
      .selectFrom("alerts")
      .selectAll()
      .where("verification_code", "=", code)
      .executeTakeFirst();
  }

  async findMany(ids: string[]): Promise<AlertRow[]> {
    if (ids.length === 0) return [];
    return this.#db.selectFrom("alerts").selectAll().where("id", "in", ids).execute();
  }

  async latest(limit: number): Promise<AlertRow[]> {
    return this.#db
      .selectFrom("alerts")
      .selectAll()
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** Alerts that were sent (or are sending) and not cancelled, still in force at `now`. */
  async inForce(now: string): Promise<AlertRow[]> {
    return this.#db
      .selectFrom("alerts")
      .selectAll()
      .where("status", "in", ["sending", "sent"])
      .where("approved_at", "<=", now)
      .where("expires_at", ">", now)
      .orderBy("approved_at", "desc")
      .execute();
  }

  /** Sets fields of an alert if it is still in one of `from`; says whether it was. */
  async transition(id: string, from: string[], set: Partial<AlertRow>): Promise<boolean> {
    const result = await this.#db
      .updateTable("alerts")
      .set(set)
      .where("id", "=", id)
      .where("status", "in", from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Alerts approved but whose fan-out did not finish (the process died): to resume. */
  async unfinishedFanouts(): Promise<AlertRow[]> {
    return this.#db
      .selectFrom("alerts")
      .selectAll()
      .where("status", "=", "sending")
      .where("fanout_done_at", "is", null)
      .execute();
  }

  /** Active subscribers per channel and language with any of these areas. */
  async audience(areaIds: string[]): Promise<{ channel: string; language: string; n: number }[]> {
    if (areaIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom("subscribers as s")
      .select((eb) => ["s.channel", "s.language", eb.fn.countAll<number | string>().as("n")])
      .where("s.status", "=", "active")
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("subscriber_areas as sa")
            .select(sql.lit(1).as("one"))
            .whereRef("sa.subscriber_id", "=", "s.id")
            .where("sa.area_id", "in", areaIds),
        ),
      )
      .groupBy(["s.channel", "s.language"])
      .execute();
    return rows.map((row) => ({ channel: row.channel, language: row.language, n: Number(row.n) }));
  }

  /**
   * One set-based statement: a queued delivery for every active subscriber with one of these
   * areas, each ranked by its area's ring distance. A subscriber already given a delivery (a
   * nearer group, or a second area) is skipped. Rows go in ring by ring, so the deliveries a
   * claim takes together sit together on disk: a claim and its record then rewrite a few
   * pages, not one page per delivery (on SQLite, nearly half the store's time per batch).
   * Within a ring they go in by subscriber, so the primary key (alert, subscriber) fills in
   * order, and claims walk it and the subscribers' key in order, not at random. PostgreSQL at a
   * million: the fan-out no slower, page reads per message sent from 2.2 to 0.9, claim and
   * record from 100 to 87 µs per message.
   * With a `limit`, any that many, in no order (for one ring: it reads only as far as it needs).
   * `few`: these areas hold a small share of the subscribers (the nearest ring).
   */
  async fanOut(
    alertId: string,
    ranked: [areaId: string, rank: number][],
    now: string,
    options: { part?: SubscriberPart; limit?: number; few?: boolean } = {},
  ): Promise<number> {
    const { part = { after: null, upTo: null }, limit, few = false } = options;
    if (ranked.length === 0) return 0;
    const rank = sql`cast(case sa.area_id ${sql.join(
      ranked.map(([area, r]) => sql`when ${area} then ${r}`),
      sql` `,
    )} end as integer)`;
    const result = await this.#db.transaction().execute(async (trx) => {
      // The nearest ring is a few thousand subscribers of a million: found by index, not by
      // reading every subscriber (PostgreSQL's default costs chose the latter: 950 ms). The
      // rest is most of them: read whole and hashed (by index, its select took 12 % longer).
      if (few) await this.#dialect.preferIndexScans(trx);
      return sql`
      insert into deliveries
        (alert_id, subscriber_id, channel, language, rank, status, attempts, next_attempt_at, updated_at)
      select ${alertId}, s.id, s.channel, s.language, ${rank} as ring, 'queued', 0, ${now}, ${now}
      from subscriber_areas sa
      join subscribers s on s.id = sa.subscriber_id
      where sa.area_id in (${sql.join(ranked.map(([area]) => area))}) and s.status = 'active'
        ${part.after === null ? sql`` : sql`and s.id > ${part.after}`}
        ${part.upTo === null ? sql`` : sql`and s.id <= ${part.upTo}`}
      ${limit === undefined ? sql`order by ring, s.id` : sql`limit ${limit}`}
      on conflict (alert_id, subscriber_id) do nothing`.execute(trx);
    });
    return Number(result.numAffectedRows ?? 0);
  }

  /** After a fan-out: PostgreSQL's statistics learn the table's new size (see the dialect). */
  async refreshStatistics(): Promise<void> {
    await this.#dialect.refreshStatistics("deliveries");
  }

  /**
   * The part of the subscribers that comes after `after` (from the first when null) in a
   * fan-out in parts: the next `rows` of them by id where the dialect splits long statements
   * (SQLite, so senders' claims get turns between parts), else all the rest.
   *
   * By id, not by rowid: a part's deliveries then go into a slice of the primary key (alert,
   * subscriber), not all over it. By rowid (the order subscribers came in, their ids at
   * random), each part cost more than the last as the key grew; SQLite at a million, after the
   * bench's million-row delete: 0.6 s for the first part of 50,000, 1.7 s for the last, the
   * whole rest 28 s (the bare insert of the same rows in one statement: 23 s); by id, every part
   * about 0.5 s, the whole rest 12 s.
   */
  async subscriberPart(after: string | null, rows: number): Promise<SubscriberPart> {
    if (!this.#dialect.splitsLongStatements) return { after, upTo: null };
    const next = await this.#db
      .selectFrom("subscribers")
      .select("id")
      .$if(after !== null, (q) => q.where("id", ">", after ?? ""))
      .orderBy("id")
      .limit(1)
      .offset(rows - 1)
      .executeTakeFirst();
    return { after, upTo: next?.id ?? null };
  }

  /**
   * A retraction's deliveries: exactly the subscribers the original reached (sent, delivered,
   * or in flight when it was cancelled) who have not opted out since. One statement.
   */
  async fanOutRetraction(alertId: string, originalId: string, now: string): Promise<number> {
    const result = await sql`
      insert into deliveries
        (alert_id, subscriber_id, channel, language, rank, status, attempts, next_attempt_at, updated_at)
      select ${alertId}, d.subscriber_id, d.channel, d.language, d.rank, 'queued', 0, ${now}, ${now}
      from deliveries d
      join subscribers s on s.id = d.subscriber_id
      where d.alert_id = ${originalId}
        and d.status in ('sending', 'sent', 'delivered')
        and s.status = 'active'
      on conflict (alert_id, subscriber_id) do nothing`.execute(this.#db);
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Claims up to `limit` deliveries of a channel for one sender: first any whose sender died
   * (lease over; only when `lapsed`), then the nearest queued ones, each with its subscriber's
   * sealed contact and status as they are now (a STOP that came after the fan-out cancels it).
   * Other senders skip rows claimed here.
   *
   * Looking for lapsed leases costs more as a send goes on: on PostgreSQL, every delivery claimed
   * since the table was last vacuumed left an index entry under "sending" that the look steps
   * over (144,000 sent: 5 ms per claim, for none found). Senders look once in a while, not on
   * every claim (see the delivery worker).
   *
   * One statement: selects that pick (and on PostgreSQL lock, skipping rows other senders
   * hold), and an UPDATE of the picked rows found by their address, not by key. Per delivery
   * sent, a claim and its record are most of what the database does: as one statement each,
   * PostgreSQL's CPU per message fell by a third (four senders claiming at once: 134 to 88 µs)
   * against a select, an update by key and a read of the subscribers in a transaction.
   */
  async claim(
    channel: string,
    limit: number,
    now: string,
    leaseUntil: string,
    lapsed = true,
  ): Promise<ClaimedDelivery[]> {
    const address = this.#dialect.rowAddress("d").as("address");
    // This channel's rows in one status, locked for this claim (skipping other senders').
    const pick = (db: QueryCreator<Database>, status: "sending" | "queued") =>
      db
        .selectFrom("deliveries as d")
        .select(address)
        .where("d.channel", "=", channel)
        .where("d.status", "=", status)
        .limit(limit);
    const rows = await this.#db
      // Materialized: each select runs once, and only as far as the union reads it.
      .with(
        (cte) => cte("orphaned").materialized(),
        (db) =>
          this.#dialect.claimRows(
            pick(db, "sending")
              .where("d.lease_until", "<", now)
              .$if(!lapsed, (q) => q.where(sql<boolean>`false`)), // then not read at all
            "d",
          ),
      )
      .with(
        (cte) => cte("queued").materialized(),
        (db) =>
          this.#dialect.claimRows(
            pick(db, "queued").where("d.next_attempt_at", "<=", now).orderBy("d.rank"),
            "d",
          ),
      )
      .with("picked", (db) =>
        db
          .selectFrom("orphaned")
          .select("address")
          .unionAll(db.selectFrom("queued").select("address"))
          .limit(limit),
      )
      .updateTable("deliveries")
      .from("picked")
      .set((eb) => ({
        status: "sending",
        lease_until: leaseUntil,
        attempts: eb("deliveries.attempts", "+", 1),
        updated_at: now,
      }))
      .where(this.#dialect.rowAddress("deliveries"), "=", sql.ref("picked.address"))
      // Unqualified, or correlated by table name: SQLite's RETURNING knows only the table.
      .returning((eb) => {
        const subscriber = (column: "contact_enc" | "status") =>
          eb
            .selectFrom("subscribers")
            .select(column)
            .whereRef("subscribers.id", "=", sql.ref("deliveries.subscriber_id"));
        return [
          "alert_id",
          "subscriber_id",
          "language",
          "attempts",
          "rank",
          subscriber("contact_enc").as("contact_enc"),
          subscriber("status").as("subscriber_status"),
        ];
      })
      .execute();
    // Nearest first, and in a ring those tried before first (an UPDATE returns rows in no set
    // order).
    return rows
      .sort((a, b) => a.rank - b.rank || b.attempts - a.attempts)
      .map(({ rank: _rank, ...delivery }) => delivery);
  }

  /**
   * Gives claimed deliveries that were never sent back to the queue (a sender stopping): the
   * attempt taken back, no lease; only while they are still this sender's.
   */
  async release(deliveries: ClaimedDelivery[], now: string): Promise<void> {
    if (deliveries.length === 0) return;
    await this.#db
      .updateTable("deliveries")
      .set((eb) => ({
        status: "queued",
        lease_until: null,
        attempts: eb("attempts", "-", 1),
        updated_at: now,
      }))
      .where((eb) =>
        eb(
          eb.refTuple("alert_id", "subscriber_id"),
          "in",
          deliveries.map((row) => eb.tuple(row.alert_id, row.subscriber_id)),
        ),
      )
      .where("status", "=", "sending")
      .execute();
  }

  /**
   * Records what happened to each delivery of a batch: one statement, joining the deliveries to
   * the outcomes given as parameter rows (by key), whatever alerts and outcomes they mix.
   */
  async record(
    outcomes: { alert_id: string; subscriber_id: string; outcome: DeliveryOutcome }[],
    now: string,
  ): Promise<void> {
    if (outcomes.length === 0) return;
    const rows = outcomes.map(({ alert_id, subscriber_id, outcome }) => [
      alert_id,
      subscriber_id,
      outcome.kind === "retry" ? "queued" : outcome.kind,
      outcome.kind === "sent" ? outcome.providerId : null,
      outcome.kind === "retry" ? outcome.at : null,
      "error" in outcome ? outcome.error : null,
    ]);
    const given = this.#dialect.parameterRows(
      "outcome",
      ["alert_id", "subscriber_id", "status", "provider_id", "next_attempt_at", "error"],
      rows,
    );
    await sql`
      update deliveries set
        status = outcome.status,
        provider_id = coalesce(outcome.provider_id, deliveries.provider_id),
        next_attempt_at = coalesce(outcome.next_attempt_at, deliveries.next_attempt_at),
        sent_at = case when outcome.status = 'sent' then ${now} else deliveries.sent_at end,
        error = outcome.error,
        lease_until = null,
        updated_at = ${now}
      from ${given}
      where deliveries.alert_id = outcome.alert_id
        and deliveries.subscriber_id = outcome.subscriber_id
        -- A provider's receipt may have arrived first; never undo it.
        and deliveries.status not in ('delivered', 'failed')`.execute(this.#db);
  }

  /**
   * A provider's receipt, delivered or failed: found by key (the alert, and the SMS subscriber
   * whose number has this blind index), and only while it carries the receipt's message id.
   * There is no index on message ids: every sent message would insert into it at random.
   */
  async receipt(
    of: { alertId: string; contactIndex: string; providerId: string },
    status: "delivered" | "failed",
    error: string | null,
    now: string,
  ): Promise<number> {
    const result = await this.#db
      .updateTable("deliveries")
      .set({ status, error, updated_at: now })
      .where("alert_id", "=", of.alertId)
      .where("subscriber_id", "=", (eb) =>
        eb
          .selectFrom("subscribers")
          .select("id")
          .where("channel", "=", "sms")
          .where("contact_index", "=", of.contactIndex),
      )
      .where("provider_id", "=", of.providerId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Cancels every still-queued delivery of an alert; returns how many. */
  async cancelQueued(alertId: string, reason: string, now: string): Promise<number> {
    const result = await this.#db
      .updateTable("deliveries")
      .set({ status: "cancelled", error: reason, updated_at: now })
      .where("alert_id", "=", alertId)
      .where("status", "=", "queued")
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Marks sending alerts whose fan-out is done and whose deliveries all ended as sent. */
  async finishDone(now: string): Promise<number> {
    const result = await this.#db
      .updateTable("alerts")
      .set({ status: "sent", finished_at: now })
      .where("status", "=", "sending")
      .where("fanout_done_at", "is not", null)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("deliveries as d")
              .select(sql.lit(1).as("one"))
              .whereRef("d.alert_id", "=", "alerts.id")
              .where("d.status", "in", ACTIVE),
          ),
        ),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async progress(alertId: string): Promise<{ channel: string; status: string; n: number }[]> {
    const rows = await this.#db
      .selectFrom("deliveries")
      .select((eb) => ["channel", "status", eb.fn.countAll<number | string>().as("n")])
      .where("alert_id", "=", alertId)
      .groupBy(["channel", "status"])
      .execute();
    return rows.map((row) => ({ channel: row.channel, status: row.status, n: Number(row.n) }));
  }

  async deliveries(
    alertId: string,
    limit: number,
    offset: number,
  ): Promise<(DeliveryRow & { contact_enc: string | null })[]> {
    return this.#db
      .selectFrom("deliveries as d")
      .leftJoin("subscribers as s", "s.id", "d.subscriber_id")
      .selectAll("d")
      .select("s.contact_enc")
      .where("d.alert_id", "=", alertId)
      .orderBy("d.rank")
      .orderBy("d.subscriber_id")
      .limit(limit)
      .offset(offset)
      .execute();
  }

  async deliveryInventory(): Promise<CountAndOldest> {
    return countAndOldest(this.#db, "deliveries", { column: "updated_at" });
  }

  /** Deletes ended deliveries last changed before `cutoff`; with `dryRun`, counts them. */
  async purgeDeliveries(cutoff: string, dryRun: boolean): Promise<number> {
    if (dryRun) {
      const row = await this.#db
        .selectFrom("deliveries")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("status", "not in", ACTIVE)
        .where("updated_at", "<", cutoff)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    }
    const result = await this.#db
      .deleteFrom("deliveries")
      .where("status", "not in", ACTIVE)
      .where("updated_at", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Subscribers who were sent an alert (for tests and retraction checks). */
  async recipients(alertId: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("deliveries")
      .select("subscriber_id")
      .where("alert_id", "=", alertId)
      .where("status", "in", ["sent", "delivered"])
      .execute();
    return rows.map((row) => row.subscriber_id).sort();
  }
}
