// Step 5: a primary fails over to its replica mid-run; the client learns the
// new primary (MOVED / a topology refresh) and the caller sees no error.
import type { StepRecorder } from "../report.js";
import type { DemoClient, Target } from "../target.js";
import { countRedirects } from "./redirect-counter.js";

const key = "petrel-demo:failover:counter";

export async function failoverStep(
  step: StepRecorder,
  target: Target,
  client: DemoClient,
): Promise<void> {
  const fake = target.fake;
  if (fake === undefined || target.mode !== "cluster") {
    step.skip("needs the embedded fake cluster's control API (run without --cluster/--standalone)");
    return;
  }
  const shard = fake.shardOfKey(key);
  await client.set(key, "10");
  const oldPrimary = fake.primaryNode(shard);
  const redirects = countRedirects();
  let result: [unknown, unknown];
  let promoted: { host: string; port: number };
  try {
    promoted = await fake.failover(shard);
    step.line(
      `shard ${shard}: replica ${promoted.host}:${promoted.port} promoted, ` +
        `old primary ${oldPrimary.host}:${oldPrimary.port} demoted to replica`,
    );
    const incremented = await client.incrBy(key, 5);
    const read = await client.get(key);
    result = [incremented, read];
  } finally {
    redirects.stop();
  }
  step.line(
    `INCRBY ${key} 5 → ${result[0]}, GET → '${String(result[1])}' (no error reached the caller)`,
  );
  step.line(
    `the client followed ${redirects.counts.moved} MOVED redirect(s) and ${redirects.counts.retries} retries`,
  );
  step.fact("incremented", result[0]);
  step.fact("value", String(result[1]));
  step.fact("newPrimary", promoted.port);
  step.fact("servedByNewPrimary", fake.primaryNode(shard).port === promoted.port);
  await client.del([key]);
}
