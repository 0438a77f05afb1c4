// One fake server process: a TCP listener on one loopback port, its databases,
// its configuration, users, subscriptions, blocked clients, faults and
// counters. Standalone servers and cluster nodes are both FakeNodes; a cluster
// node also points at the shared topology.

import { createServer, type Server, type Socket } from "node:net";
import type { ReplyFrame } from "@petrel/protocol";
import type { ClusterTopology } from "../cluster/topology.js";
import type { ServerClock } from "../control/clock.js";
import { cloneEntry } from "../data/clone.js";
import { defaultEncodingLimits, type EncodingLimits } from "../data/encoding.js";
import { createKeyspace } from "../data/keyspace.js";
import type { AccessPolicy } from "../data/lfu.js";
import type { BlockRequest, Keyspace } from "../data/types.js";
import { UserRegistry, type UserSpec } from "./auth.js";
import type { CommandDef } from "./command-table.js";
import { fakeNodeCommandTable } from "./commands/index.js";
import { ServerConfig } from "./config.js";
import { performEvictions } from "./eviction.js";
import { NodeFaults } from "./faults.js";
import { bindAccessPolicy, bindEncodingLimits } from "./keyspace-config.js";
import { parseKeyspaceEvents } from "./keyspace-events.js";
import { MemoryEstimate } from "./memory.js";
import { ClientPause } from "./pause.js";
import { PubSubHub } from "./pubsub.js";
import { Session, type SessionState } from "./session.js";
import { CommandTimings } from "./slowlog.js";
import { TrackingTable } from "./tracking.js";

export const LOOPBACK = "127.0.0.1";

export interface ClusterMembership {
  readonly topology: ClusterTopology;
  /** Every node of the cluster, for PUBLISH broadcast and SPUBLISH within a shard. */
  readonly peers: () => Iterable<FakeNode>;
}

export interface FakeNodeOptions {
  readonly id: string;
  readonly port?: number;
  readonly clock: ServerClock;
  readonly random: () => number;
  readonly databases: number;
  readonly cluster?: ClusterMembership;
  readonly password?: string;
  readonly users?: readonly UserSpec[];
  readonly config?: Readonly<Record<string, string>>;
  /** Reported by HELLO and INFO. */
  readonly version?: { readonly valkey: string; readonly redis: string };
}

export interface NodeCounters {
  /** Connections accepted since start. */
  readonly connections: number;
  /** Commands received, by full name (`get`, `cluster|slots`). */
  readonly commands: ReadonlyMap<string, number>;
}

export class FakeNode {
  readonly id: string;
  readonly clock: ServerClock;
  readonly random: () => number;
  readonly databases: Keyspace[];
  /** OBJECT ENCODING's thresholds, kept equal to CONFIG by bindEncodingLimits. */
  private readonly encodingLimits: EncodingLimits = defaultEncodingLimits();
  /** The LFU counters' policy, kept equal to CONFIG by bindAccessPolicy. */
  private readonly accessPolicy: AccessPolicy;
  readonly config: ServerConfig;
  readonly auth: UserRegistry;
  readonly faults = new NodeFaults();
  /** SLOWLOG entries and LATENCY samples. */
  readonly timings: CommandTimings;
  /** CLIENT PAUSE state. */
  readonly pause: ClientPause;
  readonly pubsub = new PubSubHub();
  /** notify-keyspace-events, parsed once per change. */
  private eventClasses: ReadonlySet<string> = new Set();
  readonly commands: ReadonlyMap<string, CommandDef> = fakeNodeCommandTable();
  readonly cluster: ClusterMembership | undefined;
  readonly version: { readonly valkey: string; readonly redis: string };
  readonly startedAt: number;
  /** The node this one replicates, when it is a replica. */
  primary: FakeNode | undefined;
  /** The replication link to `primary` is cut (the primary may still be up): no writes arrive. */
  primaryLinkBroken = false;
  readonly replicas: FakeNode[] = [];
  /** Delay before writes reach the replicas (on the node's clock); 0 = synchronous. */
  replicationLagMs = 0;
  replicationOffset = 0;
  private readonly sessions = new Set<Session>();
  private readonly sessionsById = new Map<number, Session>();
  /** The client whose command is running (the server's current_client). */
  executing: Session | undefined;
  /** The top-level command running now (`exec` while a transaction runs). */
  executingName: string | undefined;
  /** Scripts running now (their commands show as `lua` in MONITOR). */
  scriptDepth = 0;
  /** Clients in MONITOR mode. */
  readonly monitors = new Set<Session>();
  /** CLIENT TRACKING's invalidation table. */
  readonly tracking = new TrackingTable(
    (id) => this.sessionsById.get(id),
    () => this.sessions,
    () => this.executing,
  );
  /** The estimate of the keys' memory that maxmemory is checked against. */
  readonly memoryEstimate = new MemoryEstimate();
  private readonly blocked: Session[] = [];
  private readonly commandCounts = new Map<string, number>();
  private connectionCount = 0;
  private nextClientId = 1;
  private server: Server | undefined;
  private listeningPort: number;
  private propagating = false;

  constructor(options: FakeNodeOptions) {
    this.id = options.id;
    this.clock = options.clock;
    this.random = options.random;
    this.accessPolicy = { lfu: false, logFactor: 10, decayMinutes: 1, random: options.random };
    this.pause = new ClientPause(options.clock);
    this.timings = new CommandTimings((name) => this.config.getNumber(name));
    this.cluster = options.cluster;
    this.version = options.version ?? { valkey: "8.1.1", redis: "7.2.4" };
    this.databases = [];
    for (let i = 0; i < options.databases; i++) {
      // SWAPDB moves keyspaces: the index is looked up when an event fires.
      const index = () => this.databases.indexOf(keyspace);
      const keyspace: Keyspace = createKeyspace(
        options.clock,
        (key) => this.notifyKeyspaceEvent("x", "expired", key, index()),
        {
          modified: (name) => {
            this.tracking.keyModified(name);
            this.memoryEstimate.modified(keyspace, name);
          },
          flushed: () => {
            this.tracking.flushed();
            this.memoryEstimate.flushed(keyspace);
          },
          created: (key) => this.notifyKeyspaceEvent("n", "new", key, index()),
        },
        this.encodingLimits,
        this.accessPolicy,
      );
      this.databases.push(keyspace);
    }
    this.config = new ServerConfig({
      databases: String(options.databases),
      "cluster-enabled": options.cluster === undefined ? "no" : "yes",
      ...options.config,
    });
    bindEncodingLimits(this.config, this.encodingLimits);
    bindAccessPolicy(this.config, this.accessPolicy);
    this.auth = new UserRegistry(this.commands, options.users);
    this.config.onChange("requirepass", (value) => this.auth.setRequirePass(value));
    // As on the server, a lower maxmemory evicts at once, not at the next command.
    this.config.onChange("maxmemory", () => performEvictions(this));
    this.config.onChange("notify-keyspace-events", (value) => {
      this.eventClasses = parseKeyspaceEvents(value) ?? new Set();
    });
    this.eventClasses = parseKeyspaceEvents(this.config.get("notify-keyspace-events")) ?? new Set();
    this.config.set("requirepass", options.password ?? this.config.get("requirepass"));
    this.listeningPort = options.port ?? 0;
    this.startedAt = options.clock.now();
  }

  get port(): number {
    return this.listeningPort;
  }

  get host(): string {
    return LOOPBACK;
  }

  get address(): string {
    return `${LOOPBACK}:${this.listeningPort}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  get isReplica(): boolean {
    if (this.cluster !== undefined) return this.cluster.topology.node(this.id).role === "replica";
    return this.primary !== undefined;
  }

  /** A replica whose link to its primary is down (`master_link_status:down`). */
  get primaryLinkDown(): boolean {
    const primary = this.primary;
    return primary !== undefined && (this.primaryLinkBroken || !primary.running);
  }

  /** A replica with a down link and `replica-serve-stale-data no`: only `stale` commands run. */
  get refusesStale(): boolean {
    return this.primaryLinkDown && this.config.get("replica-serve-stale-data") === "no";
  }

  /** Starts listening (on the configured port, or a free one the first time). */
  async start(): Promise<void> {
    if (this.server !== undefined) return;
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen({ host: LOOPBACK, port: this.listeningPort, exclusive: true }, () => {
        server.off("error", reject);
        resolve();
      });
    });
    const address = server.address();
    if (address !== null && typeof address === "object") this.listeningPort = address.port;
    this.config.set("port", String(this.listeningPort));
    this.server = server;
  }

  /** Stops listening and drops every connection; data is kept for a restart. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Closes every client connection at once (the node keeps running). */
  dropConnections(): void {
    for (const session of [...this.sessions]) session.close();
  }

  database(index: number): Keyspace {
    const db = this.databases[index];
    if (db === undefined) throw new RangeError(`no database ${index}`);
    return db;
  }

  /** The connected client with this id (CLIENT ID), if any. */
  sessionById(id: number): Session | undefined {
    return this.sessionsById.get(id);
  }

  sessionList(): Session[] {
    return [...this.sessions];
  }

  connectionStates(): SessionState[] {
    return this.sessionList().map((session) => session.state());
  }

  counters(): NodeCounters {
    return { connections: this.connectionCount, commands: new Map(this.commandCounts) };
  }

  resetCounters(): void {
    this.commandCounts.clear();
    this.connectionCount = 0;
    for (const session of this.sessions) session.commandCounts.clear();
  }

  countCommand(session: Session, name: string): void {
    this.commandCounts.set(name, (this.commandCounts.get(name) ?? 0) + 1);
    session.commandCounts.set(name, (session.commandCounts.get(name) ?? 0) + 1);
  }

  forgetSession(session: Session): void {
    this.sessions.delete(session);
    this.sessionsById.delete(session.id);
    this.monitors.delete(session);
    this.tracking.disable(session);
    this.removeBlocked(session);
    for (const channel of session.channels) this.pubsub.remove("channel", channel, session);
    for (const pattern of session.patterns) this.pubsub.remove("pattern", pattern, session);
    for (const channel of session.shardChannels) this.pubsub.remove("shard", channel, session);
  }

  /** Parks a session on a blocking command until its keys change or its timeout passes. */
  block(session: Session, request: BlockRequest): void {
    const wait = { request, cancelTimer: () => {} };
    session.blocked = wait;
    this.blocked.push(session);
    if (request.timeoutMs > 0) {
      wait.cancelTimer = this.clock.schedule(this.clock.now() + request.timeoutMs, () => {
        if (session.blocked !== wait) return;
        this.removeBlocked(session);
        session.unblock(request.timeoutReply());
      });
    }
  }

  /** Sessions parked on a blocking command, oldest first. */
  blockedSessions(): Session[] {
    return [...this.blocked];
  }

  get blockedCount(): number {
    return this.blocked.length;
  }

  /** Unblocks a blocked session with the given reply (CLIENT UNBLOCK, slot moved away). */
  unblockWith(session: Session, reply: ReplyFrame): void {
    this.removeBlocked(session);
    session.unblock(reply);
  }

  private removeBlocked(session: Session): void {
    const index = this.blocked.indexOf(session);
    if (index >= 0) this.blocked.splice(index, 1);
  }

  /**
   * After any command: hands modified keys to replicas and wakes clients
   * blocked on them, until nothing changes any more (a woken BLMOVE writes too).
   */
  propagate(): void {
    if (this.propagating) return;
    this.propagating = true;
    try {
      for (;;) {
        let changed = false;
        for (let db = 0; db < this.databases.length; db++) {
          const keys = (this.databases[db] as Keyspace).touched();
          if (keys.length === 0) continue;
          changed = true;
          this.replicate(db, keys);
          this.wakeBlocked(db, keys);
        }
        if (!changed) return;
      }
    } finally {
      this.propagating = false;
    }
  }

  /** Whether notify-keyspace-events publishes anything for a class letter. */
  notifies(type: string): boolean {
    const classes = this.eventClasses;
    return classes.has(type) && (classes.has("K") || classes.has("E"));
  }

  /**
   * Publishes a keyspace notification as the server does: on
   * `__keyspace@<db>__:<key>` (K) with the event, then on
   * `__keyevent@<db>__:<event>` (E) with the key, when the class is enabled.
   */
  notifyKeyspaceEvent(type: string, event: string, key: Buffer, db: number): void {
    if (!this.notifies(type)) return;
    const classes = this.eventClasses;
    if (classes.has("K"))
      this.pubsub.publish(`__keyspace@${db}__:${key.toString("latin1")}`, Buffer.from(event));
    if (classes.has("E")) this.pubsub.publish(`__keyevent@${db}__:${event}`, key);
  }

  /**
   * SWAPDB: the two databases trade places here and on the replicas; WATCHes
   * on keys present in either fail their EXEC, and clients blocked on keys
   * the swap brought in are served.
   */
  swapDatabases(a: number, b: number): void {
    const first = this.databases[a] as Keyspace;
    const second = this.databases[b] as Keyspace;
    if (a !== b) {
      this.databases[a] = second;
      this.databases[b] = first;
    }
    const present = new Set(
      [...first.keys(), ...second.keys()].map((key) => key.toString("latin1")),
    );
    for (const session of this.sessions) {
      session.watched = session.watched.map((watched) =>
        (watched.db === a || watched.db === b) && present.has(watched.key.toString("latin1"))
          ? { ...watched, version: -1 }
          : watched,
      );
    }
    this.wakeBlocked(a, second.keys());
    this.wakeBlocked(b, first.keys());
    for (const replica of this.replicas) replica.swapDatabases(a, b);
  }

  private wakeBlocked(db: number, keys: Buffer[]): void {
    if (this.blocked.length === 0) return;
    const names = new Set(keys.map((key) => key.toString("latin1")));
    for (const session of [...this.blocked]) {
      const wait = session.blocked;
      if (wait === undefined || session.db !== db) continue;
      if (!wait.request.keys.some((key) => names.has(key.toString("latin1")))) continue;
      let reply: ReplyFrame | undefined;
      try {
        reply = wait.request.attempt(session.dataContext());
      } catch (thrown) {
        reply = {
          type: "error",
          value: `ERR ${thrown instanceof Error ? thrown.message : String(thrown)}`,
        };
      }
      if (reply === undefined) continue;
      this.removeBlocked(session);
      session.unblock(reply);
    }
  }

  private replicate(db: number, keys: Buffer[]): void {
    // Like the server, the offset only moves once a replica (and so a backlog) exists.
    if (this.replicas.length === 0) return;
    this.replicationOffset += keys.reduce((sum, key) => sum + key.length + 16, 0);
    const source = this.database(db);
    const changes = keys.map((key) => {
      const entry = source.get(key);
      return { key, entry: entry === undefined ? undefined : cloneEntry(entry) };
    });
    const offset = this.replicationOffset;
    for (const replica of this.replicas) {
      const apply = () => {
        // A stopped replica resynchronises fully when it restarts.
        if (replica.primary !== this || !replica.running || replica.primaryLinkBroken) return;
        const target = replica.database(db);
        for (const change of changes) {
          if (change.entry === undefined) target.delete(change.key);
          else target.put(change.key, cloneEntry(change.entry));
        }
        replica.replicationOffset = offset;
        replica.propagate();
      };
      if (this.replicationLagMs > 0)
        this.clock.schedule(this.clock.now() + this.replicationLagMs, apply);
      else apply();
    }
  }

  /** Makes this node a replica of `primary` (full resync), or a primary again when undefined. */
  replicateFrom(primary: FakeNode | undefined): void {
    if (this.primary !== undefined) {
      const index = this.primary.replicas.indexOf(this);
      if (index >= 0) this.primary.replicas.splice(index, 1);
    }
    this.primary = primary;
    this.primaryLinkBroken = false;
    if (primary === undefined) return;
    primary.replicas.push(this);
    for (let db = 0; db < this.databases.length; db++) {
      const target = this.database(db);
      target.flush();
      const source = primary.database(db);
      for (const key of source.keys()) {
        const entry = source.get(key);
        if (entry !== undefined) target.put(key, cloneEntry(entry));
      }
    }
    this.replicationOffset = primary.replicationOffset;
    this.propagate();
  }

  private accept(socket: Socket): void {
    this.connectionCount++;
    const session = new Session(this, socket, this.nextClientId++);
    this.sessions.add(session);
    this.sessionsById.set(session.id, session);
  }
}
