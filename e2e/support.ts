import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { totpCode, totpStep } from "../packages/server/src/modules/users/totp.ts";
import { DEMO_STAFF } from "../packages/server/src/seed/demo.ts";

const BIN = fileURLToPath(new URL("../packages/cli/bin/aviso.mjs", import.meta.url));

export interface RunningAviso {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts the real server as `npm start` does, in a fresh data dir on a free port. */
export async function startAviso(
  args: string[] = [],
  env: Record<string, string> = {},
): Promise<RunningAviso> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "aviso-e2e-"));
  const child: ChildProcess = spawn(process.execPath, [BIN, "start", ...args], {
    env: {
      PATH: process.env.PATH ?? "",
      AVISO_DATA_DIR: dataDir,
      PORT: "0",
      AVISO_LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Aviso did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Aviso is running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Aviso exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** A port nothing listens on right now, for a server that must know its own public URL. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Debian's Chromium (never a downloaded browser), headless, with no calls home. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      return execFileSync("which", [name], { encoding: "utf8" }).trim();
    } catch {
      // try the next name
    }
  }
  throw new Error("Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH)");
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

export const SCREENSHOTS = fileURLToPath(new URL("../test-results/screenshots", import.meta.url));

/**
 * A fresh Aviso server and a Chromium for the tests of one file, started before them and
 * stopped after. `options` may compute the arguments first (a free port for a public URL).
 */
export function useAvisoInChromium(
  options: () => Promise<{ args?: string[]; env?: Record<string, string> }> = async () => ({}),
): { readonly aviso: RunningAviso; readonly browser: Browser } {
  let aviso: RunningAviso | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const { args = [], env = {} } = await options();
    aviso = await startAviso(args, env);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await aviso?.stop();
  });
  return {
    get aviso() {
      if (!aviso) throw new Error("Aviso is not running (beforeAll failed?)");
      return aviso;
    },
    get browser() {
      if (!browser) throw new Error("Chromium is not running (beforeAll failed?)");
      return browser;
    },
  };
}

/** A demo staff member by role (published password and TOTP secret). */
export function demo(role: string): (typeof DEMO_STAFF)[number] {
  const person = DEMO_STAFF.find((p) => p.role === role);
  if (!person) throw new Error(`no demo ${role}`);
  return person;
}

/** The code an authenticator app shows now (or `ahead` steps later, for a second sign-in). */
export const codeFor = (secret: string, ahead = 0) =>
  totpCode(secret, totpStep(new Date()) + ahead);

/** Fills and sends the console's password + TOTP sign-in form. */
export async function signIn(
  page: Page,
  url: string,
  email: string,
  password: string,
  code: string,
): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel(/Code from your authenticator/).fill(code);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs a demo staff member of `role` in with password and TOTP, and waits for the console. */
export async function signInDemo(page: Page, url: string, role: string): Promise<void> {
  const person = demo(role);
  await signIn(page, url, person.email, person.password, codeFor(person.totpSecret));
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The serious and critical accessibility problems axe finds on a page: rule and where. */
export async function seriousViolations(page: Page): Promise<string[]> {
  return (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}
