import { z } from "zod";

/** What the public pages need to know about the deployment. */
export const SiteInfo = z.object({
  name: z.string(),
  hotline: z.object({ name: z.string(), number: z.string() }),
  timeZone: z.string(),
});
export type SiteInfo = z.infer<typeof SiteInfo>;
