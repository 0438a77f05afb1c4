// Cleans up after runs that died without running their exit hook (SIGKILL, OOM):
// their run directory is still there, its owner process is gone, and the
// servers listed in its pid file may still be running.
import { readdirSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ownerFileName, pidFileName } from "./process-registry.js";
import { runDirectoryPrefix } from "./run-directory.js";

/** Exited but not yet reaped by its parent: dead for our purposes. */
export function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state letter follows the parenthesised command name.
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

function readPids(file: string): number[] {
  try {
    return readFileSync(file, "utf8")
      .split("\n")
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return [];
  }
}

/**
 * A pid from an old file may have been reused by an unrelated process, so a
 * process is killed only if its working directory is inside the run directory
 * (servers are started with their node directory as cwd).
 */
function belongsTo(pid: number, directory: string): boolean {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    return cwd === directory || cwd.startsWith(`${directory}${path.sep}`);
  } catch {
    return false;
  }
}

export interface SweepResult {
  killedPids: number[];
  removedDirectories: string[];
}

export function sweepLeftovers(parent = os.tmpdir()): SweepResult {
  const result: SweepResult = { killedPids: [], removedDirectories: [] };
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return result;
  }
  for (const name of names) {
    if (!name.startsWith(runDirectoryPrefix)) continue;
    const directory = path.join(parent, name);
    const [owner] = readPids(path.join(directory, ownerFileName));
    if (owner === undefined || owner === process.pid || isAlive(owner)) continue;
    for (const pid of readPids(path.join(directory, pidFileName))) {
      if (!belongsTo(pid, directory)) continue;
      try {
        process.kill(pid, "SIGKILL");
        result.killedPids.push(pid);
      } catch {
        // exited meanwhile
      }
    }
    rmSync(directory, { recursive: true, force: true });
    result.removedDirectories.push(directory);
  }
  return result;
}
