// Step 4: a slot migration started while the story keeps reading and writing
// keys of that slot. The client follows ASK during the move and MOVED after
// it; no error reaches the caller.
import { keySlot } from "@petrel/fake-valkey";
import type { StepRecorder } from "../report.js";
import type { DemoClient, Target } from "../target.js";
import { countRedirects } from "./redirect-counter.js";

const keys = Array.from({ length: 6 }, (_, index) => `{petrel-demo:migrating}:key-${index}`);

export async function migrationStep(
  step: StepRecorder,
  target: Target,
  client: DemoClient,
): Promise<void> {
  const fake = target.fake;
  if (fake === undefined || target.mode !== "cluster") {
    step.skip("needs the embedded fake cluster's control API (run without --cluster/--standalone)");
    return;
  }
  const slot = keySlot(keys[0] as string);
  const fromShard = fake.shardOfSlot(slot);
  const toShard = (fromShard + 1) % fake.shardCount;
  for (const key of keys) await client.set(key, "0");
  const from = fake.primaryNode(fromShard);
  const to = fake.primaryNode(toShard);
  step.line(
    `slot ${slot} holds ${keys.length} keys on ${from.host}:${from.port}; ` +
      `migrating it to ${to.host}:${to.port}, one key per step`,
  );

  const redirects = countRedirects();
  let operations = 0;
  let errors = 0;
  const phases: string[] = [];
  // One round of traffic: every key read and incremented.
  const round = async () => {
    await Promise.all(
      keys.map(async (key) => {
        try {
          await client.incr(key);
          await client.get(key);
          operations += 2;
        } catch (error) {
          errors++;
          step.line(`error reached the caller: ${String(error)}`);
        }
      }),
    );
  };
  try {
    await round();
    const migration = fake.migrateSlot(slot, toShard, { keysPerStep: 1 });
    while (migration.phase !== "done") {
      const phase = migration.step();
      if (phases.at(-1) !== phase) phases.push(phase);
      await round();
    }
    await round();
  } finally {
    redirects.stop();
  }
  const values = await client.mget(keys);
  const rounds = operations / (2 * keys.length);
  step.line(`phases: ${phases.join(" → ")}`);
  step.line(
    `${operations} commands during the move: ${redirects.counts.ask} ASK and ` +
      `${redirects.counts.moved} MOVED redirects followed, ${errors} errors reached the caller`,
  );
  step.line(
    `every key now reads ${values.map(String).join(", ")} (one INCR per round, ${rounds} rounds)`,
  );
  step.line(`slot ${slot} is now served by ${fake.nodeForKey(keys[0] as string).port}`);
  step.fact("ask", redirects.counts.ask);
  step.fact("moved", redirects.counts.moved);
  step.fact("errors", errors);
  step.fact("values", values.map(String));
  step.fact("rounds", rounds);
  step.fact("movedTo", fake.shardOfSlot(slot) === toShard);
  await client.del(keys);
}
