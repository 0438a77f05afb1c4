// Where and with what a run happened, for the report header.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

export function currentLoadAverage(): number {
  return os.loadavg()[0] ?? 0;
}

import type { ClientEntry } from "../clients/registry.js";

export interface Environment {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  /** 1-minute load averages at the start and end of the run: other work on the machine skews results. */
  loadAverage: { start: number; end: number };
  platform: string;
  node: string;
  server: string;
  commit: string | undefined;
  clientVersions: { label: string; packageName: string; version: string }[];
}

const appRoot = new URL("../../", import.meta.url);

export function packageVersion(packageName: string): string {
  if (packageName.startsWith("node:")) return process.version;
  try {
    const manifestUrl = new URL(`node_modules/${packageName}/package.json`, appRoot);
    const manifest: { version?: unknown } = JSON.parse(readFileSync(manifestUrl, "utf8"));
    return typeof manifest.version === "string" ? manifest.version : "unknown";
  } catch {
    return "unknown";
  }
}

function commandOutput(file: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync(file, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return undefined;
  }
}

/** The checked-out commit, marked when the work tree has changes on top of it. */
function describeCommit(): string | undefined {
  const commit = commandOutput("git", ["rev-parse", "--short", "HEAD"]);
  if (commit === undefined) return undefined;
  const changes = commandOutput("git", ["status", "--porcelain", "--untracked-files=no"]);
  return changes ? `${commit} + uncommitted changes` : commit;
}

export function describeEnvironment(
  clients: readonly ClientEntry[],
  serverBinary: string,
  loadAverageAtStart: number,
): Environment {
  const cpus = os.cpus();
  const serverVersion = commandOutput(serverBinary, ["--version"]);
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: { start: loadAverageAtStart, end: os.loadavg()[0] ?? 0 },
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    server: serverVersion?.split(" ").slice(0, 3).join(" ") ?? serverBinary,
    commit: describeCommit(),
    clientVersions: clients.map((client) => ({
      label: client.label,
      packageName: client.packageName,
      version: packageVersion(client.packageName),
    })),
  };
}
