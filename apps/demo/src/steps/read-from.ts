// Step 6: a second client with readFrom "preferReplica": writes go to the
// primaries, reads to replicas. On the fake the per-node counters show where
// each GET went.
import type { StepRecorder } from "../report.js";
import { connect, type DemoClient, type Target } from "../target.js";

const keys = Array.from({ length: 12 }, (_, index) => `petrel-demo:replica-read:${index}`);

function getsOn(target: Target, replicas: boolean): number {
  const fake = target.fake;
  if (fake === undefined) return 0;
  const nodes = replicas ? fake.replicaNodes : fake.primaries;
  return nodes.reduce((sum, node) => sum + fake.commandCount("get", node), 0);
}

export async function readFromStep(
  step: StepRecorder,
  target: Target,
  writer: DemoClient,
): Promise<void> {
  for (const key of keys) await writer.set(key, key.slice(key.lastIndexOf(":") + 1));
  const reader = await connect(target, "preferReplica");
  try {
    const replicaBefore = getsOn(target, true);
    const primaryBefore = getsOn(target, false);
    const values: string[] = [];
    for (const key of keys) values.push(String(await reader.get(key)));
    const matches = values.every((value, index) => value === String(index));
    step.line(
      `readFrom "preferReplica": ${keys.length} GETs returned the written values: ${matches}`,
    );
    step.fact("matches", matches);
    if (target.fake !== undefined) {
      const onReplicas = getsOn(target, true) - replicaBefore;
      const onPrimaries = getsOn(target, false) - primaryBefore;
      step.line(`served by replicas: ${onReplicas}, by primaries: ${onPrimaries}`);
      step.fact("replicaGets", onReplicas);
      step.fact("primaryGets", onPrimaries);
    } else {
      step.line("(per-node counts need the fake cluster's counters)");
    }
  } finally {
    reader.close();
    await writer.del(keys);
  }
}
