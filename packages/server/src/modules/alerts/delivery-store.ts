import { Worker } from "node:worker_threads";
import type { FieldCrypto } from "../../crypto/field-crypto.ts";
import type { DatabaseDialect, ReopenAs } from "../../db/dialects/dialect.ts";
import type { AlertsRepository } from "./alerts.repository.ts";

/**
 * What the fan-out and the senders write to deliveries: the heavy part of the alerts
 * repository, which runs on the store's own thread (but for SQLite in memory).
 */
export const DELIVERY_STORE_METHODS = [
  "claim",
  "release",
  "record",
  "finishDone",
  "fanOut",
  "fanOutRetraction",
  "subscriberPart",
] as const;
/** The store, and the alerts' own rows (a small read, never queued behind a fan-out). */
export type DeliveryStore = Pick<
  AlertsRepository,
  (typeof DELIVERY_STORE_METHODS)[number] | "findMany"
> & {
  /**
   * Resolves once the store has answered everything asked of it before. Between two parts
   * of a fan-out, senders answered here ask for their next claims before the next part is
   * asked for, so they never wait for two parts.
   */
  turn(): Promise<void>;
};

/** What the store's thread starts with: its database, and the keys that open contacts. */
export interface StoreThreadData {
  database: ReopenAs;
  keys: { id: string; key: Uint8Array }[];
}

/** A call to the store's thread and its answer. */
export type StoreRequest =
  | { id: number; method: string; args: unknown[] }
  | { id: number; close: true };
export type StoreReply =
  | { id: number; result: unknown }
  | { id: number; error: { message: string; code?: string } };

/**
 * The deliveries store of an open database, on a thread of its own with its own connection.
 * SQLite's calls are synchronous: a million-message send on the main thread would stop every
 * HTTP request (the senders' own to the provider, and the API's) for each claim, record and
 * fan-out statement. On either database the thread also opens each claimed recipient's
 * contact (with the field keys, which stay in this process), and PostgreSQL's protocol work
 * moves there too: on the main thread, opening contacts alone was a tenth of a sender's rate.
 * An in-memory SQLite database has only its one connection: there the repository serves as
 * it is, and the sender opens contacts itself.
 */
export function openDeliveryStore(
  database: DatabaseDialect,
  repository: AlertsRepository,
  crypto: FieldCrypto,
): DeliveryStore & { close(): Promise<void> } {
  if (database.reopen) {
    const thread = new StoreThread(database.reopen, crypto);
    return Object.assign(
      methods((method, args) => thread.call(method, args)),
      {
        findMany: repository.findMany.bind(repository),
        turn: async () => {
          await thread.call("turn", []);
        },
        close: () => thread.close(),
      },
    );
  }
  return Object.assign(
    methods((method, args) =>
      (repository[method] as (...args: unknown[]) => Promise<unknown>).apply(repository, args),
    ),
    {
      findMany: repository.findMany.bind(repository),
      turn: async () => {},
      close: async () => {},
    },
  );
}

type Method = (typeof DELIVERY_STORE_METHODS)[number];

function methods(
  call: (method: Method, args: unknown[]) => Promise<unknown>,
): Pick<DeliveryStore, Method> {
  return Object.fromEntries(
    DELIVERY_STORE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]),
  ) as unknown as Pick<DeliveryStore, Method>;
}

/**
 * The alerts repository on a worker thread with its own connection to the same database
 * (SQLite's WAL: readers never wait; writers take turns through the busy timeout). The thread
 * starts at the first call, so commands that send nothing never start it. On SQLite, calls run
 * in the order they arrive, so a sender's claim waits at most for one part of a fan-out, never
 * for all of it; on PostgreSQL claims, records and releases run so too, the rest beside them (see
 * the thread). If the thread dies, its calls fail and the next call starts a new one.
 */
class StoreThread {
  readonly #database: ReopenAs;
  readonly #crypto: FieldCrypto;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<
    number,
    { resolve(value: unknown): void; reject(error: Error): void }
  >();

  constructor(database: ReopenAs, crypto: FieldCrypto) {
    this.#database = database;
    this.#crypto = crypto;
  }

  call(method: Method | "turn", args: unknown[]): Promise<unknown> {
    const worker = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      // The thread keeps the process alive only while it has work.
      if (this.#pending.size === 0) worker.ref();
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies StoreRequest);
    });
  }

  /** Lets the thread finish what it was asked, close its connection and end. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    const ended = new Promise((resolve) => worker.once("exit", resolve));
    worker.ref();
    worker.postMessage({ id: 0, close: true } satisfies StoreRequest);
    await ended;
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL("./delivery-store.thread.ts", import.meta.url), {
      workerData: {
        database: this.#database,
        keys: this.#crypto.openingKeys(),
      } satisfies StoreThreadData,
    });
    worker.unref();
    worker.on("message", (reply: StoreReply) => {
      const call = this.#pending.get(reply.id);
      if (!call) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ("error" in reply)
        call.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else call.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const call of this.#pending.values()) call.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the deliveries thread ended (exit code ${code})`)));
    this.#worker = worker;
    return worker;
  }
}
