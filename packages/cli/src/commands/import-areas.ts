import { readFileSync } from "node:fs";
import { loadConfig, openAviso } from "@aviso/server";
import { type Command, requireString, UsageError } from "../command.ts";
import { createProgress } from "../progress.ts";

export const importAreasCommand: Command = {
  name: "import-areas",
  summary: "Import named areas from a GeoJSON FeatureCollection",
  usage:
    "aviso import-areas FILE.geojson --kind community-area|zip|ward --name-property PROP [--name-prefix TEXT] [--replace]",
  options: {
    kind: { type: "string" },
    "name-property": { type: "string" },
    "name-prefix": { type: "string" },
    replace: { type: "boolean", default: false },
  },
  positionals: { min: 1, max: 1 },
  async run(args) {
    const [file = ""] = args.positionals;
    const kind = requireString(args, "kind");
    const nameProperty = requireString(args, "name-property");
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      throw new UsageError(
        `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "error"}`,
      );
    }
    const aviso = await openAviso(loadConfig());
    const progress = createProgress();
    try {
      const prefix = args.values["name-prefix"];
      const result = await aviso.areas.importAreas(text, {
        kind,
        nameProperty,
        ...(typeof prefix === "string" ? { namePrefix: prefix } : {}),
        replace: args.values.replace === true,
        onProgress: (done, total) => progress("Importing areas", done, total),
      });
      console.log(
        `Imported ${result.areas} ${result.kind} areas (${result.cells} H3 cells) from ${file}.`,
      );
    } finally {
      await aviso.close();
    }
  },
};
