import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The layering rules of STYLE.md, checked on every import in the source tree. */
interface Rule {
  name: string;
  applies: (file: string) => boolean;
  forbids: (specifier: string) => boolean;
}

const isRelative = (s: string) => s.startsWith(".");

const RULES: Rule[] = [
  {
    name: "core imports nothing but zod, h3-js and itself",
    applies: (f) => f.startsWith("packages/core/src/") && !f.endsWith(".test.ts"),
    forbids: (s) => !isRelative(s) && s !== "zod" && s !== "h3-js",
  },
  {
    name: "web never imports the server or Node",
    applies: (f) => f.startsWith("packages/web/src/"),
    forbids: (s) =>
      s.startsWith("@aviso/server") || s.startsWith("@aviso/cli") || s.startsWith("node:"),
  },
  {
    name: "services import neither Fastify nor Kysely (no HTTP, no SQL)",
    applies: (f) => f.endsWith(".service.ts"),
    forbids: (s) => s.startsWith("fastify") || s.startsWith("@fastify/") || s === "kysely",
  },
  {
    name: "repositories never import services",
    applies: (f) => f.endsWith(".repository.ts"),
    forbids: (s) => s.endsWith(".service.ts"),
  },
  {
    name: "routes reach data only through services",
    applies: (f) => f.endsWith(".routes.ts"),
    forbids: (s) => s.endsWith(".repository.ts") || s.includes("/db/dialects/"),
  },
  {
    name: "database drivers only in db/dialects",
    applies: (f) => f.startsWith("packages/server/src/") && !f.includes("/db/dialects/"),
    forbids: (s) => s === "better-sqlite3" || s === "pg",
  },
  {
    name: "the server never imports the CLI",
    applies: (f) => f.startsWith("packages/server/"),
    forbids: (s) => s.startsWith("@aviso/cli"),
  },
];

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? "").filter(Boolean);
}

function violations(file: string, source: string): string[] {
  return RULES.filter((rule) => rule.applies(file)).flatMap((rule) =>
    importsOf(source)
      .filter((specifier) => rule.forbids(specifier))
      .map((specifier) => `${file} imports ${specifier}: ${rule.name}`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name === "dist" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

describe("import boundaries", () => {
  it("hold across the source tree", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const files = sourceFiles(path.join(root, "packages")).map((f) => path.relative(root, f));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      violations(file, readFileSync(path.join(root, file), "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("catch a service that talks HTTP, a core file that imports Node, and web importing the server", () => {
    expect(
      violations("packages/server/src/modules/x/x.service.ts", 'import Fastify from "fastify";'),
    ).toHaveLength(1);
    expect(
      violations("packages/core/src/x.ts", 'import { readFileSync } from "node:fs";'),
    ).toHaveLength(1);
    expect(
      violations("packages/web/src/x.tsx", 'import { openAviso } from "@aviso/server";'),
    ).toHaveLength(1);
    expect(
      violations(
        "packages/server/src/modules/x/x.routes.ts",
        'import { X } from "./x.repository.ts";',
      ),
    ).toHaveLength(1);
  });
});
