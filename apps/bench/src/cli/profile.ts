// --profile: runs one client (Petrel unless --clients says otherwise) alone on
// one workload under --cpu-prof and prints where its CPU time goes, to explain
// a missed target or compare with a peer: the measured window alone when the
// workload has one (runner/window-profile.ts), else the whole worker process.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { ServerAddress } from "../clients/bench-client.js";
import type { ClientEntry } from "../clients/registry.js";
import {
  parseCpuProfile,
  renderProfileSummary,
  summarizeCpuProfile,
} from "../report/cpu-profile.js";
import { workerTimeoutMs } from "../runner/execute-plan.js";
import { runJobInWorker } from "../runner/fork-worker.js";
import { WINDOW_PROFILE_ENV, WINDOW_PROFILE_FILE } from "../runner/window-profile.js";
import type { RunSettings, Workload } from "../workloads/workload.js";

export async function profileClient(
  client: ClientEntry,
  workload: Workload,
  address: ServerAddress,
  settings: RunSettings,
): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), "petrel-bench-profile-"));
  try {
    const metrics = await runJobInWorker(
      { clientId: client.id, workloadId: workload.id, address, settings },
      {
        timeoutMs: workerTimeoutMs(settings),
        execArgv: ["--cpu-prof", "--cpu-prof-dir", directory],
        env: { [WINDOW_PROFILE_ENV]: directory },
      },
    );
    const window = path.join(directory, WINDOW_PROFILE_FILE);
    const whole = (await readdir(directory)).find(
      (name) => name.endsWith(".cpuprofile") && name !== WINDOW_PROFILE_FILE,
    );
    const chosen = existsSync(window)
      ? { file: window, scope: "measured window only" }
      : whole === undefined
        ? undefined
        : { file: path.join(directory, whole), scope: "whole worker process" };
    if (chosen === undefined) throw new Error(`The worker wrote no .cpuprofile into ${directory}`);
    const profile = parseCpuProfile(await readFile(chosen.file, "utf8"));
    const headline = Object.entries(metrics)
      .map(([name, value]) => `${name}=${value.toFixed(2)}`)
      .join(" ");
    return `${client.label} on ${workload.title} (profiled, so slower than unprofiled; ${chosen.scope}): ${headline}\n\n${renderProfileSummary(summarizeCpuProfile(profile))}`;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
