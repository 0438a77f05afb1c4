// Entry point of a forked worker: receives one job over IPC, runs it, replies, exits.
// Only the selected client library is ever imported here (lazily, by the job).
import { runJob, type WorkerJob, type WorkerReply } from "./job.js";

function reply(message: WorkerReply): void {
  // Exit once the reply is flushed: some libraries keep handles open after close.
  process.send?.(message, undefined, undefined, () => process.exit(0));
}

process.once("message", (job: WorkerJob) => {
  runJob(job).then(
    (metrics) => reply({ kind: "result", metrics }),
    (error: unknown) =>
      reply({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
  );
});
