// Step 3: the seed's two batches, an atomic batch (transaction) on one slot
// and a non-atomic pipeline across slots, with the seed's expected outputs.
import { Batch, ClusterBatch, GlideClusterClient } from "petrel";
import { formatReply, type StepRecorder } from "../report.js";
import type { DemoClient } from "../target.js";

const visits = "petrel-demo:user:100:visits";
const views = "petrel-demo:page:home:views";
const logins = "petrel-demo:recent:logins";

function newBatch(client: DemoClient, isAtomic: boolean): Batch | ClusterBatch {
  return client instanceof GlideClusterClient ? new ClusterBatch(isAtomic) : new Batch(isAtomic);
}

export async function batchesStep(step: StepRecorder, client: DemoClient): Promise<void> {
  await client.del([visits, views, logins]);

  const atomic = newBatch(client, true);
  atomic.set(visits, "1").incrBy(visits, 5).get(visits);
  const atomicResults = await client.exec(atomic, true, { timeout: 3000 });
  const cluster = client instanceof GlideClusterClient;
  step.line(
    `${cluster ? "Atomic Cluster Batch" : "Atomic Batch Results"}: ${formatReply(atomicResults)}` +
      "   (seed: ['OK', 6, '6'])",
  );
  step.fact("atomic", atomicResults);

  const pipeline = newBatch(client, false);
  pipeline
    .set(views, "100")
    .incrBy(views, 25)
    .get(views)
    .lpush(logins, ["user1"])
    .lpush(logins, ["user2"])
    .lrange(logins, 0, 1);
  const options = cluster
    ? {
        timeout: 5000,
        retryStrategy: { retryServerError: false, retryConnectionError: true },
      }
    : { timeout: 5000 };
  const pipelineResults = await client.exec(pipeline, false, options);
  step.line(
    `${cluster ? "Pipeline Cluster Results" : "Pipeline Results"}: ${formatReply(pipelineResults)}   ` +
      "(seed: ['OK', 125, '125', 1, 2, ['user2', 'user1']])",
  );
  step.fact("pipeline", pipelineResults);
  await client.del([visits, views, logins]);
}
