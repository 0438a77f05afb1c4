// What standalone and cluster deployments share: their nodes, and the test
// controls that act on one node (faults, latency, counters, connections,
// direct keyspace access).

import type { ReplyFrame } from "@petrel/protocol";
import type { Keyspace } from "../data/types.js";
import type { PasswordVerifier, UserSpec } from "../server/auth.js";
import type { InjectionMatch } from "../server/faults.js";
import type { FakeNode, NodeCounters } from "../server/node.js";
import type { SessionState } from "../server/session.js";
import type { ServerClock } from "./clock.js";

/** A node by object, port or 40-character id. */
export type NodeRef = FakeNode | number | string;

export interface Address {
  readonly host: string;
  readonly port: number;
}

export interface InjectOptions extends Partial<InjectionMatch> {
  /** The node to arm; every node when absent. */
  readonly node?: NodeRef;
}

/** A keyspace view whose writes reach replicas and wake blocked clients, like a command's. */
function observedKeyspace(node: FakeNode, db: Keyspace): Keyspace {
  return {
    get: (key) => db.get(key),
    put(key, entry) {
      db.put(key, entry);
      node.propagate();
    },
    delete(key) {
      const deleted = db.delete(key);
      node.propagate();
      return deleted;
    },
    has: (key) => db.has(key),
    keys: () => db.keys(),
    get size() {
      return db.size;
    },
    flush() {
      db.flush();
      node.propagate();
    },
    version: (key) => db.version(key),
    touched: () => [],
  };
}

export abstract class Deployment {
  protected constructor(
    readonly clock: ServerClock,
    readonly random: () => number,
  ) {}

  /** Every node, primaries first. */
  abstract get nodes(): readonly FakeNode[];

  get addresses(): Address[] {
    return this.nodes.map((node) => ({ host: node.host, port: node.port }));
  }

  node(ref: NodeRef): FakeNode {
    if (typeof ref === "object") return ref;
    const found = this.nodes.find((node) =>
      typeof ref === "number" ? node.port === ref : node.id === ref,
    );
    if (found === undefined) throw new Error(`no node ${ref} in this deployment`);
    return found;
  }

  /** Direct access to a node's database; writes through it replicate like commands do. */
  nodeKeyspace(ref: NodeRef, db = 0): Keyspace {
    const node = this.node(ref);
    return observedKeyspace(node, node.database(db));
  }

  /**
   * Rotates a password on every node: the default user's (`requirepass`) or
   * an ACL user's. Open connections stay authenticated; combine with
   * `dropConnections()` to force clients to re-authenticate.
   */
  setPassword(password: string, user = "default"): void {
    for (const node of this.nodes) {
      if (user === "default") node.config.set("requirepass", password);
      else if (!node.auth.exists(user))
        node.auth.upsert({ name: user, passwords: password === "" ? [] : [password] });
      // An existing user keeps its permissions: it is switched on with only this password.
      else
        node.auth.setUser(user, ["on", "resetpass", password === "" ? "nopass" : `>${password}`]);
    }
  }

  /**
   * Lets `verifier` decide every AUTH on every node (undefined from it, or no
   * verifier, falls back to the stored passwords). Combine with an ACL user
   * (`setUser`) so that connections must authenticate at all.
   */
  setPasswordVerifier(verifier: PasswordVerifier | undefined): void {
    for (const node of this.nodes) node.auth.setVerifier(verifier);
  }

  /**
   * Adds or replaces an ACL user on every node (each node has its own ACL, as
   * servers do): `ACL SETUSER name reset on >password ... rules`, with every
   * command, key and channel unless `rules` says otherwise.
   */
  setUser(user: UserSpec): void {
    for (const node of this.nodes) node.auth.upsert(user);
  }

  /** Replies `reply` (an error text such as `LOADING …`, or any frame) instead of running matching commands. */
  injectError(options: InjectOptions, reply: string | ReplyFrame): void {
    const targets = options.node === undefined ? this.nodes : [this.node(options.node)];
    const match = {
      count: options.count ?? 1,
      before: options.before === true,
      ...(options.command === undefined ? {} : { command: options.command }),
    };
    for (const node of targets) node.faults.inject(match, reply);
  }

  /** A blackholed node accepts connections and reads requests but never replies. */
  blackhole(ref: NodeRef, enabled = true): void {
    this.node(ref).faults.blackhole = enabled;
  }

  /** Makes a node act as if loading its dataset (LOADING replies, `loading:1` in INFO), or stop. */
  setLoading(ref: NodeRef, loading = true): void {
    this.node(ref).faults.loading = loading;
  }

  /** Delays every request the node receives by `ms` (real time). */
  setLatency(ref: NodeRef, ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`latency must be >= 0, got ${ms}`);
    this.node(ref).faults.latencyMs = ms;
  }

  /** Closes every client connection of one node (or of all nodes). */
  dropConnections(ref?: NodeRef): void {
    for (const node of ref === undefined ? this.nodes : [this.node(ref)]) node.dropConnections();
  }

  /** Sends a frame (a push, say) now on the node's connections (one by client id, or all), encoded for each one's protocol. */
  sendFrame(ref: NodeRef, frame: ReplyFrame, clientId?: number): number {
    const sessions = this.node(ref)
      .sessionList()
      .filter((session) => clientId === undefined || session.id === clientId);
    for (const session of sessions) session.send(frame);
    return sessions.length;
  }

  /** Writes raw bytes on the node's connections (one by client id, or all). */
  writeMalformed(ref: NodeRef, bytes: Buffer | string, clientId?: number): number {
    const sessions = this.node(ref)
      .sessionList()
      .filter((session) => clientId === undefined || session.id === clientId);
    const data = typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes;
    for (const session of sessions) session.sendRaw(data);
    return sessions.length;
  }

  counters(ref: NodeRef): NodeCounters {
    return this.node(ref).counters();
  }

  /** How many times a command (full name such as `asking` or `cluster|slots`) reached a node, or all nodes. */
  commandCount(command: string, ref?: NodeRef): number {
    let total = 0;
    for (const node of ref === undefined ? this.nodes : [this.node(ref)]) {
      total += node.counters().commands.get(command.toLowerCase()) ?? 0;
    }
    return total;
  }

  resetCounters(): void {
    for (const node of this.nodes) node.resetCounters();
  }

  connections(ref: NodeRef): SessionState[] {
    return this.node(ref).connectionStates();
  }

  /**
   * Cuts (`up` false) or restores a replica's link to its primary, both staying up: a cut
   * replica reports `master_link_status:down`, misses writes, and with
   * `replica-serve-stale-data no` refuses commands with MASTERDOWN; restoring resyncs fully.
   */
  setReplicaLink(ref: NodeRef, up: boolean): void {
    const node = this.node(ref);
    const primary = node.primary;
    if (primary === undefined) throw new Error(`node ${node.address} is not a replica`);
    if (up) node.replicateFrom(primary);
    else node.primaryLinkBroken = true;
  }

  /** Stops listening; the node keeps its data for `restartNode`. */
  async killNode(ref: NodeRef): Promise<void> {
    const node = this.node(ref);
    await node.stop();
    this.nodeStateChanged(node, false);
  }

  async restartNode(ref: NodeRef): Promise<void> {
    const node = this.node(ref);
    await node.start();
    this.nodeStateChanged(node, true);
  }

  /** Lets a cluster mark the node failed or alive in its topology. */
  protected nodeStateChanged(_node: FakeNode, _alive: boolean): void {}

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((node) => node.stop()));
  }
}
