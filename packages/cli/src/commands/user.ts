import { loadConfig, openAviso, SYSTEM } from "@aviso/server";
import { type Command, requireString, UsageError } from "../command.ts";

export const userCommand: Command = {
  name: "user",
  summary: "Staff accounts: user add (prints an invitation link), user invite, user list",
  usage: [
    "aviso user add --email EMAIL --name NAME --role admin|dispatcher|responder|case_worker",
    "       aviso user invite --email EMAIL",
    "       aviso user list",
  ].join("\n"),
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
  },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const [action] = args.positionals;
    if (action !== "add" && action !== "list" && action !== "invite") {
      throw new UsageError(`unknown action "${action}"; use add, invite or list`);
    }
    const input =
      action === "add"
        ? {
            email: requireString(args, "email"),
            name: requireString(args, "name"),
            role: requireString(args, "role"),
          }
        : undefined;
    const inviteEmail = action === "invite" ? requireString(args, "email") : undefined;
    const aviso = await openAviso(loadConfig());
    try {
      if (input) {
        const { user, invitation } = await aviso.users.addUser(input, SYSTEM);
        console.log(`Added ${user.role} ${user.email} (id ${user.id}).`);
        console.log(
          `Send them this one-time invitation link (valid until ${invitation.expiresAt}):\n${invitation.link}`,
        );
      } else if (inviteEmail) {
        const id = await aviso.users.findIdByEmail(inviteEmail);
        if (!id) throw new UsageError(`no staff account has the email ${inviteEmail}`);
        const invitation = await aviso.users.invite(id, SYSTEM);
        console.log(
          `New invitation link (valid until ${invitation.expiresAt}; earlier links no longer work):\n${invitation.link}`,
        );
      } else {
        for (const user of await aviso.users.listUsers(SYSTEM, "cli.user.list")) {
          console.log(`${user.id}  ${user.role.padEnd(12)} ${user.status.padEnd(8)} ${user.email}`);
        }
      }
    } finally {
      await aviso.close();
    }
  },
};
