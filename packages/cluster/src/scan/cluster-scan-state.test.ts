import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { SLOT_COUNT, slotOf } from "../slots/slot-of.js";
import { buildTopology, type ShardInput, type Topology } from "../topology/topology.js";
import { ClusterScanCursor } from "./cluster-scan-cursor.js";
import { ClusterScanState } from "./cluster-scan-state.js";

/** A fake cluster: which node index owns each slot, and the keys per slot. */
class FakeCluster {
  /** Change only through `move`, which invalidates the cached view. */
  readonly owner: number[];
  readonly keysBySlot = new Map<number, string[]>();
  scans = 0;

  constructor(
    readonly ports: number[],
    keyCount: number,
  ) {
    this.owner = Array.from({ length: SLOT_COUNT }, (_, slot) =>
      Math.floor((slot * ports.length) / SLOT_COUNT),
    );
    for (let i = 0; i < keyCount; i++) {
      const key = `key:${i}`;
      const slot = slotOf(key);
      this.keysBySlot.set(slot, [...(this.keysBySlot.get(slot) ?? []), key]);
    }
  }

  #cached: Topology | undefined;

  /** Moves slots [start, end) to node `target`. */
  move(start: number, end: number, target: number): void {
    for (let slot = start; slot < Math.min(SLOT_COUNT, end); slot++) this.owner[slot] = target;
    this.#cached = undefined;
  }

  replacePort(index: number, port: number): void {
    this.ports[index] = port;
    this.#cached = undefined;
  }

  topology(): Topology {
    this.#cached ??= this.#build();
    return this.#cached;
  }

  #build(): Topology {
    const shards: ShardInput[] = this.ports.map((port, index) => ({
      primary: { host: "h", port },
      replicas: [],
      slotRanges: this.owner.flatMap((owner, slot) =>
        owner === index ? [{ start: slot, end: slot }] : [],
      ),
    }));
    return buildTopology(shards);
  }

  /** SCAN on a node: the cursor is the next slot to visit; visits 1500 slots per call. */
  scan(port: number, cursor: string): { next: string; keys: string[] } {
    this.scans++;
    const node = this.ports.indexOf(port);
    const start = Number(cursor);
    const end = Math.min(SLOT_COUNT, start + 1500);
    const keys: string[] = [];
    for (let slot = start; slot < end; slot++) {
      if (this.owner[slot] === node) keys.push(...(this.keysBySlot.get(slot) ?? []));
    }
    return { next: end === SLOT_COUNT ? "0" : String(end), keys };
  }

  allKeys(): string[] {
    return [...this.keysBySlot.values()].flat();
  }
}

/** Runs a whole cluster scan, round-tripping the cursor text each step; `between` runs after each reply. */
function scanAll(cluster: FakeCluster, between: (step: number) => void = () => {}): Set<string> {
  const found = new Set<string>();
  let cursor = new ClusterScanCursor();
  for (let step = 0; step < 1000; step++) {
    const state = ClusterScanState.fromCursor(cursor.getCursor());
    const next = state.next(cluster.topology());
    if (next.kind === "finished") {
      cursor = state.toCursor();
      expect(cursor.isFinished()).toBe(true);
      return found;
    }
    if (next.kind === "error") throw next.error;
    const reply = cluster.scan(next.node.port, next.cursor);
    for (const key of reply.keys) found.add(key);
    between(step);
    state.onReply(cluster.topology(), reply.next);
    cursor = state.toCursor();
  }
  throw new Error("scan did not finish");
}

describe("ClusterScanCursor", () => {
  it("starts empty, reads 'finished' when done", () => {
    expect(new ClusterScanCursor().getCursor()).toBe("");
    expect(new ClusterScanCursor().isFinished()).toBe(false);
    expect(new ClusterScanCursor(null).getCursor()).toBe("");
    expect(new ClusterScanCursor("finished").isFinished()).toBe(true);
    expect(new ClusterScanCursor("abc").getCursor()).toBe("abc");
  });
});

describe("ClusterScanState", () => {
  it("scans each node once in a stable cluster and returns every key", () => {
    const cluster = new FakeCluster([7000, 7001, 7002], 3000);
    const found = scanAll(cluster);
    expect(found.size).toBe(3000);
    // 11 slot windows per node pass, 3 passes.
    expect(cluster.scans).toBe(33);
  });

  it("returns every key present throughout when slots move to a node already scanned", () => {
    const cluster = new FakeCluster([7000, 7001, 7002], 3000);
    const found = scanAll(cluster, (step) => {
      // During the last node's pass, part of its range moves to the first node.
      if (step === 25) cluster.move(15000, 16000, 0);
    });
    expect([...cluster.allKeys()].filter((key) => !found.has(key))).toEqual([]);
  });

  it("returns every key present throughout when slots move ahead of the cursor to a node not yet scanned", () => {
    const cluster = new FakeCluster([7000, 7001, 7002], 3000);
    const found = scanAll(cluster, (step) => {
      if (step === 2) cluster.move(4000, 5400, 2);
    });
    expect([...cluster.allKeys()].filter((key) => !found.has(key))).toEqual([]);
  });

  it("survives random reshards at every step", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let round = 0; round < 5; round++) {
      const cluster = new FakeCluster([7000, 7001, 7002, 7003], 2000);
      const found = scanAll(cluster, () => {
        if (random() < 0.3) {
          const start = Math.floor(random() * SLOT_COUNT);
          const target = Math.floor(random() * 4);
          cluster.move(start, start + 500, target);
        }
      });
      expect([...cluster.allKeys()].filter((key) => !found.has(key))).toEqual([]);
    }
  });

  it("abandons a node that left the view and continues from its owner", () => {
    const cluster = new FakeCluster([7000, 7001], 500);
    const state = ClusterScanState.start();
    const first = state.next(cluster.topology());
    expect(first).toMatchObject({ kind: "scan", cursor: "0" });
    state.onReply(cluster.topology(), "1500");
    // Failover: 7000 is replaced by 7009.
    cluster.replacePort(0, 7009);
    const next = state.next(cluster.topology());
    expect(next.kind === "scan" && next.node.port).toBe(7009);
    expect(next.kind === "scan" && next.cursor).toBe("0");
  });

  it("abandons a pass when the node reports failure", () => {
    const cluster = new FakeCluster([7000, 7001], 10);
    const state = ClusterScanState.start();
    state.next(cluster.topology());
    state.onReply(cluster.topology(), "100");
    state.onNodeFailed();
    const next = state.next(cluster.topology());
    expect(next.kind === "scan" && next.cursor).toBe("0");
    expect(state.doneSlots).toBe(0);
  });

  it("fails on a slot no node serves, or skips it when allowed", () => {
    const partial = buildTopology([
      { primary: { host: "h", port: 1 }, replicas: [], slotRanges: [{ start: 100, end: 16383 }] },
    ]);
    const state = ClusterScanState.start();
    const failed = state.next(partial);
    expect(failed.kind).toBe("error");
    expect(failed.kind === "error" && failed.error).toBeInstanceOf(RequestError);
    const next = state.next(partial, { allowNonCoveredSlots: true });
    expect(next).toMatchObject({ kind: "scan", cursor: "0" });
    state.onReply(partial, "0");
    expect(state.next(partial, { allowNonCoveredSlots: true })).toEqual({ kind: "finished" });
    expect(state.toCursor().getCursor()).toBe("finished");
  });

  it("keeps its state in the cursor text", () => {
    const cluster = new FakeCluster([7000, 7001], 10);
    const state = ClusterScanState.fromCursor(new ClusterScanCursor());
    state.next(cluster.topology());
    state.onReply(cluster.topology(), "1500");
    const text = state.toCursor().getCursor();
    expect(text.startsWith("petrel-scan:")).toBe(true);
    const resumed = ClusterScanState.fromCursor(text);
    expect(resumed.next(cluster.topology())).toMatchObject({ kind: "scan", cursor: "1500" });
    expect(
      resumed.next(cluster.topology()).kind === "scan" && resumed.next(cluster.topology()),
    ).toMatchObject({
      node: { port: 7000 },
    });
  });

  it("treats a finished cursor as finished", () => {
    const state = ClusterScanState.fromCursor("finished");
    expect(state.isFinished).toBe(true);
    expect(state.next(new FakeCluster([1], 0).topology())).toEqual({ kind: "finished" });
  });

  it.each([
    "garbage",
    "petrel-scan:",
    "petrel-scan:!!!",
    `petrel-scan:${Buffer.from("[]").toString("base64url")}`,
    `petrel-scan:${Buffer.from('{"done":"0-99999"}').toString("base64url")}`,
    `petrel-scan:${Buffer.from('{"done":"5-1"}').toString("base64url")}`,
    `petrel-scan:${Buffer.from('{"done":"","node":"h:1","cursor":"x","stable":""}').toString("base64url")}`,
    `petrel-scan:${Buffer.from('{"done":"","node":"h:1"}').toString("base64url")}`,
  ])("rejects the cursor %j with a RequestError", (text) => {
    expect(() => ClusterScanState.fromCursor(text)).toThrow(RequestError);
  });

  it("ignores unknown keys in a cursor without polluting prototypes", () => {
    const text = `petrel-scan:${Buffer.from('{"__proto__":{"polluted":1},"done":"0-9"}').toString("base64url")}`;
    expect(ClusterScanState.fromCursor(text).doneSlots).toBe(10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects a non-numeric node cursor and a reply with no scan in progress", () => {
    const cluster = new FakeCluster([7000], 1);
    const state = ClusterScanState.start();
    expect(() => state.onReply(cluster.topology(), "0")).toThrow(RequestError);
    state.next(cluster.topology());
    expect(() => state.onReply(cluster.topology(), "12abc")).toThrow(RequestError);
  });
});

describe("ClusterScanState with the node's own slot report", () => {
  it("does not mark done a slot the node reports migrating or no longer serving", () => {
    const table = {
      shards: [
        {
          id: undefined,
          primary: {
            address: "h:1",
            host: "h",
            port: 1,
            role: "primary" as const,
            id: "a",
            az: undefined,
            health: "online" as const,
            hostname: undefined,
            ip: undefined,
            replicationOffset: undefined,
          },
          replicas: [],
          slotRanges: [{ start: 0, end: 16383 }],
        },
      ],
      nodes: [],
      slotToShard: new Uint16Array(16384),
    };
    const nodes = [{ ...table.shards[0]?.primary }] as never;
    const view = { ...table, nodes };
    const state = ClusterScanState.start();
    const next = state.next(view);
    expect(next.kind).toBe("scan");
    state.onReply(view, "0", "a h:1@2 myself,master - 0 0 1 connected 0-4 6-16383 [3->-b]\n");
    expect(state.doneSlots).toBe(16384 - 2);
    const again = state.next(view);
    expect(again.kind).toBe("scan");
    state.onReply(view, "0", "a h:1@2 myself,master - 0 0 1 connected 0-16383\n");
    expect(state.isFinished).toBe(true);
  });
});
