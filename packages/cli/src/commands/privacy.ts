import { loadConfig, openAviso, SYSTEM } from "@aviso/server";
import { type Command, UsageError } from "../command.ts";
import { createProgress } from "../progress.ts";

export const auditCommand: Command = {
  name: "audit",
  summary: "audit verify: walk the hash-chained audit trail and name the first broken link",
  usage: "aviso audit verify",
  options: {},
  positionals: { min: 1, max: 1 },
  async run(args) {
    if (args.positionals[0] !== "verify") {
      throw new UsageError(`unknown action "${args.positionals[0]}"; use verify`);
    }
    const aviso = await openAviso(loadConfig());
    try {
      const progress = createProgress();
      const result = await aviso.audit.verify((checked) =>
        progress("Verifying audit trail", checked, checked),
      );
      if (result.ok) {
        console.log(`Audit trail intact: ${result.count} entries verified.`);
      } else {
        console.error(
          `Audit trail BROKEN at entry ${result.seq}: ${result.problem} (${result.count} entries before it verified).`,
        );
        process.exitCode = 3;
      }
    } finally {
      await aviso.close();
    }
  },
};

export const dataInventoryCommand: Command = {
  name: "data-inventory",
  summary: "Print exactly what personal data is held: categories, counts, oldest, retention",
  usage: "aviso data-inventory [--json]",
  options: { json: { type: "boolean", default: false } },
  positionals: { min: 0, max: 0 },
  async run(args) {
    const aviso = await openAviso(loadConfig());
    try {
      const categories = await aviso.privacy.dataInventory();
      if (args.values.json) {
        console.log(JSON.stringify({ generatedAt: new Date().toISOString(), categories }, null, 2));
        return;
      }
      for (const c of categories) {
        console.log(
          `${c.category}: ${c.records} record${c.records === 1 ? "" : "s"}${c.oldest ? `, oldest ${c.oldest}` : ""}`,
        );
        if (c.fields.length > 0) console.log(`  fields:     ${c.fields.join(", ")}`);
        console.log(`  protection: ${c.protection}`);
        console.log(`  retention:  ${c.retention}`);
      }
    } finally {
      await aviso.close();
    }
  },
};

export const purgeCommand: Command = {
  name: "purge",
  summary: "Apply the retention rules now (the server also does this daily); --dry-run only counts",
  usage: "aviso purge [--dry-run]",
  options: { "dry-run": { type: "boolean", default: false } },
  positionals: { min: 0, max: 0 },
  async run(args) {
    const aviso = await openAviso(loadConfig());
    try {
      const dryRun = args.values["dry-run"] === true;
      const result = await aviso.privacy.purge({ dryRun, actor: SYSTEM });
      for (const item of result.removed) {
        console.log(
          `${dryRun ? "would remove" : "removed"} ${item.records} ${item.category.toLowerCase()} (${item.rule})`,
        );
      }
    } finally {
      await aviso.close();
    }
  },
};
