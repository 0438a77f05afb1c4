// The consistency checker of the cluster tutorial, as a test oracle: workers
// INCR their own counters under load while the cluster changes. Every INCR
// reply must be exactly one more than the last acknowledged value, plus at
// most the number of INCRs whose outcome the client could not know (written,
// then lost). Lower means a lost acknowledged write; higher, a duplicate.
import type { GlideClusterClient } from "../../../src/index.js";

export interface Counter {
  readonly key: string;
  acked: number;
  /** INCRs that failed after being written: they may or may not have run. */
  uncertain: number;
}

export interface OracleReport {
  lost: number;
  duplicated: number;
  acknowledged: number;
  failed: number;
}

export function oracle(client: GlideClusterClient, counters: Counter[], workers: number) {
  const report: OracleReport = { lost: 0, duplicated: 0, acknowledged: 0, failed: 0 };
  let running = true;
  const check = (counter: Counter, value: number, expectedNext: boolean) => {
    const low = counter.acked + (expectedNext ? 1 : 0);
    if (value < low) report.lost++;
    if (value > low + counter.uncertain) report.duplicated++;
  };
  const worker = async (index: number) => {
    const mine = counters.filter((_, i) => i % workers === index);
    while (running) {
      for (const counter of mine) {
        const read = await client.get(counter.key).catch(() => undefined);
        if (typeof read === "string") check(counter, Number(read), false);
        try {
          const value = await client.incr(counter.key);
          check(counter, value, true);
          counter.acked = value;
          counter.uncertain = 0;
          report.acknowledged++;
        } catch {
          counter.uncertain++;
          report.failed++;
        }
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, i) => worker(i)));
  return {
    report,
    async stop(): Promise<OracleReport> {
      running = false;
      await done;
      for (const counter of counters) {
        const value = Number((await client.get(counter.key)) ?? 0);
        check(counter, value, false);
      }
      return report;
    },
  };
}

/** `count` counters spread over 10 hash tags, so a migrated slot holds several of them. */
export function countersFor(count: number, prefix = ""): Counter[] {
  return Array.from({ length: count }, (_, i) => ({
    key: `{c${i % 10}}:${prefix}${i}`,
    acked: 0,
    uncertain: 0,
  }));
}
