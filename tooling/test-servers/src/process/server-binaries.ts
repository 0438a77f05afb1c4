// Finds the server to run: valkey-server first, redis-server otherwise, each
// with its matching CLI.
import { accessSync, constants } from "node:fs";
import path from "node:path";

export interface ServerBinaries {
  flavor: "valkey" | "redis";
  server: string;
  /** The matching CLI, when installed. */
  cli: string | undefined;
}

export const installHint =
  "no valkey-server or redis-server on PATH: install one, e.g. `sudo apt-get install redis-server`";

export function findOnPath(name: string, searchPath: string): string | undefined {
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === "") continue;
    const candidate = path.join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export function findServerBinaries(
  searchPath = process.env.PATH ?? "",
): ServerBinaries | undefined {
  for (const flavor of ["valkey", "redis"] as const) {
    const server = findOnPath(`${flavor}-server`, searchPath);
    if (server) return { flavor, server, cli: findOnPath(`${flavor}-cli`, searchPath) };
  }
  return undefined;
}
