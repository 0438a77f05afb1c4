// Every server process the tooling starts is recorded here and in a pid file in
// its run directory. If the test run ends abruptly (signal, process.exit, an
// uncaught error), the exit hook kills what is left by pid; if the run itself is
// killed with SIGKILL, the next run sweeps the leftovers (see leftover-sweep.ts).
import { appendFileSync, rmSync } from "node:fs";
import path from "node:path";

export const pidFileName = "servers.pids";
export const ownerFileName = "owner.pid";

const trackedPids = new Set<number>();
const runDirectories = new Set<string>();
const handledSignals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
let hooksInstalled = false;

export function trackRunDirectory(directory: string): void {
  runDirectories.add(directory);
  installHooks();
}

export function untrackRunDirectory(directory: string): void {
  runDirectories.delete(directory);
  uninstallHooksIfIdle();
}

export function trackProcess(pid: number, runDirectory: string): void {
  trackedPids.add(pid);
  appendFileSync(path.join(runDirectory, pidFileName), `${pid}\n`);
  installHooks();
}

export function untrackProcess(pid: number): void {
  trackedPids.delete(pid);
  uninstallHooksIfIdle();
}

/** Pids started by this process and not yet stopped. */
export function trackedProcessIds(): number[] {
  return [...trackedPids];
}

/** Synchronous last resort: SIGKILL every tracked process and remove run directories. */
export function killEverythingSync(): void {
  for (const pid of trackedPids) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  trackedPids.clear();
  for (const directory of runDirectories) rmSync(directory, { recursive: true, force: true });
  runDirectories.clear();
}

function onExit(): void {
  killEverythingSync();
}

function onSignal(signal: NodeJS.Signals): void {
  killEverythingSync();
  uninstallHooks();
  // Keep the default meaning of the signal unless someone else handles it.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", onExit);
  for (const signal of handledSignals) process.on(signal, onSignal);
}

function uninstallHooks(): void {
  if (!hooksInstalled) return;
  hooksInstalled = false;
  process.off("exit", onExit);
  for (const signal of handledSignals) process.off(signal, onSignal);
}

function uninstallHooksIfIdle(): void {
  if (trackedPids.size === 0 && runDirectories.size === 0) uninstallHooks();
}
