// Sharded Pub/Sub (SSUBSCRIBE) for the cluster client. A sharded channel only
// reaches subscribers on the shard that owns its slot, so each channel is
// subscribed on its slot owner's primary, through one subscriber connection per
// such node. The wanted set is kept here; `reconcile` moves every channel to
// its current owner whenever the view changes, and a server-sent sunsubscribe
// (the slot moved, docs/cluster-protocol.md §8), a MOVED reply or a lost connection triggers a topology
// refresh followed by another reconcile until every channel is confirmed again.
import { slotOf, type TopologyView, UNASSIGNED_SLOT } from "@petrel/cluster";
import {
  ClosingError,
  type GlideString,
  type RequestError,
  type RespValue,
} from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import type { ResolvedConfig } from "../config/resolved.js";
import { Logger } from "../logger.js";
import { ConfirmationWaiters } from "../pubsub/confirmation-waiters.js";
import { type PubSubEvent, SubscriberConnection } from "../pubsub/subscriber-connection.js";

/** Delay before a resync, and between resyncs while some channel is not confirmed. */
const RESYNC_DELAY_MS = 50;
const RESYNC_RETRY_MS = 200;

export interface ShardedPubSubOptions {
  readonly config: ResolvedConfig;
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  /** The current view (undefined before the first discovery). */
  readonly view: () => TopologyView | undefined;
  /** Refreshes the view (a slot moved, or a node was lost). */
  readonly refresh: () => Promise<void>;
  /** Hands one received message to the client's delivery (callback or queue). */
  readonly deliver: (channel: Buffer, message: Buffer) => void;
}

interface NodeSubscriber {
  readonly address: string;
  readonly connection: SubscriberConnection;
  /** Channels this node should serve, by byte key. */
  readonly channels: Map<string, GlideString>;
}

/** Names are compared as bytes: "news" and Buffer.from("news") are one channel. */
function keyOf(name: GlideString): string {
  return typeof name === "string" ? Buffer.from(name).toString("latin1") : name.toString("latin1");
}

function asBuffer(value: RespValue | undefined): Buffer | null {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "string") return Buffer.from(value);
  return null;
}

export class ShardedPubSub {
  readonly #options: ShardedPubSubOptions;
  readonly #desired = new Map<string, GlideString>();
  /** Confirmed channels, with the node that confirmed them. */
  readonly #actual = new Map<string, { name: Buffer; address: string }>();
  readonly #nodes = new Map<string, NodeSubscriber>();
  readonly #waiters = new ConfirmationWaiters("Sharded");
  #resyncTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: ShardedPubSubOptions, configured: Iterable<GlideString>) {
    this.#options = options;
    for (const name of configured) this.#desired.set(keyOf(name), name);
  }

  get wantsAnything(): boolean {
    return this.#desired.size > 0;
  }

  /** Subscribes the configured channels and waits for every confirmation. */
  async start(timeoutMs: number): Promise<void> {
    if (!this.wantsAnything) return;
    this.reconcile();
    await this.#waitFor(() => this.#confirmed(), timeoutMs);
  }

  /** SSUBSCRIBE; waits for the confirmation unless `timeoutMs` is undefined (lazy). */
  subscribe(names: GlideString[], timeoutMs?: number): Promise<void> {
    if (this.#closed) return Promise.reject(new ClosingError("The client is closed"));
    for (const name of names) this.#desired.set(keyOf(name), name);
    this.reconcile();
    if (timeoutMs === undefined) return Promise.resolve();
    const keys = names.map(keyOf);
    return this.#waitFor(() => keys.every((key) => this.#actual.has(key)), timeoutMs);
  }

  /** SUNSUBSCRIBE; `null` leaves every sharded channel. */
  unsubscribe(names: GlideString[] | null, timeoutMs?: number): Promise<void> {
    if (this.#closed) return Promise.reject(new ClosingError("The client is closed"));
    const keys = names === null ? [...this.#desired.keys()] : names.map(keyOf);
    for (const key of keys) this.#desired.delete(key);
    this.reconcile();
    if (timeoutMs === undefined) return Promise.resolve();
    return this.#waitFor(() => keys.every((key) => !this.#actual.has(key)), timeoutMs);
  }

  /** The wanted channels and the confirmed ones. */
  state(): { desired: GlideString[]; actual: Buffer[] } {
    return {
      desired: [...this.#desired.values()],
      actual: [...this.#actual.values()].map((entry) => entry.name),
    };
  }

  /**
   * Moves every wanted channel to the primary owning its slot in the current view and
   * leaves the channels no longer wanted. Called after every topology refresh.
   */
  reconcile(): void {
    if (this.#closed) return;
    const view = this.#options.view();
    for (const node of this.#nodes.values()) {
      for (const [key, name] of node.channels) {
        const owner = view === undefined ? node.address : this.#ownerOf(view, name);
        if (this.#desired.has(key) && owner === node.address) continue;
        node.channels.delete(key);
        node.connection.write(["SUNSUBSCRIBE", name]);
        if (this.#actual.get(key)?.address === node.address) this.#actual.delete(key);
      }
    }
    if (view !== undefined) {
      for (const [key, name] of this.#desired) {
        const owner = this.#ownerOf(view, name);
        if (owner === undefined || this.#nodes.get(owner)?.channels.has(key)) continue;
        const node = this.#nodeAt(owner);
        node.channels.set(key, name);
        node.connection.write(["SSUBSCRIBE", name]);
      }
    }
    for (const node of [...this.#nodes.values()]) {
      if (node.channels.size > 0) continue;
      node.connection.close();
      this.#nodes.delete(node.address);
    }
    this.#settleWaiters();
    if (!this.#confirmed()) this.#scheduleResync(RESYNC_RETRY_MS);
  }

  /**
   * The periodic check: true when the confirmed channels are the wanted ones; otherwise
   * reconciles (and resyncs what the nodes dropped).
   */
  checkSync(): boolean {
    if (this.#closed) return true;
    let inSync = this.#confirmed();
    for (const key of this.#actual.keys()) if (!this.#desired.has(key)) inSync = false;
    if (!inSync) this.reconcile();
    return inSync;
  }

  /** One subscriber connection per node serving sharded channels, for re-authentication. */
  connections(): SubscriberConnection[] {
    return [...this.#nodes.values()].map((node) => node.connection);
  }

  close(error: ClosingError): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#resyncTimer);
    for (const node of this.#nodes.values()) node.connection.close();
    this.#nodes.clear();
    this.#waiters.rejectAll(error);
  }

  #ownerOf(view: TopologyView, name: GlideString): string | undefined {
    const shardIndex = view.slotToShard[slotOf(name)];
    if (shardIndex === undefined || shardIndex === UNASSIGNED_SLOT) return undefined;
    const primary = view.shards[shardIndex]?.primary;
    return primary === undefined ? undefined : `${primary.host}:${primary.port}`;
  }

  #nodeAt(address: string): NodeSubscriber {
    const existing = this.#nodes.get(address);
    if (existing !== undefined) return existing;
    const separator = address.lastIndexOf(":");
    const target = {
      host: address.slice(0, separator),
      port: Number(address.slice(separator + 1)),
    };
    const channels = new Map<string, GlideString>();
    const node: NodeSubscriber = {
      address,
      channels,
      connection: new SubscriberConnection({
        config: this.#options.config,
        target: () => Promise.resolve(target),
        credentials: this.#options.credentials,
        onEvent: (event) => this.#onEvent(node, event),
        onServerError: (error) => this.#onServerError(error),
        onReady: () => {
          if (channels.size > 0) node.connection.write(["SSUBSCRIBE", ...channels.values()]);
        },
        onLost: () => this.#onLost(node),
      }),
    };
    this.#nodes.set(address, node);
    node.connection.connect().catch((error: unknown) => {
      Logger.log("warn", "pubsub", "sharded subscriber connection failed", error as Error);
    });
    return node;
  }

  #onEvent(node: NodeSubscriber, event: PubSubEvent): void {
    const { kind, fields } = event;
    if (kind === "smessage") {
      const channel = asBuffer(fields[0]);
      const message = asBuffer(fields[1]);
      if (channel !== null && message !== null) this.#options.deliver(channel, message);
      return;
    }
    if (kind !== "ssubscribe" && kind !== "sunsubscribe") return;
    const name = asBuffer(fields[0]);
    if (name === null) return;
    const key = name.toString("latin1");
    if (kind === "ssubscribe") {
      if (node.channels.has(key)) this.#actual.set(key, { name, address: node.address });
    } else {
      if (this.#actual.get(key)?.address === node.address) this.#actual.delete(key);
      // Still wanted here: the server dropped it because the slot moved away.
      if (node.channels.delete(key) && this.#desired.has(key))
        this.#scheduleResync(RESYNC_DELAY_MS);
    }
    this.#settleWaiters();
  }

  #onServerError(error: RequestError): void {
    // MOVED: the view is stale; anything else (e.g. NOPERM) fails the waiting calls.
    if (error.message.startsWith("MOVED")) {
      this.#scheduleResync(RESYNC_DELAY_MS);
      return;
    }
    Logger.log("warn", "pubsub", "the server refused a sharded subscription", error);
    this.#waiters.rejectAll(error);
  }

  #onLost(node: NodeSubscriber): void {
    for (const [key, entry] of this.#actual)
      if (entry.address === node.address) this.#actual.delete(key);
    this.#scheduleResync(RESYNC_DELAY_MS);
  }

  /** Refreshes the view, then reconciles; repeats while some channel is unconfirmed. */
  #scheduleResync(delayMs: number): void {
    if (this.#closed || this.#resyncTimer !== undefined) return;
    this.#resyncTimer = setTimeout(() => {
      this.#options
        .refresh()
        .catch((error: unknown) => {
          Logger.log(
            "warn",
            "pubsub",
            "topology refresh for sharded channels failed",
            error as Error,
          );
        })
        .finally(() => {
          this.#resyncTimer = undefined;
          this.reconcile();
        });
    }, delayMs);
    this.#resyncTimer.unref();
  }

  #confirmed(): boolean {
    for (const key of this.#desired.keys()) if (!this.#actual.has(key)) return false;
    return true;
  }

  #settleWaiters(): void {
    this.#waiters.settle();
  }

  #waitFor(done: () => boolean, timeoutMs: number): Promise<void> {
    return this.#waiters.waitFor(done, timeoutMs, this.#closed);
  }
}
