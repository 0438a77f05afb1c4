// GLIDE's `GlideMonitorClient`: the server's MONITOR stream on a connection of
// its own, one per configured address (a standalone server, or the nodes of a
// cluster one wants to watch). It is a Link like every other connection: after
// each (re)connect and handshake it sends MONITOR again, so the stream resumes
// after a loss. Lines go to the callback, or into a bounded queue read with
// getNextMessage()/tryGetNextMessage(); when the queue is full the oldest
// lines are dropped, counted in `droppedLines`, and a warning is logged.
import { ClosingError, type RespValue } from "@petrel/protocol";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import type { BaseClientConfiguration } from "../config/types.js";
import { connectionError } from "../connection/connection-error.js";
import { Link, type LinkOptions } from "../connection/link.js";
import { RingQueue } from "../connection/ring-queue.js";
import { Logger } from "../logger.js";
import { resolveStandaloneConfig } from "../standalone/config.js";
import { type MonitorLine, parseMonitorLine } from "./monitor-line.js";

/** Lines kept for getNextMessage() when no callback is given; older ones are dropped beyond. */
export const MONITOR_QUEUE_LIMIT = 10_000;

const CLOSED_MESSAGE = "Monitor is closed";

/** One monitored node: its link and whether MONITOR's "OK" is still to come. */
interface MonitoredNode {
  readonly link: Link;
  awaitingOk: boolean;
}

export class GlideMonitorClient {
  readonly #callback: ((line: MonitorLine) => void) | undefined;
  readonly #queue = new RingQueue<MonitorLine>();
  readonly #waiters: { resolve: (line: MonitorLine) => void; reject: (e: Error) => void }[] = [];
  readonly #nodes: MonitoredNode[] = [];
  #closed = false;
  #dropped = 0;
  #dropWarned = false;

  private constructor(config: ResolvedConfig, callback: ((line: MonitorLine) => void) | undefined) {
    this.#callback = callback;
    const credentials = async () => {
      const source = config.credentials;
      if (source.kind === "provider") return source.provider.getCredentials();
      if (source.kind === "static" && source.password !== undefined)
        return { username: source.username, password: source.password };
      return undefined;
    };
    for (const address of config.addresses) {
      this.#nodes.push(this.#monitor(config, address, credentials));
    }
  }

  /**
   * Creates a GlideMonitorClient that streams the commands the server runs (MONITOR), on
   * connections of its own to every address of `options`.
   * @param options - Connection configuration (addresses, TLS, credentials, timeouts).
   * @param callback - Optional callback invoked for each monitor line. If omitted, use
   *   {@link getNextMessage} or {@link tryGetNextMessage} to poll.
   * @see https://valkey.io/commands/monitor/
   */
  static async create(
    options: BaseClientConfiguration,
    callback?: (line: MonitorLine) => void,
  ): Promise<GlideMonitorClient> {
    const { base } = resolveStandaloneConfig(options as never);
    const client = new GlideMonitorClient(base, callback);
    try {
      await Promise.all(client.#nodes.map((node) => node.link.connect()));
    } catch (error) {
      await client.close();
      throw error;
    }
    return client;
  }

  /**
   * Returns the next monitor line, waiting until one arrives. Only usable when no callback was
   * provided to {@link create}. Rejects if the client is already closed.
   */
  getNextMessage(): Promise<MonitorLine> {
    if (this.#closed) return Promise.reject(new ClosingError(CLOSED_MESSAGE));
    const next = this.#queue.shift();
    if (next !== undefined) return Promise.resolve(next);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /**
   * Returns the next monitor line immediately, or `undefined` if none is queued. Only usable
   * when no callback was provided to {@link create}.
   */
  tryGetNextMessage(): MonitorLine | undefined {
    return this.#queue.shift();
  }

  /** Petrel only: lines dropped because the queue held {@link MONITOR_QUEUE_LIMIT} unread ones. */
  get droppedLines(): number {
    return this.#dropped;
  }

  /** Stops monitoring. Idempotent — safe to call multiple times. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = new ClosingError(CLOSED_MESSAGE);
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
    for (const node of this.#nodes) node.link.close(connectionError("Monitor connection closed"));
  }

  #monitor(
    config: ResolvedConfig,
    address: ResolvedAddress,
    credentials: LinkOptions["credentials"],
  ): MonitoredNode {
    const node: MonitoredNode = {
      awaitingOk: false,
      link: new Link({
        config,
        label: "Monitor connection",
        target: () => address,
        credentials,
        events: {
          onReply: (value) => this.#onReply(node, value),
          onPush: () => undefined,
          replyAsBuffers: () => false,
          onReady: () => {
            // MONITOR again on every fresh socket: the stream survives reconnects.
            node.awaitingOk = true;
            node.link.writeNow([["MONITOR"]]);
          },
          onLost: (error) => {
            if (!this.#closed) Logger.log("warn", "monitor", "monitor connection lost", error);
          },
          // The stream may be silent for long: only MONITOR's own reply is awaited.
          awaiting: () => node.awaitingOk,
          overdue: () => false,
        },
      }),
    };
    return node;
  }

  #onReply(node: MonitoredNode, value: RespValue): void {
    if (node.awaitingOk) {
      node.awaitingOk = false;
      if (value instanceof Error) {
        Logger.log("warn", "monitor", "the server refused MONITOR", value);
        node.link.close(value);
      }
      return;
    }
    if (typeof value !== "string") return;
    const line = parseMonitorLine(value);
    if (line === undefined || this.#closed) return;
    if (this.#callback !== undefined) {
      this.#callback(line);
      return;
    }
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      waiter.resolve(line);
      return;
    }
    if (this.#queue.length >= MONITOR_QUEUE_LIMIT) {
      this.#queue.shift();
      this.#dropped++;
      if (!this.#dropWarned) {
        this.#dropWarned = true;
        Logger.log(
          "warn",
          "monitor",
          `monitor queue full (${MONITOR_QUEUE_LIMIT} unread lines): dropping the oldest; see droppedLines`,
        );
      }
    } else {
      this.#dropWarned = false;
    }
    this.#queue.push(line);
  }
}
