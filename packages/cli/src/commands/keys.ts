import { addMasterKey, loadConfig, masterKeyPath, openAviso, SYSTEM } from "@aviso/server";
import { type Command, UsageError } from "../command.ts";
import { createProgress } from "../progress.ts";

export const keysCommand: Command = {
  name: "keys",
  summary: "keys rotate: a new master key, then every encrypted field re-encrypted (resumable)",
  usage: "aviso keys rotate [--resume]",
  options: { resume: { type: "boolean", default: false } },
  positionals: { min: 1, max: 1 },
  async run(args) {
    if (args.positionals[0] !== "rotate")
      throw new UsageError(`unknown action "${args.positionals[0]}"; use rotate`);
    const config = loadConfig();
    if (!args.values.resume) {
      if (config.masterKey) {
        throw new UsageError(
          "AVISO_MASTER_KEY is set, so the key lives in your configuration: generate a new key (openssl rand -base64 32), set it as AVISO_MASTER_KEY with the old one first in AVISO_OLD_MASTER_KEYS, then run aviso keys rotate --resume",
        );
      }
      // Open once first so a wrong key or a broken database stops us before the ring changes.
      await (await openAviso(config)).close();
      addMasterKey(config.dataDir);
      console.log(
        `Added a new master key to ${masterKeyPath(config.dataDir)} (older keys stay in the ring).`,
      );
    }
    const aviso = await openAviso(config);
    try {
      const progress = createProgress();
      const result = await aviso.keys.rotate(SYSTEM, (done, total) =>
        progress("Re-encrypting fields", done, total),
      );
      console.log(
        `Re-encrypted ${result.rotated} field values with key ${aviso.crypto.keyId}. Nothing is left on an older key.`,
      );
      console.log("If this stopped part-way, run: aviso keys rotate --resume");
    } finally {
      await aviso.close();
    }
  },
};
