import { z } from "zod";

export const REVIEW_STATUSES = [
  "draft",
  "machine-drafted, needs community review",
  "reviewed by counsel",
] as const;

/** The front matter every rights article carries, in every language. */
export const RightsArticleMeta = z.object({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(300),
  /** The SMS answer: one segment in its language where possible, ending with {link}. */
  sms: z
    .string()
    .min(1)
    .max(320)
    .includes("{link}", { message: "must contain {link}, where the short link goes" }),
  jurisdiction: z.enum(["us", "il", "chicago"]),
  order: z.coerce.number().int().min(1).max(99),
  reviewed_by: z.string().min(1, "say who reviewed it, or 'not yet reviewed'"),
  reviewed_on: z.union([z.iso.date(), z.literal("never")]),
  review_status: z.enum(REVIEW_STATUSES),
  version: z.coerce.number().int().min(1),
});
export type RightsArticleMeta = z.infer<typeof RightsArticleMeta>;

/** One article in one language, as stored in content/rights/<lang>/<slug>.md. */
export interface RightsArticle {
  lang: string;
  slug: string;
  meta: RightsArticleMeta;
  /** Markdown from the content files only, never from users. */
  body: string;
  file: string;
}
