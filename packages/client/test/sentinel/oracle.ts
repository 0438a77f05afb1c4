// The INCR consistency oracle for failovers of a primary with replicas: workers
// INCR their own counters, each INCR pipelined with `WAIT <replicas>` on the same
// connection, so a write counts as acknowledged only once every replica has it
// (whichever replica is promoted keeps it). Every INCR reply must be one more
// than the last acknowledged value, plus at most the number of INCRs whose
// outcome is unknown (failed after being written, or not confirmed by WAIT).
// Lower means an acknowledged write was lost; higher, a duplicate.
import { standaloneCommands as build } from "@petrel/commands";
import { customCommand } from "../../src/custom-command.js";
import { ClosingError, type GlideClient } from "../../src/index.js";
import type { OracleReport as ClusterOracleReport, Counter } from "../cluster/helpers/oracle.js";

export type { Counter };

/** The cluster oracle's report; `failed` also counts INCRs not confirmed by every replica. */
export interface OracleReport extends ClusterOracleReport {
  /** Calls that never settled when the run stopped (must stay 0). */
  unsettled: number;
}

export function countersFor(count: number, prefix: string): Counter[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `${prefix}:${i}`,
    acked: 0,
    uncertain: 0,
  }));
}

export function sentinelOracle(
  client: GlideClient,
  counters: Counter[],
  workers: number,
  replicas: number,
) {
  const report: OracleReport = { lost: 0, duplicated: 0, acknowledged: 0, failed: 0, unsettled: 0 };
  let running = true;
  const check = (counter: Counter, value: number) => {
    if (value < counter.acked + 1) report.lost++;
    if (value > counter.acked + 1 + counter.uncertain) report.duplicated++;
  };
  const settings = { replicas };
  const worker = async (index: number) => {
    const mine = counters.filter((_, i) => i % workers === index);
    while (running) {
      for (const counter of mine) {
        report.unsettled++;
        try {
          const required = settings.replicas;
          const wait = customCommand(["WAIT", String(required), "1000"], undefined);
          const [value, confirmed] = (await client.runBatch([build.incr(counter.key), wait], {
            atomic: false,
            raiseOnError: false,
          })) as [unknown, unknown];
          if (typeof value !== "number") throw value;
          check(counter, value);
          if (typeof confirmed === "number" && confirmed >= required) {
            counter.acked = value;
            counter.uncertain = 0;
            report.acknowledged++;
          } else {
            counter.uncertain = value - counter.acked;
            report.failed++;
          }
        } catch (error) {
          counter.uncertain++;
          report.failed++;
          // A closed client fails every call at once: stop rather than spin.
          if (error instanceof ClosingError) running = false;
        } finally {
          report.unsettled--;
        }
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  return {
    report,
    /** How many replicas must confirm a write (lower it once a killed primary is replaced). */
    set replicas(count: number) {
      settings.replicas = count;
    },
    async stop(): Promise<OracleReport> {
      running = false;
      await done;
      for (const counter of counters) {
        const value = Number((await client.get(counter.key)) ?? 0);
        if (value < counter.acked) report.lost++;
        if (value > counter.acked + counter.uncertain) report.duplicated++;
      }
      return report;
    },
  };
}

/** Polls `condition` every 10 ms until it holds, for at most `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
