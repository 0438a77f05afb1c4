// A started topology: its JSON description for tests and the processes to stop.
import { removeRunDirectory } from "../process/run-directory.js";
import type { ServerProcess } from "../process/server-process.js";
import type { TopologyDescription } from "../types.js";

export class RunningTopology {
  private stopping: Promise<void> | undefined;

  constructor(
    readonly description: TopologyDescription,
    /** Processes in the same order as `description.nodes`. */
    readonly processes: readonly ServerProcess[],
  ) {}

  /** Pids of every server process of this topology. */
  get pids(): number[] {
    return this.processes.map((process) => process.pid);
  }

  /** Stops every process by pid, waits until each is reaped, removes the run directory. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.processes.map((process) => process.stop()));
      await removeRunDirectory(this.description.directory);
    })();
    return this.stopping;
  }
}

/** Stops what was started so far when a start fails half-way, then rethrows. */
export async function cleanUpFailedStart(
  processes: readonly ServerProcess[],
  runDirectory: string,
  error: unknown,
): Promise<never> {
  await Promise.all(processes.map((process) => process.stop()));
  await removeRunDirectory(runDirectory);
  throw error;
}
