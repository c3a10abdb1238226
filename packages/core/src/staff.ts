import { z } from "zod";

/** Staff roles. Residents never have accounts. */
export const StaffRole = z.enum(["admin", "dispatcher", "responder", "case_worker"]);
export type StaffRole = z.infer<typeof StaffRole>;

export const SignInBody = z.object({
  email: z.string().trim().min(1, "enter your email").max(254),
  password: z.string().min(1, "enter your password").max(256),
  /** A 6-digit authenticator code, or a recovery code (XXXXX-XXXXX). */
  code: z.string().trim().min(6, "enter the code from your authenticator app").max(20),
});

/** The signed-in person, as the console sees them. */
export const SessionInfo = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string(), role: StaffRole }),
  csrfToken: z.string(),
  expiresAt: z.string(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SessionSummary = z.object({
  id: z.string(),
  device: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  isCurrent: z.boolean(),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const InvitationToken = z.object({ token: z.string().min(20).max(100) });

export const InvitationDetails = z.object({
  email: z.string(),
  role: StaffRole,
  expiresAt: z.string(),
  totpSecret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});
export type InvitationDetails = z.infer<typeof InvitationDetails>;

export const AcceptInvitationBody = InvitationToken.extend({
  password: z.string().max(256),
  totpSecret: z.string().regex(/^[A-Z2-7]{16,64}$/, "not a TOTP secret"),
  code: z.string().regex(/^\d{6}$/, "enter the 6-digit code"),
});

export const StaffUserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: StaffRole,
  status: z.enum(["invited", "active", "disabled"]),
  createdAt: z.string(),
});
export type StaffUserView = z.infer<typeof StaffUserView>;

export const NewStaffUserBody = z.object({
  email: z.string().max(254),
  name: z.string().max(120),
  role: StaffRole,
});

export const InvitationLink = z.object({ link: z.string(), expiresAt: z.string() });

export const AuditEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const DataCategory = z.object({
  category: z.string(),
  fields: z.array(z.string()),
  protection: z.string(),
  records: z.number(),
  oldest: z.string().nullable(),
  retention: z.string(),
});
export type DataCategory = z.infer<typeof DataCategory>;
