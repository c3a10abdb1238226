import type { PolicyTable } from "../../http/policy.ts";

/**
 * The basemap is for the console's incident map: any signed-in staff member. A street map is not
 * personal data, but serving it to anyone would make the deployment a free tile server.
 */
export const basemapPolicy: PolicyTable = {
  "GET /api/basemap": "signed-in",
  "GET /api/basemap/tiles.pmtiles": "signed-in",
};
