import { parentPort, workerData } from "node:worker_threads";
import { sealedOpener } from "../../crypto/field-crypto.ts";
import { openPostgres } from "../../db/dialects/postgres.ts";
import { openSqlite } from "../../db/dialects/sqlite.ts";
import { CONTACT_CONTEXT } from "../subscriptions/phone.ts";
import { AlertsRepository, type ClaimedDelivery } from "./alerts.repository.ts";
import {
  DELIVERY_STORE_METHODS,
  type StoreReply,
  type StoreRequest,
  type StoreThreadData,
} from "./delivery-store.ts";

// The thread behind a deliveries store (delivery-store.ts): its own connection to the same
// database, the alerts repository's delivery methods, and the opening of claimed contacts.
// On SQLite, calls are answered one after another in the order asked ("turn" asks nothing: it
// is answered when all before it are); on PostgreSQL, claims, records and releases so too, the
// rest at once.
const port = parentPort;
if (!port) throw new Error("delivery-store.thread.ts runs only as a worker thread");
const data = workerData as StoreThreadData;
const database =
  data.database.name === "sqlite"
    ? openSqlite(data.database.file)
    : openPostgres({ ...data.database, maxConnections: 8 });
const repository = new AlertsRepository(database);
const open = await sealedOpener(data.keys);

/**
 * A claim's contacts, opened here rather than on the sender's thread. One that will not open
 * stays sealed: the sender opens it again and meets the same error, as it always would.
 */
function opened(claimed: ClaimedDelivery[]): ClaimedDelivery[] {
  return claimed.map((delivery) => {
    if (!delivery.contact_enc) return delivery;
    try {
      return {
        ...delivery,
        contact: open(delivery.contact_enc, CONTACT_CONTEXT),
        contact_enc: null,
      };
    } catch {
      return delivery;
    }
  });
}
const methods: readonly string[] = DELIVERY_STORE_METHODS;

async function answer(request: Exclude<StoreRequest, { close: true }>): Promise<StoreReply> {
  try {
    if (request.method === "turn") return { id: request.id, result: null };
    if (!methods.includes(request.method))
      throw new Error(`the deliveries thread has no method ${request.method}`);
    const method = repository[request.method as (typeof DELIVERY_STORE_METHODS)[number]] as (
      ...args: unknown[]
    ) => Promise<unknown>;
    const result = await method.apply(repository, request.args);
    return {
      id: request.id,
      result: request.method === "claim" ? opened(result as ClaimedDelivery[]) : result,
    };
  } catch (error) {
    const { message, code } = error as { message?: string; code?: unknown };
    return {
      id: request.id,
      error: { message: String(message ?? error), ...(typeof code === "string" ? { code } : {}) },
    };
  }
}

// SQLite: one call at a time, in the order asked. PostgreSQL: the senders' claims, records and
// releases one at a time too, in the order asked; the rest at once beside them, each on a
// connection of its own: a fan-out (one long statement, which claims must not wait for), and
// finishDone (at a million deliveries it reads for a tenth of a second or more; idle loops of
// every channel may ask for it). Senders taking turns cost PostgreSQL half the CPU
// per message of senders at once: four loops claiming and recording a million deliveries, 58-65
// against 120 µs per message (eight: 84 against 152), since claims at once step over each
// other's locked rows and over entries that no claim can yet mark dead. A loop claims its next
// batch while it sends, so a turn's wait (a few milliseconds) is hidden. A close waits for every
// call asked before it.
const TAKING_TURNS: readonly string[] = ["claim", "record", "release"];
const inFlight = new Set<Promise<void>>();
let queue = Promise.resolve();
port.on("message", (request: StoreRequest) => {
  if ("close" in request) {
    queue = queue.then(async () => {
      await Promise.all(inFlight);
      await database.close();
      port.close();
    });
  } else if (database.name === "sqlite" || TAKING_TURNS.includes(request.method)) {
    queue = queue.then(async () => port.postMessage(await answer(request)));
  } else {
    const call = answer(request).then((reply) => port.postMessage(reply));
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  }
});
