import { loadConfig, openAviso } from "@aviso/server";
import { type Command, requireString, UsageError } from "../command.ts";

export const userCommand: Command = {
  name: "user",
  summary: "Manage staff accounts: user add, user list",
  usage:
    "aviso user add --email EMAIL --name NAME --role admin|dispatcher|responder|case_worker\n       aviso user list",
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const [action] = args.positionals;
    if (action !== "add" && action !== "list")
      throw new UsageError(`unknown action "${action}"; use add or list`);
    const input =
      action === "add"
        ? {
            email: requireString(args, "email"),
            name: requireString(args, "name"),
            role: requireString(args, "role"),
          }
        : undefined;
    const aviso = await openAviso(loadConfig());
    try {
      if (input) {
        const user = await aviso.users.addUser(input);
        console.log(`Added ${user.role} ${user.email} (id ${user.id}).`);
      } else {
        for (const user of await aviso.users.listUsers()) {
          console.log(`${user.id}  ${user.role.padEnd(12)} ${user.status.padEnd(8)} ${user.email}`);
        }
      }
    } finally {
      await aviso.close();
    }
  },
};
