import { ADMIN, type PolicyTable } from "../../http/policy.ts";

export const usersPolicy: PolicyTable = {
  "POST /api/auth/sign-in": "public",
  "POST /api/invitations/inspect": "public",
  "POST /api/invitations/accept": "public",
  "POST /api/auth/passkey/options": "public",
  "POST /api/auth/passkey": "public",
  "GET /api/account/passkeys": "signed-in",
  "POST /api/account/passkeys/options": "signed-in",
  "POST /api/account/passkeys": "signed-in",
  "DELETE /api/account/passkeys/:id": "signed-in",
  "GET /api/auth/session": "signed-in",
  "POST /api/auth/sign-out": "signed-in",
  "POST /api/auth/sign-out-everywhere": "signed-in",
  "GET /api/account/sessions": "signed-in",
  "POST /api/account/recovery-codes": "signed-in",
  "DELETE /api/account/sessions/:id": "signed-in",
  "GET /api/users": ADMIN,
  "POST /api/users": ADMIN,
  "POST /api/users/:id/invitation": ADMIN,
  "POST /api/users/:id/disable": ADMIN,
  "DELETE /api/users/:id/sessions": ADMIN,
};
