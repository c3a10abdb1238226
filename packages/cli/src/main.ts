import { parseArgs } from "node:util";
import { ConfigError, isAppError } from "@aviso/server";
import { type Command, UsageError } from "./command.ts";
import { backupCommand, restoreCommand } from "./commands/backup.ts";
import { benchCommand } from "./commands/bench.ts";
import { importAreasCommand } from "./commands/import-areas.ts";
import { keysCommand } from "./commands/keys.ts";
import { auditCommand, dataInventoryCommand, purgeCommand } from "./commands/privacy.ts";
import { migrateCommand, seedCommand, startCommand } from "./commands/start.ts";
import { userCommand } from "./commands/user.ts";

const COMMANDS: Command[] = [
  startCommand,
  migrateCommand,
  seedCommand,
  importAreasCommand,
  userCommand,
  backupCommand,
  restoreCommand,
  auditCommand,
  dataInventoryCommand,
  purgeCommand,
  keysCommand,
  benchCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    "aviso: rapid-response platform for immigrant-rights networks",
    "",
    "Usage: aviso <command> [options]   (aviso <command> --help for one command)",
    "",
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Configuration comes from the environment (see .env.example): PORT, AVISO_DATA_DIR, AVISO_DATABASE_URL, …",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`aviso: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    if (rest.includes("--help") || rest.includes("-h")) {
      console.log(`${command.summary}\n\nUsage: ${command.usage}`);
      return 0;
    }
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: command.options,
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const { min, max } = command.positionals;
    if (parsed.positionals.length < min) throw new UsageError("missing argument");
    if (parsed.positionals.length > max) {
      throw new UsageError(`unexpected argument "${parsed.positionals[max]}"`);
    }
    await command.run({
      values: parsed.values as Record<string, string | boolean | undefined>,
      positionals: parsed.positionals,
    });
    // A command that finished but found a problem (audit verify) sets its own status.
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`aviso ${name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      console.error(`aviso ${name}: ${error.message}`);
      return 78;
    }
    if (isAppError(error)) {
      console.error(`aviso ${name}: ${error.message} [${error.code}]`);
      return 1;
    }
    console.error(`aviso ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// `start` keeps running; every other command ends here with its status.
if (code !== 0 || process.argv[2] !== "start") process.exit(code);
