// Blocking commands (BLPOP, BZPOPMIN, XREAD BLOCK…) hold their connection until
// the server answers; on the shared pipelined connection every later command
// would wait behind them. They get a connection of their own instead: one per
// blocking command in flight, kept for reuse when it comes back clean. WAIT is
// not routed here: it counts the acknowledged writes of its own connection.
import { type Command, CommandFlags } from "@petrel/commands";
import { ClosingError } from "@petrel/protocol";
import type { ResolvedCredentials } from "../auth/credentials-provider.js";
import type { ResolvedAddress, ResolvedConfig } from "../config/resolved.js";
import type { CommandRequest } from "../connection/command-request.js";
import type { DeadlineQueue } from "../connection/deadline-queue.js";
import { NodeConnection } from "../connection/node-connection.js";
import type { WireRequest } from "../connection/wire-request.js";

/** Idle blocking connections kept for reuse; more are closed when they come back. */
const MAX_IDLE = 2;

/** True for a command that may block its connection (a blocking command with a block time). */
export function blocksConnection(command: Command<unknown>): boolean {
  return (command.spec.flags & CommandFlags.BLOCKING) !== 0 && command.blockMs !== undefined;
}

export interface BlockingPoolOptions {
  readonly config: ResolvedConfig;
  readonly credentials: () => Promise<ResolvedCredentials | undefined>;
  readonly deadlines: DeadlineQueue<WireRequest>;
}

const keyOf = (address: ResolvedAddress): string => `${address.host}:${address.port}`;

export class BlockingPool {
  readonly #options: BlockingPoolOptions;
  readonly #idle = new Map<string, NodeConnection[]>();
  readonly #busy = new Map<CommandRequest<unknown>, NodeConnection>();
  #closed = false;

  constructor(options: BlockingPoolOptions) {
    this.#options = options;
  }

  /** Connections open now (busy and idle), for tests and statistics. */
  get size(): number {
    let idle = 0;
    for (const list of this.#idle.values()) idle += list.length;
    return idle + this.#busy.size;
  }

  connections(): NodeConnection[] {
    return [...this.#busy.values(), ...[...this.#idle.values()].flat()];
  }

  /** Sends `request` on a connection of its own to `address`. */
  send(request: CommandRequest<unknown>, address: ResolvedAddress): void {
    // A request sent again (READONLY after a failover) gives its old connection back first.
    const previous = this.#busy.get(request);
    if (previous !== undefined) {
      this.#busy.delete(request);
      setImmediate(() => this.#recycle(previous));
    }
    const connection = this.#idle.get(keyOf(address))?.pop() ?? this.#open(address);
    this.#busy.set(request, connection);
    connection.send(request);
  }

  /** `request` settled: its connection is reused if nothing is left on it, else closed. */
  released(request: CommandRequest<unknown>): void {
    const connection = this.#busy.get(request);
    if (connection === undefined) return;
    this.#busy.delete(request);
    // The reply that settled the request leaves the connection's queue right after this call.
    setImmediate(() => this.#recycle(connection));
  }

  close(error: ClosingError): void {
    this.#closed = true;
    for (const connection of this.connections()) connection.close(error);
    this.#idle.clear();
    this.#busy.clear();
  }

  #recycle(connection: NodeConnection): void {
    const list = this.#idle.get(connection.addressKey) ?? [];
    const clean =
      connection.state === "ready" &&
      connection.inflightCount === 0 &&
      connection.waitingCount === 0;
    // A timed-out command may still block on the server: that connection is not reused.
    if (this.#closed || !clean || list.length >= MAX_IDLE) {
      connection.close(new ClosingError("Blocking connection released"));
      return;
    }
    list.push(connection);
    this.#idle.set(connection.addressKey, list);
  }

  #open(address: ResolvedAddress): NodeConnection {
    return new NodeConnection({
      address,
      config: this.#options.config,
      credentials: this.#options.credentials,
      deadlines: this.#options.deadlines,
    });
  }
}
