// The standalone topology: which configured (or discovered) node is the
// primary, and which are replicas. Found with `INFO replication` on every
// node, refreshed after a READONLY error or a reconnect, so a failover is followed.
import { ConnectionError, RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { Logger } from "../logger.js";
import { discoverPrimary } from "../sentinel/sentinel-discovery.js";
import type { SentinelLocator } from "../sentinel/sentinel-locator.js";
import type { StandaloneTopologyMode } from "./config.js";
import type { RoutableNode } from "./read-routing.js";
import { parseReplicationInfo, type ReplicationInfo } from "./replication-info.js";

export class StandaloneNode implements RoutableNode {
  availabilityZone: string | undefined;

  constructor(readonly connection: NodeConnection) {}

  get usable(): boolean {
    const state = this.connection.state;
    return state === "ready" || state === "connecting" || state === "idle";
  }
}

const addressKey = (address: ResolvedAddress): string => `${address.host}:${address.port}`;

export class StandaloneTopology {
  readonly #nodes = new Map<string, StandaloneNode>();
  #primaryNode: StandaloneNode | undefined;
  /** The primary adopted last, kept while it is forgotten or held, to tell a move from a return. */
  #adoptedPrimary: StandaloneNode | undefined;
  #replicaNodes: StandaloneNode[] = [];
  #refreshing: Promise<void> | undefined;
  readonly #config: ResolvedConfig;
  readonly #mode: StandaloneTopologyMode;
  readonly #createConnection: (address: ResolvedAddress) => NodeConnection;
  /** Called after a refresh adopted a primary other than the one adopted before. */
  readonly #onPrimaryMoved:
    | ((previous: StandaloneNode, current: StandaloneNode) => void)
    | undefined;
  /** With Sentinel: who names the primary and its replicas. */
  readonly #sentinels: SentinelLocator | undefined;
  /** Bumped when the primary is announced to have moved; a discovery begun before is redone. */
  #switches = 0;
  /**
   * A primary being failed over: not adopted again until `until` (performance.now()); the
   * replica being promoted in its place, adopted once it says it is a primary.
   */
  #held:
    | { readonly key: string; readonly until: number; readonly promoted?: ResolvedAddress }
    | undefined;
  #closed = false;

  constructor(
    config: ResolvedConfig,
    mode: StandaloneTopologyMode,
    createConnection: (address: ResolvedAddress) => NodeConnection,
    onPrimaryMoved?: (previous: StandaloneNode, current: StandaloneNode) => void,
    sentinels?: SentinelLocator,
  ) {
    this.#config = config;
    this.#mode = mode;
    this.#createConnection = createConnection;
    this.#onPrimaryMoved = onPrimaryMoved;
    this.#sentinels = sentinels;
    for (const address of config.addresses) this.#node(address);
    if (this.discovers) return;
    // Without discovery the addresses are trusted: the first is the primary. One address read
    // from the primary needs no discovery either.
    const nodes = [...this.#nodes.values()];
    this.#primaryNode = nodes[0];
    this.#adoptedPrimary = nodes[0];
    this.#replicaNodes = mode === "readOnly" ? nodes : nodes.slice(1);
  }

  /** Whether roles are found by asking the servers (several addresses, or replica reads). */
  get discovers(): boolean {
    if (this.#mode !== "discover") return false;
    if (this.#sentinels !== undefined) return true;
    return this.#config.addresses.length > 1 || this.#config.readFrom !== "primary";
  }

  /** Connects without discovery: the primary must answer (any node, in read-only mode). */
  async connectTrusted(): Promise<void> {
    const nodes = [...this.#nodes.values()];
    const attempts = nodes.map((node) => node.connection.connect());
    for (const attempt of attempts) attempt.catch(() => undefined);
    if (this.#mode === "readOnly") {
      await Promise.any(attempts).catch(() => {
        throw nodes[0]?.connection.lastError ?? new ConnectionError("No node could be reached");
      });
      return;
    }
    await attempts[0];
  }

  get primary(): StandaloneNode | undefined {
    return this.#primaryNode;
  }

  get replicas(): readonly StandaloneNode[] {
    return this.#replicaNodes;
  }

  connections(): NodeConnection[] {
    return [...this.#nodes.values()].map((node) => node.connection);
  }

  /** Re-reads every node's role. Concurrent calls share one refresh. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#discover().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  /**
   * Forgets the primary because it was announced to have moved: requests wait for the next
   * refresh instead of reaching a primary that may be demoted (and lose their writes).
   * Returns the forgotten primary, whose unsent work the caller moves.
   */
  forgetPrimary(): StandaloneNode | undefined {
    this.#switches++;
    this.#held = undefined;
    const previous = this.#primaryNode;
    this.#primaryNode = undefined;
    return previous;
  }

  /**
   * A failover of the primary at `address` has begun (its replacement is being promoted):
   * writes it takes from now on would be lost, so it is forgotten and not adopted again for
   * `holdMs`, or until the switch is announced. Returns the forgotten primary, if it was ours.
   */
  holdPrimary(
    address: ResolvedAddress,
    holdMs: number,
    promoted?: ResolvedAddress,
  ): StandaloneNode | undefined {
    const key = addressKey(address);
    // Our primary, or (after a kill) the one our discovery keeps failing to reach.
    const ours = this.#adoptedPrimary?.connection.address;
    if (ours === undefined || addressKey(ours) !== key) return undefined;
    this.#held = { key, until: performance.now() + holdMs, promoted };
    const previous = this.#primaryNode;
    this.#primaryNode = undefined;
    return previous;
  }

  /** Whether the current primary is the node at `address`. */
  primaryIs(address: ResolvedAddress): boolean {
    const primary = this.#primaryNode;
    return primary !== undefined && addressKey(primary.connection.address) === addressKey(address);
  }

  /** Whether a primary was adopted once: a primary missing now is being failed over. */
  get hadPrimary(): boolean {
    return this.#adoptedPrimary !== undefined;
  }

  /** Whether `connection` is the current primary's. */
  isPrimary(connection: NodeConnection): boolean {
    return this.#primaryNode?.connection === connection;
  }

  close(error: Error): void {
    this.#closed = true;
    for (const node of this.#nodes.values()) node.connection.close(error);
  }

  #node(address: ResolvedAddress): StandaloneNode {
    const key = addressKey(address);
    let node = this.#nodes.get(key);
    if (node === undefined) {
      node = new StandaloneNode(this.#createConnection(address));
      this.#nodes.set(key, node);
    }
    return node;
  }

  async #query(node: StandaloneNode): Promise<ReplicationInfo | undefined> {
    const timeoutMs = this.#config.connectionTimeoutMs;
    // A node waiting out its reconnect backoff is unavailable; asking it now would skip the backoff.
    if (node.connection.state === "backoff") return undefined;
    try {
      await node.connection.connect();
      const wantsAz = this.#config.clientAz !== undefined;
      const commands = wantsAz
        ? [
            ["INFO", "replication"],
            ["INFO", "server"],
          ]
        : [["INFO", "replication"]];
      const replies = await node.connection.execute(commands, timeoutMs);
      const text = replies.map(infoText).join("\n");
      const info = parseReplicationInfo(text);
      node.availabilityZone = info.availabilityZone;
      return info;
    } catch (error) {
      Logger.log(
        "warn",
        "topology",
        `reading the role of ${node.connection.addressKey} failed`,
        error as Error,
      );
      return undefined;
    }
  }

  async #discover(): Promise<void> {
    if (this.#sentinels !== undefined) {
      await this.#discoverThroughSentinels(this.#sentinels);
      return;
    }
    const infos = new Map<StandaloneNode, ReplicationInfo>();
    const queryAll = async (nodes: StandaloneNode[]): Promise<void> => {
      const results = await Promise.all(nodes.map((node) => this.#query(node)));
      nodes.forEach((node, index) => {
        const info = results[index];
        if (info) infos.set(node, info);
      });
    };
    await queryAll([...this.#nodes.values()]);
    // Two primaries happen briefly after a failover; the one its replicas follow wins.
    const primaries = [...infos].filter(([, info]) => info.role === "primary");
    primaries.sort(([, a], [, b]) => b.replicas.length - a.replicas.length);
    let primary = primaries[0]?.[0];
    if (primary === undefined) {
      // Every configured node is a replica: follow the primary they name.
      const named = [...infos.values()].find((info) => info.primary !== undefined)?.primary;
      if (named !== undefined) {
        const candidate = this.#node(named);
        await queryAll([candidate]);
        if (infos.get(candidate)?.role === "primary") primary = candidate;
      }
    }
    if (primary === undefined) {
      throw new ConnectionError(
        `No primary found among ${[...this.#nodes.keys()].join(", ")}${this.#lastErrorText()}`,
      );
    }
    const replicas = new Set<StandaloneNode>();
    for (const [node, info] of infos)
      if (node !== primary && info.role === "replica") replicas.add(node);
    if (this.#config.readFrom !== "primary") {
      const fresh: StandaloneNode[] = [];
      for (const address of infos.get(primary)?.replicas ?? []) {
        const known = this.#nodes.has(addressKey(address));
        const node = this.#node(address);
        if (!known) fresh.push(node);
        replicas.add(node);
      }
      if (fresh.length > 0) await queryAll(fresh);
    }
    this.#adopt(primary, [...replicas]);
  }

  #adopt(primary: StandaloneNode, replicas: StandaloneNode[]): void {
    // Compared with the last adopted primary, not the current one, which a switch announcement
    // forgets: the move must still be reported (the subscriber follows it).
    const previous = this.#adoptedPrimary;
    this.#adoptedPrimary = primary;
    this.#primaryNode = primary;
    this.#replicaNodes = replicas;
    if (previous !== undefined && previous !== primary) {
      Logger.log("info", "topology", `primary moved to ${primary.connection.addressKey}`);
      this.#onPrimaryMoved?.(previous, primary);
    }
  }

  #isHeld(address: ResolvedAddress): boolean {
    const held = this.#held;
    if (held === undefined) return false;
    if (performance.now() >= held.until) {
      this.#held = undefined;
      return false;
    }
    return held.key === addressKey(address);
  }

  /** The primary the sentinels name, once its own role confirms it; replicas as they report. */
  async #discoverThroughSentinels(locator: SentinelLocator): Promise<void> {
    for (;;) {
      const switches = this.#switches;
      const answer = await discoverPrimary(locator, {
        confirm: (candidate) => this.#confirm(candidate.primary),
        // While a failover is under way, wait for its end rather than fail.
        budgetMs: Math.max(
          this.#config.connectionTimeoutMs,
          (this.#held?.until ?? 0) - performance.now(),
        ),
        cancelled: () => this.#closed,
      });
      // A switch announced meanwhile may make this answer stale: ask again.
      if (switches !== this.#switches) continue;
      const primary = this.#node(answer.primary);
      let replicas: StandaloneNode[] = [];
      if (this.#config.readFrom !== "primary") {
        // The promoted replica may still be listed as a replica (the sentinels lag).
        replicas = answer.replicas.map((address) => this.#node(address));
        replicas = replicas.filter((node) => node !== primary);
        await Promise.all(replicas.map((node) => this.#query(node)));
        if (switches !== this.#switches) continue;
      }
      this.#adopt(primary, replicas);
      this.#dropUnlisted(new Set([primary, ...replicas]));
      return;
    }
  }

  /**
   * The address to adopt for the primary the sentinels name, once a node confirms its role:
   * the named one, unless it is held; then the replica the leader is promoting, as soon as it
   * says it is a primary (about a second before the sentinels announce the switch). Once the
   * leader saw its promotion, the failover is no longer aborted, so its writes are kept.
   */
  async #confirm(named: ResolvedAddress): Promise<ResolvedAddress | undefined> {
    if (!this.#isHeld(named)) {
      return (await this.#query(this.#node(named)))?.role === "primary" ? named : undefined;
    }
    const promoted = this.#held?.promoted;
    if (promoted === undefined) return undefined;
    return (await this.#query(this.#node(promoted)))?.role === "primary" ? promoted : undefined;
  }

  /**
   * Closes idle connections to nodes the sentinels no longer list (a killed old primary, a
   * replica removed), so they stop reconnecting; a later answer naming them opens them again.
   */
  #dropUnlisted(listed: ReadonlySet<StandaloneNode>): void {
    for (const [key, node] of this.#nodes) {
      const connection = node.connection;
      if (listed.has(node) || connection.waitingCount > 0 || connection.inflightCount > 0) continue;
      this.#nodes.delete(key);
      connection.close(new ConnectionError(`${key} is no longer listed by the sentinels`));
    }
  }

  #lastErrorText(): string {
    const errors = [...this.#nodes.values()]
      .map((node) => node.connection.lastError?.message)
      .filter(Boolean);
    return errors.length > 0 ? `: ${errors.join("; ")}` : "";
  }
}

function infoText(reply: RespValue): string {
  if (typeof reply === "string") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString();
  if (reply instanceof RequestError) throw reply;
  throw new RequestError("INFO returned an unexpected reply");
}
