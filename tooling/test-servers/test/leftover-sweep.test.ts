import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sweepLeftovers } from "../src/index.js";

function exitOf(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await exitOf(child);
  return child.pid!;
}

function idleProcess(cwd: string): ChildProcess {
  return spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { cwd, stdio: "ignore" });
}

describe("sweepLeftovers", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it("kills servers of a run whose owner died, and only those", async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), "petrel-sweep-"));
    cleanups.push(() => rm(parent, { recursive: true, force: true }));
    const orphanedRun = path.join(parent, "petrel-servers-orphaned");
    const liveRun = path.join(parent, "petrel-servers-live");
    for (const run of [orphanedRun, liveRun])
      await mkdir(path.join(run, "node-1"), { recursive: true });

    const orphan = idleProcess(path.join(orphanedRun, "node-1"));
    // Listed in the orphaned run's pid file but running elsewhere: a reused pid.
    const stranger = idleProcess(parent);
    const liveServer = idleProcess(path.join(liveRun, "node-1"));
    const children = [orphan, stranger, liveServer];
    cleanups.push(async () => {
      for (const child of children) child.kill("SIGKILL");
      await Promise.all(children.map(exitOf));
    });
    await Promise.all(
      children.map((child) => new Promise((resolve) => child.once("spawn", resolve))),
    );

    await writeFile(path.join(orphanedRun, "owner.pid"), `${await deadPid()}\n`);
    await writeFile(path.join(orphanedRun, "servers.pids"), `${orphan.pid}\n${stranger.pid}\n`);
    await writeFile(path.join(liveRun, "owner.pid"), `${process.ppid}\n`);
    await writeFile(path.join(liveRun, "servers.pids"), `${liveServer.pid}\n`);

    const result = sweepLeftovers(parent);

    expect(result.killedPids).toEqual([orphan.pid]);
    expect(result.removedDirectories).toEqual([orphanedRun]);
    await exitOf(orphan);
    expect(orphan.signalCode).toBe("SIGKILL");
    expect(stranger.exitCode === null && stranger.signalCode === null).toBe(true);
    expect(liveServer.exitCode === null && liveServer.signalCode === null).toBe(true);
  });
});
