// --profile: runs one client (Petrel unless --clients says otherwise) alone on
// one workload under --cpu-prof and prints where its CPU time goes, to explain
// a missed target or compare with a peer.
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
      },
    );
    const files = (await readdir(directory)).filter((name) => name.endsWith(".cpuprofile"));
    const file = files[0];
    if (file === undefined) throw new Error(`The worker wrote no .cpuprofile into ${directory}`);
    const profile = parseCpuProfile(await readFile(path.join(directory, file), "utf8"));
    const headline = Object.entries(metrics)
      .map(([name, value]) => `${name}=${value.toFixed(2)}`)
      .join(" ");
    return `${client.label} on ${workload.title} (profiled, so slower than unprofiled): ${headline}\n\n${renderProfileSummary(summarizeCpuProfile(profile))}`;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
