// Owns the client's slot map and keeps it current: the first discovery from
// the seeds, a slot patched at once on MOVED, and full refreshes in the
// background after MOVED, connection errors, READONLY and CLUSTERDOWN, and
// periodically. Refreshes go through RefreshPolicy: one at a time,
// rate-limited and jittered, so a MOVED storm costs a handful of them
// (docs/cluster-protocol.md §3).
import {
  type ClusterNode,
  RefreshPolicy,
  type RefreshReason,
  SlotMap,
  type Topology,
} from "@petrel/cluster";
import { ConnectionError } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { Logger } from "../logger.js";
import type { TopologyReader } from "./discovery.js";
import type { NodePool } from "./node-pool.js";

/** Nodes asked per refresh: enough for a majority, few enough to stay cheap. */
const NODES_PER_REFRESH = 5;

export interface TopologyManagerOptions {
  readonly seeds: readonly ResolvedAddress[];
  readonly readsFromReplicas: boolean;
  readonly refreshFromSeedsOnly: boolean;
  readonly periodicCheckMs: number | undefined;
  readonly minRefreshIntervalMs: number;
  readonly refreshJitterMs: number;
  /** The view changed (after a refresh); `changed` is false when it routes as before. */
  readonly onRefreshed: (changed: boolean) => void;
}

export class TopologyManager {
  #slotMap: SlotMap | undefined;
  readonly #policy: RefreshPolicy;
  #initializing: Promise<SlotMap> | undefined;
  /** Resolved when the next refresh to start has finished. */
  #waitingForNext: (() => void)[] = [];
  /** Resolved when the refresh running now finishes. */
  #waitingForRunning: (() => void)[] = [];
  #dueTimer: NodeJS.Timeout | undefined;
  #periodicTimer: NodeJS.Timeout | undefined;
  #closed = false;
  #refreshesDone = 0;

  readonly #options: TopologyManagerOptions;
  readonly #pool: NodePool;
  readonly #reader: TopologyReader;

  constructor(options: TopologyManagerOptions, pool: NodePool, reader: TopologyReader) {
    this.#options = options;
    this.#pool = pool;
    this.#reader = reader;
    this.#policy = new RefreshPolicy({
      minIntervalMs: options.minRefreshIntervalMs,
      jitterMs: options.refreshJitterMs,
    });
  }

  /** The current view; undefined before the first discovery. */
  get current(): Topology | undefined {
    return this.#slotMap?.current;
  }

  /** Full refreshes completed (the first discovery included). */
  get refreshCount(): number {
    return this.#refreshesDone;
  }

  /** The view, discovering it first if needed. Concurrent callers share one discovery. */
  ready(): Promise<Topology> {
    if (this.#slotMap !== undefined) return Promise.resolve(this.#slotMap.current);
    this.#initializing ??= this.#initialize().finally(() => {
      this.#initializing = undefined;
    });
    return this.#initializing.then((map) => map.current);
  }

  /** Records `MOVED slot host:port` in the map; returns the node now serving the slot. */
  applyMoved(slot: number, host: string, port: number): ClusterNode | undefined {
    return this.#slotMap?.applyMoved(slot, host, port);
  }

  /** Asks for a full refresh (background, coalesced). */
  signal(reason: RefreshReason): void {
    if (this.#closed || this.#slotMap === undefined) return;
    this.#decide(this.#policy.signal(reason, performance.now()));
  }

  /** Asks for a refresh and resolves once one that started after this call has finished. */
  refresh(reason: RefreshReason): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#slotMap === undefined) return this.ready().then(() => undefined);
    const done = new Promise<void>((resolve) => this.#waitingForNext.push(resolve));
    this.signal(reason);
    return done;
  }

  close(): void {
    this.#closed = true;
    if (this.#dueTimer !== undefined) clearTimeout(this.#dueTimer);
    if (this.#periodicTimer !== undefined) clearInterval(this.#periodicTimer);
    this.#dueTimer = undefined;
    this.#periodicTimer = undefined;
    for (const resolve of [...this.#waitingForNext, ...this.#waitingForRunning]) resolve();
    this.#waitingForNext = [];
    this.#waitingForRunning = [];
  }

  async #initialize(): Promise<SlotMap> {
    const seeds = this.#options.seeds.map((seed) => this.#pool.get(seed.host, seed.port));
    const choice = await this.#reader.discover(seeds, (node) => this.#pool.forNode(node));
    if (this.#closed) throw new ConnectionError("Client closed during cluster discovery");
    if (choice === undefined) {
      const reasons = seeds
        .map((connection) => connection.lastError?.message)
        .filter((message): message is string => message !== undefined);
      throw new ConnectionError(
        `Could not discover the cluster topology from ${seeds
          .map((connection) => connection.addressKey)
          .join(", ")}${reasons.length > 0 ? `: ${reasons.join("; ")}` : ""}`,
      );
    }
    const map = new SlotMap(choice.topology);
    this.#slotMap = map;
    this.#refreshesDone++;
    this.#adopted(choice.topology);
    if (this.#options.periodicCheckMs !== undefined) {
      this.#periodicTimer = setInterval(
        () => this.signal("periodic"),
        this.#options.periodicCheckMs,
      );
      this.#periodicTimer.unref();
    }
    return map;
  }

  #decide(decision: ReturnType<RefreshPolicy["poll"]>): void {
    if (decision.action === "start") {
      this.#waitingForRunning.push(...this.#waitingForNext);
      this.#waitingForNext = [];
      this.#runRefresh().finally(() => {
        this.#refreshesDone++;
        const waiting = this.#waitingForRunning;
        this.#waitingForRunning = [];
        for (const resolve of waiting) resolve();
        if (!this.#closed) this.#decide(this.#policy.finish(performance.now()));
      });
    } else if (decision.action === "wait" && this.#dueTimer === undefined) {
      this.#dueTimer = setTimeout(
        () => {
          this.#dueTimer = undefined;
          if (!this.#closed) this.#decide(this.#policy.poll(performance.now()));
        },
        Math.max(0, decision.at - performance.now()),
      );
    }
  }

  /** The connections a refresh asks: a few known nodes (primaries first), else the seeds. */
  #refreshTargets(): NodeConnection[] {
    const view = this.#slotMap?.current;
    if (this.#options.refreshFromSeedsOnly || view === undefined) return this.#seedConnections();
    const primaries = shuffle(view.shards.map((shard) => shard.primary));
    const replicas = this.#options.readsFromReplicas
      ? shuffle(view.shards.flatMap((shard) => shard.replicas))
      : [];
    return [...primaries, ...replicas]
      .filter((node) => node.health !== "fail")
      .slice(0, NODES_PER_REFRESH)
      .map((node) => this.#pool.forNode(node));
  }

  #seedConnections(): NodeConnection[] {
    return this.#options.seeds.map((seed) => this.#pool.get(seed.host, seed.port));
  }

  async #runRefresh(): Promise<void> {
    try {
      const connectionFor = (node: ClusterNode) => this.#pool.forNode(node);
      let choice = await this.#reader.discover(this.#refreshTargets(), connectionFor);
      if (choice === undefined && !this.#options.refreshFromSeedsOnly)
        choice = await this.#reader.discover(this.#seedConnections(), connectionFor);
      if (this.#closed || choice === undefined || this.#slotMap === undefined) return;
      const changed = this.#slotMap.replace(choice.topology);
      if (changed) this.#adopted(choice.topology);
      this.#options.onRefreshed(changed);
    } catch (error) {
      Logger.log("warn", "cluster", "topology refresh failed", error as Error);
    }
  }

  /** Connections follow the view: replicas send READONLY, nodes that left are retired. */
  #adopted(topology: Topology): void {
    this.#pool.updateRoles(topology.nodes);
    const keep = new Set(topology.nodes.map((node) => node.address));
    for (const seed of this.#options.seeds) keep.add(`${seed.host}:${seed.port}`);
    this.#pool.retain(keep, new ConnectionError("Node left the cluster topology"));
    if (Logger.enabled("debug"))
      Logger.log(
        "debug",
        "cluster",
        `topology: ${topology.shards.length} shards, ${topology.coveredSlots} slots`,
      );
  }
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
