// Every workload the app knows, in report order. A new workload is one file
// exporting a `Workload`, plus one line here.
import { cachedGet } from "./cached-get.js";
import { clusterMget } from "./cluster-mget.js";
import { clusterMixedGetSet } from "./cluster-mixed-get-set.js";
import { coldStart } from "./cold-start.js";
import { compressedValues } from "./compressed-values.js";
import { largeValues, largeValuesWith } from "./large-values.js";
import { memory } from "./memory.js";
import { mixedGetSet } from "./mixed-get-set.js";
import { otelOverhead } from "./otel-overhead.js";
import { pipelines } from "./pipelines.js";
import { sequentialGet } from "./sequential-get.js";
import type { Workload } from "./workload.js";

export const workloadRegistry: readonly Workload[] = [
  sequentialGet,
  mixedGetSet(100),
  mixedGetSet(1000),
  largeValues,
  largeValuesWith("bytes"),
  compressedValues(false),
  compressedValues(true),
  coldStart,
  clusterMixedGetSet,
  clusterMget(100),
  clusterMget(1),
  pipelines("standalone"),
  pipelines("cluster"),
  otelOverhead("absent"),
  otelOverhead(0),
  otelOverhead(100),
  memory("idle"),
  memory("c1000"),
  memory("cluster"),
  ...[1, 100].flatMap((concurrency) => [
    cachedGet(concurrency, true),
    cachedGet(concurrency, false),
  ]),
];

export function findWorkload(id: string): Workload {
  const workload = workloadRegistry.find((candidate) => candidate.id === id);
  if (!workload) {
    const known = workloadRegistry.map((candidate) => candidate.id).join(", ");
    throw new Error(`Unknown workload "${id}" (known: ${known})`);
  }
  return workload;
}
