// A fake Sentinel deployment: a standalone primary with replicas (FakeStandalone)
// and sentinel nodes that name it, publish `+switch-master` and the replica
// events, and fail over when told to (SENTINEL FAILOVER, or the control API).
// A failover is immediate and deterministic: the best replica is promoted, the
// others and a surviving old primary follow it; `+promoted-slave` and then
// `+switch-master` are announced.
import { randomNodeId, type ServerClock, SystemClock, seededRandom } from "../control/clock.js";
import type { Address } from "../control/deployment.js";
import { FakeStandalone } from "../control/standalone.js";
import type { CommandDef } from "../server/command-table.js";
import { FakeNode, type FakeNodeOptions } from "../server/node.js";
import { type SentinelMonitor, sentinelCommandTable } from "./sentinel-commands.js";

/** A sentinel: a node that answers only the commands a real sentinel keeps, and SENTINEL. */
export class FakeSentinelNode extends FakeNode {
  override readonly commands: ReadonlyMap<string, CommandDef>;

  constructor(options: FakeNodeOptions, monitor: SentinelMonitor) {
    super(options);
    this.commands = sentinelCommandTable(this, monitor);
  }
}

export interface SentinelOptions {
  /** The monitored name; default "petrel". */
  readonly primaryName?: string;
  /** Replicas of the primary; default 2. */
  readonly replicas?: number;
  /** Sentinel nodes; default 3. */
  readonly sentinels?: number;
  readonly seed?: number;
  readonly clock?: ServerClock;
}

export interface SentinelFailoverOptions {
  /** Stop the primary first, as a crash would (it keeps its data for `restartNode`). */
  readonly kill?: boolean;
  /**
   * Stop between the promotion and the switch, where a real failover spends about a second:
   * only the sentinel at index `leader` publishes `+promoted-slave`, and every sentinel names
   * the old primary until `announceSwitch()`.
   */
  readonly pauseBeforeSwitch?: { readonly leader: number };
}

export class FakeSentinel implements SentinelMonitor {
  readonly primaryName: string;
  /** The data nodes and their fault API (`killNode`, `blackhole`, `setLatency`…). */
  readonly data: FakeStandalone;
  readonly sentinels: FakeSentinelNode[] = [];
  #primary: FakeNode;
  readonly #down = new Set<FakeNode>();
  #failingOver: Promise<void> | undefined;
  /** A promotion paused before its switch (`pauseBeforeSwitch`). */
  #pendingSwitch: { readonly old: FakeNode; readonly promoted: FakeNode } | undefined;

  private constructor(primaryName: string, data: FakeStandalone) {
    this.primaryName = primaryName;
    this.data = data;
    this.#primary = data.primary;
  }

  static async start(options: SentinelOptions = {}): Promise<FakeSentinel> {
    const clock = options.clock ?? new SystemClock();
    const data = await FakeStandalone.start({
      replicas: options.replicas ?? 2,
      clock,
      seed: options.seed ?? 1,
    });
    const deployment = new FakeSentinel(options.primaryName ?? "petrel", data);
    const random = seededRandom((options.seed ?? 1) + 1);
    try {
      for (let i = 0; i < (options.sentinels ?? 3); i++) {
        const node = new FakeSentinelNode(
          { id: randomNodeId(random), clock, random, databases: 1 },
          deployment,
        );
        deployment.sentinels.push(node);
        await node.start();
      }
    } catch (failure) {
      await deployment.stop();
      throw failure;
    }
    return deployment;
  }

  /** The current primary. */
  get primary(): FakeNode {
    return this.#primary;
  }

  /** Every data node but the primary: its replicas, and a killed old primary. */
  get replicaNodes(): readonly FakeNode[] {
    return this.data.nodes.filter((node) => node !== this.#primary);
  }

  /** Where clients find the sentinels. */
  get sentinelAddresses(): Address[] {
    return this.sentinels.map((node) => ({ host: node.host, port: node.port }));
  }

  isDown(node: FakeNode): boolean {
    return this.#down.has(node) || !node.running;
  }

  peersOf(self: FakeNode): readonly FakeNode[] {
    return this.sentinels.filter((node) => node !== self);
  }

  requestFailover(): string | undefined {
    if (this.#failingOver !== undefined) return "INPROG Failover already in progress";
    if (this.#candidate() === undefined) return "NOGOODSLAVE No suitable replica to promote";
    // Answered first, as a real sentinel does; the failover follows.
    this.#failingOver = Promise.resolve().then(() => this.#failover(false, undefined));
    return undefined;
  }

  /** Fails over now (optionally killing the primary first); resolves once announced. */
  async failover(options: SentinelFailoverOptions = {}): Promise<FakeNode> {
    if (this.#pendingSwitch !== undefined)
      throw new Error("a paused switch awaits announceSwitch()");
    while (this.#failingOver !== undefined) await this.#failingOver;
    this.#failingOver = this.#failover(options.kill ?? false, options.pauseBeforeSwitch?.leader);
    await this.#failingOver;
    // Read through a method: the check above would narrow the field to undefined here.
    return this.#paused()?.promoted ?? this.#primary;
  }

  #paused(): { readonly promoted: FakeNode } | undefined {
    return this.#pendingSwitch;
  }

  /** Ends a failover paused before its switch: the sentinels name the promoted replica. */
  announceSwitch(): void {
    const pending = this.#pendingSwitch;
    if (pending === undefined) throw new Error("no paused failover to announce");
    this.#pendingSwitch = undefined;
    this.#switch(pending.old, pending.promoted);
  }

  /** Marks a replica down or up, publishing `+sdown` / `-sdown` as the sentinels would. */
  setReplicaDown(node: FakeNode, down: boolean): void {
    if (down) this.#down.add(node);
    else this.#down.delete(node);
    const primary = this.#primary;
    this.#publish(
      down ? "+sdown" : "-sdown",
      `slave ${node.address} ${node.host} ${node.port} @ ${this.primaryName} ${primary.host} ${primary.port}`,
    );
  }

  async stop(): Promise<void> {
    await Promise.all([...this.sentinels.map((node) => node.stop()), this.data.stop()]);
  }

  #candidate(): FakeNode | undefined {
    const replicas = this.replicaNodes.filter(
      (node) => node.primary === this.#primary && !this.isDown(node),
    );
    replicas.sort((a, b) => b.replicationOffset - a.replicationOffset);
    return replicas[0];
  }

  async #failover(kill: boolean, leader: number | undefined): Promise<void> {
    try {
      const old = this.#primary;
      if (kill) await this.data.killNode(old);
      const promoted = this.#candidate();
      if (promoted === undefined) throw new Error("no replica to promote");
      promoted.replicateFrom(undefined);
      const leaders =
        leader === undefined ? this.sentinels : this.sentinels.slice(leader, leader + 1);
      if (leaders.length === 0) throw new Error(`no sentinel at index ${leader}`);
      this.#publish(
        "+promoted-slave",
        `slave ${promoted.address} ${promoted.host} ${promoted.port} @ ${this.primaryName} ${old.host} ${old.port}`,
        leaders,
      );
      if (leader === undefined) this.#switch(old, promoted);
      else this.#pendingSwitch = { old, promoted };
    } finally {
      this.#failingOver = undefined;
    }
  }

  #switch(old: FakeNode, promoted: FakeNode): void {
    this.#primary = promoted;
    for (const node of this.data.nodes) {
      if (node !== promoted && node.running) node.replicateFrom(promoted);
    }
    this.#publish(
      "+switch-master",
      `${this.primaryName} ${old.host} ${old.port} ${promoted.host} ${promoted.port}`,
    );
  }

  #publish(
    channel: string,
    payload: string,
    from: readonly FakeSentinelNode[] = this.sentinels,
  ): void {
    for (const node of from) node.pubsub.publish(channel, Buffer.from(payload));
  }
}

export function startSentinel(options: SentinelOptions = {}): Promise<FakeSentinel> {
  return FakeSentinel.start(options);
}
