// The cluster client's connections, one per node address. Every connection
// inherits the client's settings (TLS, credentials, protocol, client name,
// timeouts); replica connections also send READONLY on every (re)connect, as
// it is per-connection state (docs/cluster-protocol.md §7).
import type { ClusterNode } from "@petrel/cluster";
import type { CommandArg } from "@petrel/protocol";
import type { ResolvedAddress } from "../config/resolved.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { Logger } from "../logger.js";

const READONLY: readonly CommandArg[] = ["READONLY"];

/** A pooled connection, and its handshake tail (mutable: READONLY is added when it becomes a replica). */
interface PooledConnection {
  readonly connection: NodeConnection;
  readonly handshakeTail: (readonly CommandArg[])[];
}

export interface NodePoolHooks {
  /** Builds a NodeConnection whose handshake ends with `handshakeTail` (read at every connect). */
  create(
    address: ResolvedAddress,
    handshakeTail: readonly (readonly CommandArg[])[],
  ): NodeConnection;
}

export class NodePool {
  readonly #pooled = new Map<string, PooledConnection>();
  /** Connections taken out of the pool, closed after a grace period so their replies can arrive. */
  readonly #retiring = new Map<NodeConnection, NodeJS.Timeout>();
  #closedWith: Error | undefined;

  readonly #hooks: NodePoolHooks;
  /** How long a retired connection may keep answering what was written on it. */
  readonly #graceMs: number;

  constructor(hooks: NodePoolHooks, graceMs: number) {
    this.#hooks = hooks;
    this.#graceMs = graceMs;
  }

  /** The connection for `host:port`, created (not yet connected) when new. */
  get(host: string, port: number, replica = false, key = `${host}:${port}`): NodeConnection {
    let entry = this.#pooled.get(key);
    if (entry === undefined) {
      const handshakeTail: (readonly CommandArg[])[] = replica ? [READONLY] : [];
      const connection = this.#hooks.create({ host, port }, handshakeTail);
      // After closeAll, nothing connects again: late callers get a closed connection.
      if (this.#closedWith !== undefined) {
        connection.close(this.#closedWith);
        return connection;
      }
      entry = { connection, handshakeTail };
      this.#pooled.set(key, entry);
    } else if (replica) {
      this.#markReplica(entry);
    }
    return entry.connection;
  }

  /** The connection for a node of the view, READONLY when it is a replica. */
  forNode(node: ClusterNode): NodeConnection {
    return this.get(node.host, node.port, node.role === "replica", node.address);
  }

  has(address: string): boolean {
    return this.#pooled.has(address);
  }

  connections(): NodeConnection[] {
    return [
      ...[...this.#pooled.values()].map((entry) => entry.connection),
      ...this.#retiring.keys(),
    ];
  }

  /** Whether a connection other than `except`, pooled or retiring, awaits replies already sent. */
  awaitsReplies(except: NodeConnection): boolean {
    for (const entry of this.#pooled.values()) {
      if (entry.connection !== except && entry.connection.repliesDue) return true;
    }
    for (const connection of this.#retiring.keys()) {
      if (connection !== except && connection.repliesDue) return true;
    }
    return false;
  }

  /**
   * Replaces the connection of `address` with a fresh one (a circular MOVED: the address
   * now reaches another server). The old one is closed after a grace period.
   */
  recreate(address: string, error: Error): NodeConnection | undefined {
    const entry = this.#pooled.get(address);
    if (entry === undefined) return undefined;
    this.#retire(address, entry, error);
    const { host, port } = entry.connection.address;
    return this.get(host, port, entry.handshakeTail.length > 0);
  }

  /** Closes connections to nodes no longer in `keep` (after a refresh). */
  retain(keep: ReadonlySet<string>, error: Error): void {
    for (const [address, entry] of this.#pooled) {
      if (!keep.has(address)) this.#retire(address, entry, error);
    }
  }

  /** Nodes that became replicas start sending READONLY. */
  updateRoles(nodes: readonly ClusterNode[]): void {
    for (const node of nodes) {
      if (node.role !== "replica") continue;
      const entry = this.#pooled.get(node.address);
      if (entry !== undefined) this.#markReplica(entry);
    }
  }

  closeAll(error: Error): void {
    this.#closedWith = error;
    for (const entry of this.#pooled.values()) entry.connection.close(error);
    this.#pooled.clear();
    for (const [connection, timer] of this.#retiring) {
      clearTimeout(timer);
      connection.close(error);
    }
    this.#retiring.clear();
  }

  #retire(address: string, entry: PooledConnection, error: Error): void {
    this.#pooled.delete(address);
    const { connection } = entry;
    const timer = setTimeout(() => {
      this.#retiring.delete(connection);
      connection.close(error);
    }, this.#graceMs);
    timer.unref();
    this.#retiring.set(connection, timer);
  }

  #markReplica(entry: PooledConnection): void {
    if (entry.handshakeTail.length > 0) return;
    entry.handshakeTail.push(READONLY);
    if (entry.connection.state !== "ready") return;
    entry.connection.execute([READONLY]).catch((error: unknown) => {
      Logger.log(
        "warn",
        "cluster",
        `READONLY on ${entry.connection.addressKey} failed`,
        error as Error,
      );
    });
  }
}
