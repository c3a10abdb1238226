import { z } from "zod";

/** The kinds of named area Aviso knows. Subscribers, shifts and alerts name areas of these kinds. */
export const AreaKind = z.enum(["community-area", "zip", "ward"]);
export type AreaKind = z.infer<typeof AreaKind>;

/** H3 resolution used for matching points, ZIP codes and areas (about 0.7 km² per cell). */
export const AREA_CELL_RESOLUTION = 8;

export const AreaSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: AreaKind,
  cellCount: z.number().int().nonnegative(),
});
export type AreaSummary = z.infer<typeof AreaSummary>;

export const AreaListQuery = z.object({ kind: AreaKind.optional() });

export const AreaIdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * A place to look up: a point in WGS84 degrees (`lat` and `lng`), or a five-digit ZIP code.
 * Numbers may come as strings (query strings) or numbers (JSON bodies).
 */
export const AreaLookupQuery = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    zip: z
      .string()
      .regex(/^\d{5}$/, "a ZIP code is five digits")
      .optional(),
  })
  .superRefine((value, ctx) => {
    const hasPoint = value.lat !== undefined || value.lng !== undefined;
    if (value.zip !== undefined && hasPoint) {
      ctx.addIssue({
        code: "custom",
        path: ["zip"],
        message: "give either lat and lng, or zip, not both",
      });
    } else if (value.zip === undefined && !hasPoint) {
      ctx.addIssue({ code: "custom", path: [], message: "give lat and lng, or zip" });
    } else if (hasPoint) {
      for (const key of ["lat", "lng"] as const) {
        if (value[key] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `${key} is required with ${key === "lat" ? "lng" : "lat"}`,
          });
        }
      }
    }
  });
export type AreaLookupQuery = z.infer<typeof AreaLookupQuery>;

export const AreaDetail = AreaSummary.extend({
  geometry: z.object({
    type: z.enum(["Polygon", "MultiPolygon"]),
    coordinates: z.array(z.unknown()),
  }),
});

export const AreaLookupResult = z.object({ areas: z.array(AreaSummary) });
