import { parentPort, workerData } from "node:worker_threads";
import { openSqlite } from "../../db/dialects/sqlite.ts";
import { AlertsRepository } from "./alerts.repository.ts";
import { DELIVERY_STORE_METHODS, type StoreReply, type StoreRequest } from "./delivery-store.ts";

// The thread behind an SQLite deliveries store (delivery-store.ts): its own connection to the
// SQLite file, and the alerts repository's delivery methods, answered one after another in
// the order they were asked ("turn" asks nothing: it is answered when all before it are).
const port = parentPort;
if (!port) throw new Error("delivery-store.thread.ts runs only as a worker thread");
const database = openSqlite((workerData as { file: string }).file);
const repository = new AlertsRepository(database);
const methods: readonly string[] = DELIVERY_STORE_METHODS;

async function answer(request: Exclude<StoreRequest, { close: true }>): Promise<StoreReply> {
  try {
    if (request.method === "turn") return { id: request.id, result: null };
    if (!methods.includes(request.method))
      throw new Error(`the deliveries thread has no method ${request.method}`);
    const method = repository[request.method as (typeof DELIVERY_STORE_METHODS)[number]] as (
      ...args: unknown[]
    ) => Promise<unknown>;
    return { id: request.id, result: await method.apply(repository, request.args) };
  } catch (error) {
    const { message, code } = error as { message?: string; code?: unknown };
    return {
      id: request.id,
      error: { message: String(message ?? error), ...(typeof code === "string" ? { code } : {}) },
    };
  }
}

let queue = Promise.resolve();
port.on("message", (request: StoreRequest) => {
  queue = queue.then(async () => {
    if ("close" in request) {
      await database.close();
      port.close();
      return;
    }
    port.postMessage(await answer(request));
  });
});
