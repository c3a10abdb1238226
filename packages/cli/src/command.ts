import type { ParseArgsConfig } from "node:util";

export type Options = NonNullable<ParseArgsConfig["options"]>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** One `aviso` sub-command: its flags, its help, and what it does. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(args: ParsedArgs): Promise<void>;
}

/** A mistake in how the command was called; exits with status 2 and points at --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function requireString(args: ParsedArgs, flag: string): string {
  const value = args.values[flag];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${flag} is required`);
  return value;
}
