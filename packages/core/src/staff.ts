import { z } from "zod";

/** Staff roles. Residents never have accounts. */
export const StaffRole = z.enum(["admin", "dispatcher", "responder", "case_worker"]);
export type StaffRole = z.infer<typeof StaffRole>;
