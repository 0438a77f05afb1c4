// The Sentinel failover workload: the time from a failover (SENTINEL FAILOVER,
// or a SIGKILL of the primary) until the first write that lands on the new
// primary, and the calls that fail or are acknowledged and then lost, for
// Petrel, ioredis (with and without `failoverDetector`) and node-redis
// (`createSentinel`). Each run gets a fresh topology from @petrel/test-servers:
// 1 primary, 2 replicas, 3 sentinels, down-after-milliseconds 1000.
//
// Each of 50 workers writes `SET w:<n> 1` every 10 ms with a 1 s timeout of its
// own, recording when each write was issued and acknowledged. A write "landed on
// the new primary" when it is acknowledged after the sentinels announced the
// switch, is still there at the end, and was issued after every lost write.
// Run: `pnpm --filter @petrel/bench build && node apps/bench/dist/failover/main.js`.
import net from "node:net";
import { type RunningTopology, startSentinel, withAdminConnection } from "@petrel/test-servers";

export type FailoverKind = "failover" | "kill";

/** The four calls the workload needs from each library. */
export interface SentinelBenchClient {
  set(key: string): Promise<unknown>;
  close(): Promise<void> | void;
}

export type SentinelClientFactory = (
  primaryName: string,
  sentinels: { host: string; port: number }[],
) => Promise<SentinelBenchClient>;

export interface FailoverResult {
  readonly client: string;
  readonly kind: FailoverKind;
  /** From the failover (or kill) to the sentinels' +switch-master. */
  readonly switchMs: number;
  /** From the failover (or kill) to the first write that landed on the new primary. */
  readonly resumeMs: number | undefined;
  /** Calls issued from the failover on that failed or timed out. */
  readonly failed: number;
  /** The failed calls by reason: "timeout" (the workload's 1 s), else the error's class name. */
  readonly failures: Readonly<Record<string, number>>;
  /**
   * Writes issued after the failover (or kill) and acknowledged before the switch was announced,
   * still present at the end: after a kill, writes the promoted replica took early.
   */
  readonly beforeSwitch: number;
  /** Writes acknowledged and then missing on the final primary. */
  readonly lost: number;
  readonly acknowledged: number;
}

interface WriteRecord {
  issued: number;
  acked: number | undefined;
}

const WORKERS = 50;
const PACE_MS = 10;
const CALL_TIMEOUT_MS = 1000;
/** How long to keep writing after the switch (ioredis without a detector needs ~11 s). */
const AFTER_SWITCH_MS = 15_000;
const NAME = "bench";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The workload's own timeout, told apart from the clients' errors. */
class WorkloadTimeout extends Error {}

function withTimeout(call: Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new WorkloadTimeout("timed out")), CALL_TIMEOUT_MS);
  });
  return Promise.race([call, timeout]).finally(() => clearTimeout(timer));
}

/** A client's error as its class and the start of its message (ioredis throws plain Errors). */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return `${error.constructor.name}: ${error.message.slice(0, 40)}`;
}

/** Subscribes to +switch-master on one sentinel; `switched` resolves with the time it arrives. */
async function watchSwitch(
  topology: RunningTopology,
): Promise<{ switched: Promise<number>; stop: () => void }> {
  const socket = net.connect({ host: "127.0.0.1", port: topology.description.addresses[0]!.port });
  let seen = "";
  let confirmed: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => {
    confirmed = resolve;
  });
  const switched = new Promise<number>((resolve) => {
    socket.on("data", (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      if (seen.includes("subscribe")) confirmed();
      if (seen.includes("$7\r\nmessage\r\n")) resolve(performance.now());
    });
  });
  socket.on("error", () => undefined);
  socket.write("SUBSCRIBE +switch-master\r\n");
  await subscribed;
  return { switched, stop: () => socket.destroy() };
}

/** One run: a fresh topology, one client, one failover. */
export async function runFailover(
  client: string,
  factory: SentinelClientFactory,
  kind: FailoverKind,
): Promise<FailoverResult> {
  const topology = await startSentinel({ primaryName: NAME });
  try {
    const sentinels = topology.description.addresses;
    const bench = await factory(NAME, sentinels);
    const writes = new Map<number, WriteRecord>();
    let next = 0;
    let running = true;
    let failedSince = Number.POSITIVE_INFINITY;
    let failed = 0;
    const failures: Record<string, number> = {};
    const worker = async () => {
      while (running) {
        const n = next++;
        const record: WriteRecord = { issued: performance.now(), acked: undefined };
        writes.set(n, record);
        try {
          await withTimeout(bench.set(`w:${n}`));
          record.acked = performance.now();
        } catch (error) {
          if (record.issued >= failedSince) {
            failed++;
            const reason = error instanceof WorkloadTimeout ? "timeout" : describeError(error);
            failures[reason] = (failures[reason] ?? 0) + 1;
          }
        }
        await pause(PACE_MS);
      }
    };
    const workers = Array.from({ length: WORKERS }, worker);
    await pause(1000);
    const watcher = await watchSwitch(topology);
    const start = performance.now();
    failedSince = start;
    if (kind === "kill") await topology.processes[0]!.kill();
    else
      await withAdminConnection(topology.processes[3]!.admin, (c) =>
        c.call("SENTINEL", "FAILOVER", NAME),
      );
    const switched = await Promise.race([watcher.switched, pause(60_000).then(() => undefined)]);
    watcher.stop();
    if (switched === undefined) throw new Error(`${client}: no +switch-master within 60 s`);
    await pause(AFTER_SWITCH_MS);
    running = false;
    await Promise.all(workers);
    await bench.close();
    const primaryPort = await withAdminConnection(topology.processes[3]!.admin, async (c) => {
      const reply = (await c.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", NAME)) as string[];
      return Number(reply[1]);
    });
    const primary = topology.processes.find((process) => process.port === primaryPort)!;
    const present = await withAdminConnection(
      { ...primary.admin, timeoutMs: 30_000 },
      async (c) => {
        const keys = (await c.call("KEYS", "w:*")) as string[];
        return new Set(keys.map((key) => Number(key.slice(2))));
      },
    );
    let lost = 0;
    let acknowledged = 0;
    let lastLostIssued = Number.NEGATIVE_INFINITY;
    for (const [n, record] of writes) {
      if (record.acked === undefined) continue;
      acknowledged++;
      if (!present.has(n)) {
        lost++;
        lastLostIssued = Math.max(lastLostIssued, record.issued);
      }
    }
    let beforeSwitch = 0;
    for (const [n, record] of writes) {
      if (record.issued < start || record.acked === undefined || record.acked >= switched) continue;
      if (present.has(n)) beforeSwitch++;
    }
    let resume: number | undefined;
    for (const [n, record] of writes) {
      if (record.acked === undefined || record.acked < switched || !present.has(n)) continue;
      if (record.issued <= lastLostIssued) continue;
      resume = Math.min(resume ?? Number.POSITIVE_INFINITY, record.acked);
    }
    return {
      client,
      kind,
      switchMs: Math.round(switched - start),
      resumeMs: resume === undefined ? undefined : Math.round(resume - start),
      failed,
      failures,
      beforeSwitch,
      lost,
      acknowledged,
    };
  } finally {
    await topology.stop();
  }
}
