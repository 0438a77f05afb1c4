// A fake cluster: N shards × R replicas, each node on its own loopback port,
// sharing one topology. The handle exposes the cluster's controls: slot
// migration, failover, node faults, topology views and inspection.

import { CLUSTER_DOWN_ERROR, routeQuery } from "../cluster/routing.js";
import { keySlot, SLOT_COUNT } from "../cluster/slot.js";
import { ClusterTopology, type NodeRole, type PreferredEndpoint } from "../cluster/topology.js";
import type { Keyspace } from "../data/types.js";
import type { UserSpec } from "../server/auth.js";
import { error } from "../server/frames.js";
import { FakeNode, LOOPBACK } from "../server/node.js";
import { subscriptionFrame } from "../server/pubsub.js";
import { randomNodeId, type ServerClock, SystemClock, seededRandom } from "./clock.js";
import { Deployment, type NodeRef } from "./deployment.js";
import { type MigrationOptions, SlotMigration } from "./migration.js";

export interface ClusterOptions {
  /** Number of shards (primaries); default 3. */
  readonly shards?: number;
  /** Replicas per shard; default 0. */
  readonly replicas?: number;
  /** Ports are basePort, basePort+1, … (primaries first); free ports when absent. */
  readonly basePort?: number;
  readonly seed?: number;
  readonly clock?: ServerClock;
  readonly password?: string;
  readonly users?: readonly UserSpec[];
  readonly config?: Readonly<Record<string, string>>;
}

export interface FailoverOptions {
  /** Stop the old primary instead of demoting it to a replica. */
  readonly kill?: boolean;
  /** The replica to promote; the first live one when absent. */
  readonly replica?: NodeRef;
}

export interface SlotAssignment {
  readonly start: number;
  readonly end: number;
  readonly shard: number;
}

export class FakeCluster extends Deployment {
  readonly topology = new ClusterTopology();
  private readonly allNodes: FakeNode[] = [];
  private readonly options: ClusterOptions;
  private nextPort: number | undefined;

  private constructor(options: ClusterOptions, clock: ServerClock, random: () => number) {
    super(clock, random);
    this.options = options;
    this.nextPort = options.basePort;
  }

  static async start(options: ClusterOptions = {}): Promise<FakeCluster> {
    const shards = options.shards ?? 3;
    const replicas = options.replicas ?? 0;
    if (!Number.isInteger(shards) || shards < 1)
      throw new RangeError(`shards must be a positive integer, got ${shards}`);
    if (!Number.isInteger(replicas) || replicas < 0)
      throw new RangeError(`replicas must be >= 0, got ${replicas}`);
    const cluster = new FakeCluster(
      options,
      options.clock ?? new SystemClock(),
      seededRandom(options.seed ?? 1),
    );
    try {
      for (let shard = 0; shard < shards; shard++) cluster.createShardRecord();
      for (let shard = 0; shard < shards; shard++) await cluster.createNode(shard, "primary");
      for (let shard = 0; shard < shards; shard++) {
        for (let r = 0; r < replicas; r++) await cluster.createNode(shard, "replica");
      }
    } catch (failure) {
      await cluster.stop();
      throw failure;
    }
    // The split `valkey-cli --cluster create` makes: 0-5460, 5461-10922, 10923-16383 for three.
    const perShard = SLOT_COUNT / shards;
    let start = 0;
    for (let shard = 0; shard < shards; shard++) {
      const end = shard === shards - 1 ? SLOT_COUNT - 1 : Math.round((shard + 1) * perShard - 1);
      cluster.topology.assign(start, end, shard);
      start = end + 1;
    }
    return cluster;
  }

  get nodes(): readonly FakeNode[] {
    return this.allNodes;
  }

  /** Primaries, in shard order. */
  get primaries(): FakeNode[] {
    return this.topology.shards.map((shard) => this.node(shard.primary));
  }

  get replicaNodes(): FakeNode[] {
    return this.allNodes.filter((node) => this.topology.node(node.id).role === "replica");
  }

  /** Addresses to give a cluster client as seeds. */
  get seeds(): { host: string; port: number }[] {
    return this.primaries.map((node) => ({ host: node.host, port: node.port }));
  }

  get shardCount(): number {
    return this.topology.shards.length;
  }

  primaryNode(shard: number): FakeNode {
    return this.node(this.topology.shard(shard).primary);
  }

  replicasOf(shard: number): FakeNode[] {
    return this.topology.shard(shard).replicas.map((id) => this.node(id));
  }

  shardOfSlot(slot: number): number {
    return this.topology.owners[slot] ?? -1;
  }

  shardOfKey(key: string | Buffer): number {
    return this.shardOfSlot(keySlot(key));
  }

  /** The primary currently owning the key's slot. */
  nodeForKey(key: string | Buffer): FakeNode {
    return this.primaryNode(this.shardOfKey(key));
  }

  /** The database of the primary owning `key`; writes through it replicate. */
  keyspace(key: string | Buffer): Keyspace {
    return this.nodeKeyspace(this.nodeForKey(key));
  }

  /** Prepares a slot migration; call `step()` to go phase by phase or `run()` to finish it. */
  migrateSlot(slot: number, toShard: number, options: MigrationOptions = {}): SlotMigration {
    return new SlotMigration(
      {
        topology: this.topology,
        primaryNode: (shard) => this.primaryNode(shard),
        slotMoved: (movedSlot, fromShard) => this.afterSlotMoved(movedSlot, fromShard),
      },
      slot,
      toShard,
      options,
    );
  }

  /** Promotes a replica of `shard`; the old primary becomes its replica, or is stopped with `kill`. */
  async failover(shard: number, options: FailoverOptions = {}): Promise<FakeNode> {
    const record = this.topology.shard(shard);
    const oldPrimary = this.node(record.primary);
    const candidate =
      options.replica === undefined
        ? record.replicas.map((id) => this.node(id)).find((node) => node.running)
        : this.node(options.replica);
    if (candidate === undefined || !record.replicas.includes(candidate.id)) {
      throw new Error(`shard ${shard} has no live replica to promote`);
    }
    if (options.kill === true) await this.killNode(oldPrimary);
    this.topology.promote(candidate.id);
    candidate.replicateFrom(undefined);
    for (const id of this.topology.shard(shard).replicas) {
      const replica = this.node(id);
      if (replica.running) replica.replicateFrom(candidate);
    }
    this.redirectBlockedClients();
    return candidate;
  }

  /** Adds an empty shard (no slots) with its replicas; returns its index. */
  async addShard(options: { replicas?: number } = {}): Promise<number> {
    const shard = this.createShardRecord();
    await this.createNode(shard, "primary");
    for (let r = 0; r < (options.replicas ?? this.options.replicas ?? 0); r++)
      await this.createNode(shard, "replica");
    return shard;
  }

  /** Makes a node report its own slot table in CLUSTER SLOTS/SHARDS/NODES (undefined: the real one). */
  reportSlotsView(ref: NodeRef, assignments: readonly SlotAssignment[] | undefined): void {
    const node = this.node(ref);
    if (assignments === undefined) {
      this.topology.reportedOwners.delete(node.id);
      return;
    }
    const owners = new Int32Array(SLOT_COUNT).fill(-1);
    for (const { start, end, shard } of assignments) {
      this.topology.shard(shard);
      for (let slot = start; slot <= end; slot++) owners[slot] = shard;
    }
    this.topology.reportedOwners.set(node.id, owners);
  }

  /** `cluster-preferred-endpoint-type`: nodes announce their hostnames ("?" without one) instead of IPs. */
  setPreferredEndpoint(type: PreferredEndpoint): void {
    this.topology.preferredEndpoint = type;
  }

  /** Forces `cluster_state:fail` (every keyed command answers CLUSTERDOWN) or clears it. */
  setClusterDown(down: boolean): void {
    this.topology.forcedDown = down;
    if (down) this.redirectBlockedClients();
  }

  /** Delays replication from the shard's primary by `ms` on the cluster's clock. */
  setReplicationLag(shard: number, ms: number): void {
    this.primaryNode(shard).replicationLagMs = ms;
  }

  /**
   * Announces a hostname, availability zone or endpoint for a node, as seen in
   * SLOTS/SHARDS/NODES and in MOVED/ASK. `endpoint` overrides what clients are
   * told to connect to: a name, "" (address unknown to the node) or null.
   */
  announce(
    ref: NodeRef,
    fields: { hostname?: string; availabilityZone?: string; endpoint?: string | null },
  ): void {
    const record = this.topology.node(this.node(ref).id);
    if (fields.hostname !== undefined) record.hostname = fields.hostname;
    if (fields.endpoint !== undefined) record.announcedEndpoint = fields.endpoint;
    if (fields.availabilityZone !== undefined)
      this.node(ref).config.set("availability-zone", fields.availabilityZone);
  }

  protected override nodeStateChanged(node: FakeNode, alive: boolean): void {
    const record = this.topology.node(node.id);
    record.alive = alive;
    if (alive && record.role === "replica") node.replicateFrom(this.primaryNode(record.shard));
  }

  private createShardRecord(): number {
    this.topology.shards.push({ id: randomNodeId(this.random), primary: "", replicas: [] });
    return this.topology.shards.length - 1;
  }

  private async createNode(shard: number, role: NodeRole): Promise<FakeNode> {
    const id = randomNodeId(this.random);
    const port = this.nextPort;
    if (this.nextPort !== undefined) this.nextPort++;
    const node = new FakeNode({
      id,
      ...(port === undefined ? {} : { port }),
      clock: this.clock,
      random: this.random,
      databases: 1,
      cluster: { topology: this.topology, peers: () => this.allNodes },
      ...(this.options.password === undefined ? {} : { password: this.options.password }),
      ...(this.options.users === undefined ? {} : { users: this.options.users }),
      ...(this.options.config === undefined ? {} : { config: this.options.config }),
    });
    this.topology.addNode({
      id,
      host: LOOPBACK,
      port: port ?? 0,
      shard,
      role,
      alive: true,
      configEpoch: 0,
      replicationOffset: 0,
    });
    this.allNodes.push(node);
    const shardRecord = this.topology.shard(shard);
    if (role === "primary") {
      shardRecord.primary = id;
      this.topology.currentEpoch++;
      this.topology.node(id).configEpoch = this.topology.currentEpoch;
    } else {
      shardRecord.replicas.push(id);
    }
    await node.start();
    const record = this.topology.node(id);
    record.port = node.port;
    // CONFIG SET availability-zone on a node shows in CLUSTER SLOTS/SHARDS, as on Valkey 8.1.
    const announceZone = (zone: string) => {
      if (zone === "") delete record.availabilityZone;
      else record.availabilityZone = zone;
    };
    announceZone(node.config.get("availability-zone"));
    node.config.onChange("availability-zone", announceZone);
    if (role === "replica") node.replicateFrom(this.primaryNode(shard));
    return node;
  }

  /** After a slot changed owner: blocked clients get MOVED, sharded subscribers an unsolicited sunsubscribe. */
  private afterSlotMoved(slot: number, fromShard: number): void {
    this.redirectBlockedClients();
    const shardNodes = [this.primaryNode(fromShard), ...this.replicasOf(fromShard)];
    for (const node of shardNodes) {
      for (const channel of node.pubsub.active("shard")) {
        if (keySlot(Buffer.from(channel, "latin1")) !== slot) continue;
        for (const session of [...(node.pubsub.shardChannels.get(channel) ?? [])]) {
          session.shardChannels.delete(channel);
          node.pubsub.remove("shard", channel, session);
          session.send(subscriptionFrame("sunsubscribe", channel, session.shardChannels.size));
        }
      }
    }
  }

  /** Unblocks clients whose keys are no longer served by their node, as the server does. */
  private redirectBlockedClients(): void {
    for (const node of this.allNodes) {
      for (const session of node.blockedSessions()) {
        const wait = session.blocked;
        if (wait === undefined) continue;
        const decision = this.topology.forcedDown
          ? { kind: "redirect" as const, error: CLUSTER_DOWN_ERROR }
          : routeQuery(this.topology, {
              self: node.id,
              keys: wait.request.keys,
              keyExists: (key) => node.database(0).has(key),
              isWrite: true,
              readonlyConnection: session.readonlyMode,
              asking: false,
            });
        if (decision.kind === "redirect") node.unblockWith(session, error(decision.error));
      }
    }
  }
}

export function startCluster(options: ClusterOptions = {}): Promise<FakeCluster> {
  return FakeCluster.start(options);
}
