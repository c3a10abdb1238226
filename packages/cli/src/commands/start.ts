import {
  type Config,
  DEMO_STAFF,
  loadConfig,
  loadDefaultAreas,
  openAviso,
  seedDemo,
  startServer,
} from "@aviso/server";
import { type Command, UsageError } from "../command.ts";
import { createProgress } from "../progress.ts";

export const startCommand: Command = {
  name: "start",
  summary: "Run the web server (migrates, loads Chicago's areas on first start)",
  usage: "aviso start [--demo]",
  options: { demo: { type: "boolean", default: false } },
  positionals: { min: 0, max: 0 },
  async run(args) {
    const config = loadConfig();
    if (args.values.demo) refuseDemoInProduction(config);
    const aviso = await openAviso(config);
    const progress = createProgress();
    if (config.loadDefaultAreas) {
      const result = await loadDefaultAreas(aviso.areas, progress);
      if (result.loaded)
        console.error(`Loaded ${result.areas} Chicago areas (community areas, ZIP codes, wards).`);
    }
    if (args.values.demo) await seedDemo(aviso.users, aviso);
    const { app, url } = await startServer(aviso);
    console.error(`\nAviso is running at ${url}  (${aviso.database.description})`);
    console.error(`  Staff console: ${url}/console   API docs: ${url}/api/docs`);
    if (args.values.demo) {
      console.error(
        "  Demo network loaded. Demo staff sign-ins (all fake and published; add the TOTP secret to an authenticator app):",
      );
      for (const person of DEMO_STAFF) {
        console.error(
          `    ${person.role.padEnd(12)} ${person.email.padEnd(30)} password ${person.password.padEnd(25)} TOTP secret ${person.totpSecret}`,
        );
      }
    }
    console.error("  Stop with Ctrl-C.\n");
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      aviso.logger.info({ signal }, "shutting down");
      await app.close();
      await aviso.close();
      process.exit(0);
    };
    process.once("SIGINT", (signal) => void stop(signal));
    process.once("SIGTERM", (signal) => void stop(signal));
  },
};

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Apply pending database migrations",
  usage: "aviso migrate",
  options: {},
  positionals: { min: 0, max: 0 },
  async run() {
    const aviso = await openAviso(loadConfig(), { migrate: true });
    console.log(`Database is up to date (${aviso.database.description}).`);
    await aviso.close();
  },
};

export const seedCommand: Command = {
  name: "seed",
  summary: "Load Chicago's areas, and with --demo a clearly fake demo network",
  usage: "aviso seed --demo",
  options: { demo: { type: "boolean", default: false } },
  positionals: { min: 0, max: 0 },
  async run(args) {
    const config = loadConfig();
    if (args.values.demo) refuseDemoInProduction(config);
    const aviso = await openAviso(config);
    try {
      const areas = await loadDefaultAreas(aviso.areas, createProgress());
      console.log(areas.loaded ? `Loaded ${areas.areas} areas.` : "Areas already loaded.");
      if (args.values.demo) {
        const result = await seedDemo(aviso.users);
        for (const person of result.staff) {
          console.log(
            `${person.created ? "added" : "exists"}  ${person.role.padEnd(12)} ${person.email}`,
          );
        }
      }
    } finally {
      await aviso.close();
    }
  },
};

/** Demo accounts have published passwords: never on a deployment served over HTTPS to the public. */
function refuseDemoInProduction(config: Config): void {
  if (config.publicUrl.startsWith("https://")) {
    throw new UsageError(
      `refusing to load the demo network on ${config.publicUrl}: its staff passwords are published. Use a local install for demos.`,
    );
  }
}
