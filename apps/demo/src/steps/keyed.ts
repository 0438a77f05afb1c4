// Step 2: keyed commands on several slots, and one multi-slot MGET that the
// cluster client splits per node and reassembles in order.
import { keySlot } from "@petrel/fake-valkey";
import { formatReply, type StepRecorder } from "../report.js";
import type { DemoClient } from "../target.js";

export const keyedKeys = ["user:1", "user:2", "order:17", "cart:9", "session:abc"].map(
  (key) => `petrel-demo:${key}`,
);

export async function keyedStep(step: StepRecorder, client: DemoClient): Promise<void> {
  for (const [index, key] of keyedKeys.entries()) {
    const value = `value-${index + 1}`;
    const set = await client.set(key, value);
    const got = await client.get(key);
    step.line(`SET/GET ${key} (slot ${keySlot(key)}) → ${formatReply(set)}, ${formatReply(got)}`);
  }
  const all = await client.mget(keyedKeys);
  const slots = new Set(keyedKeys.map((key) => keySlot(key)));
  step.line(`MGET of ${keyedKeys.length} keys on ${slots.size} slots → ${formatReply(all)}`);
  step.fact("mget", all.map(String));
  step.fact("slots", slots.size);
  const deleted = await client.del(keyedKeys);
  step.line(`DEL → ${deleted}`);
  step.fact("deleted", deleted);
}
