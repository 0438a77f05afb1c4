// One client connection: its socket, its request parser, its state (RESP
// version, db, name, auth, READONLY, ASKING, MULTI, WATCH, subscriptions) and
// its reply queue. Replies of one input chunk are written together; a blocked
// command holds back the requests pipelined behind it, as on the server.

import type { Socket } from "node:net";
import { encodeReplyFrame, type ReplyFrame } from "@petrel/protocol";
import type { BlockRequest, DataContext, Keyspace } from "../data/types.js";
import type { CommandDef } from "./command-table.js";
import { dispatch, settleOutcome } from "./dispatch.js";
import { error } from "./frames.js";
import type { FakeNode } from "./node.js";
import { type ParsedRequest, RequestParser } from "./request-parser.js";
import type { TrackingState } from "./tracking.js";

export interface QueuedCommand {
  readonly def: CommandDef;
  readonly args: Buffer[];
}

export interface Transaction {
  readonly queue: QueuedCommand[];
  /** A queued command was rejected: EXEC answers EXECABORT. */
  failed: boolean;
}

export interface WatchedKey {
  readonly db: number;
  readonly key: Buffer;
  readonly version: number;
}

export interface BlockedWait {
  readonly request: BlockRequest;
  cancelTimer: () => void;
}

/** A read-only snapshot of a connection's state, for tests. */
export interface SessionState {
  readonly id: number;
  readonly address: string;
  readonly name: string | undefined;
  readonly db: number;
  readonly resp: 2 | 3;
  readonly user: string;
  readonly authenticated: boolean;
  readonly readonly: boolean;
  readonly asking: boolean;
  readonly inMulti: boolean;
  readonly blocked: boolean;
  readonly channels: readonly string[];
  readonly patterns: readonly string[];
  readonly shardChannels: readonly string[];
  readonly libName: string;
  readonly libVersion: string;
  /** Commands received on this connection, by full name (`client|setname`). */
  readonly commands: ReadonlyMap<string, number>;
}

export class Session {
  resp: 2 | 3 = 2;
  db = 0;
  name: string | undefined;
  libName = "";
  libVersion = "";
  user = "default";
  authenticated: boolean;
  readonlyMode = false;
  asking = false;
  transaction: Transaction | undefined;
  watched: WatchedKey[] = [];
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();
  blocked: BlockedWait | undefined;
  /** CLIENT NO-EVICT and NO-TOUCH. */
  noEvict = false;
  noTouch = false;
  /** CLIENT REPLY: OFF drops replies; SKIP drops the next command's. */
  replies: "on" | "off" | "skip-next" | "skip" = "on";
  /** CLIENT TRACKING settings while tracking is on. */
  tracking: TrackingState | undefined;
  readonly commandCounts = new Map<string, number>();
  lastCommand = "NULL";
  readonly createdAt: number;
  readonly address: string;
  readonly localAddress: string;
  lastActivity: number;
  /** CLIENT INFO's tot-net-in, tot-net-out and tot-cmds. */
  bytesIn = 0;
  bytesOut = 0;
  commandsRun = 0;
  private readonly parser: RequestParser;
  private pending: Buffer[] = [];
  private heldPushes: ReplyFrame[] | undefined;
  /** Frames due after the running command's reply (its own MONITOR line). */
  private afterReply: ReplyFrame[] = [];
  /** One function per connection (not per request), reading the current db when called. */
  private readonly notifyEvent = (type: string, event: string, key: Buffer, db?: Keyspace): void =>
    this.node.notifyKeyspaceEvent(
      type,
      event,
      key,
      db === undefined ? this.db : this.node.databases.indexOf(db),
    );
  /** A request held back by CLIENT PAUSE, run when the pause ends. */
  private pausedRequest: ParsedRequest | undefined;
  private flushScheduled = false;
  private closeAfterFlush = false;
  private closed = false;

  constructor(
    readonly node: FakeNode,
    readonly socket: Socket,
    readonly id: number,
  ) {
    this.authenticated = !node.auth.passwordRequired();
    this.createdAt = node.clock.now();
    this.lastActivity = this.createdAt;
    this.parser = new RequestParser({
      authenticated: () => this.authenticated,
      maxBulkLength: () => node.config.getNumber("proto-max-bulk-len"),
    });
    // Kept from the start: a closed socket no longer knows its addresses.
    this.address = `${socket.remoteAddress ?? "127.0.0.1"}:${socket.remotePort ?? 0}`;
    this.localAddress = `${socket.localAddress ?? "127.0.0.1"}:${socket.localPort ?? 0}`;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Subscriptions counted the way (P)SUBSCRIBE replies count them. */
  get classicSubscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** RESP2 subscriber mode: only (P|S)(UN)SUBSCRIBE, PING, QUIT and RESET are accepted. */
  get inSubscriberMode(): boolean {
    return this.resp === 2 && this.channels.size + this.patterns.size + this.shardChannels.size > 0;
  }

  dataContext(): DataContext {
    return {
      db: this.node.database(this.db),
      dbs: this.node.databases,
      clock: this.node.clock,
      random: this.node.random,
      resp: this.resp,
      notify: this.notifyEvent,
    };
  }

  state(): SessionState {
    return {
      id: this.id,
      address: this.address,
      name: this.name,
      db: this.db,
      resp: this.resp,
      user: this.user,
      authenticated: this.authenticated,
      readonly: this.readonlyMode,
      asking: this.asking,
      inMulti: this.transaction !== undefined,
      blocked: this.blocked !== undefined,
      channels: [...this.channels],
      patterns: [...this.patterns],
      shardChannels: [...this.shardChannels],
      libName: this.libName,
      libVersion: this.libVersion,
      commands: new Map(this.commandCounts),
    };
  }

  /** Queues a reply (or push) for the next write. */
  send(frame: ReplyFrame): void {
    // A blackholed node writes nothing at all, pushes included.
    if (this.closed || this.node.faults.blackhole) return;
    // CLIENT REPLY OFF/SKIP silences replies, not pushes.
    if ((this.replies === "off" || this.replies === "skip") && frame.type !== "push") return;
    this.pending.push(encodeReplyFrame(frame, this.resp));
    this.scheduleFlush();
  }

  /**
   * Queues a Pub/Sub message. While this session runs EXEC, messages wait
   * until EXEC's reply is out, as on the server.
   */
  sendPush(frame: ReplyFrame): void {
    if (this.heldPushes !== undefined) this.heldPushes.push(frame);
    else this.send(frame);
  }

  /** Holds this session's Pub/Sub messages while `run` executes; returns them. */
  holdingPushes<T>(run: () => T): { result: T; pushes: ReplyFrame[] } {
    const pushes: ReplyFrame[] = [];
    this.heldPushes = pushes;
    try {
      return { result: run(), pushes };
    } finally {
      this.heldPushes = undefined;
    }
  }

  /** Queues a frame to follow the reply of the command running now. */
  sendAfterReply(frame: ReplyFrame): void {
    this.afterReply.push(frame);
  }

  /** Writes bytes as they are, for malformed-reply tests. */
  sendRaw(bytes: Buffer): void {
    if (this.closed) return;
    this.pending.push(bytes);
    this.scheduleFlush();
  }

  /** Closes the connection once everything queued has been written. */
  closeWhenFlushed(): void {
    this.closeAfterFlush = true;
    this.scheduleFlush();
  }

  /** Drops the connection at once, as a killed node or CLIENT KILL does. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.blocked?.cancelTimer();
    this.blocked = undefined;
    this.node.forgetSession(this);
    this.socket.destroy();
  }

  /** Resumes the requests pipelined behind a command that was blocked. */
  unblock(reply: ReplyFrame): void {
    const wait = this.blocked;
    if (wait === undefined) return;
    wait.cancelTimer();
    this.blocked = undefined;
    this.send(reply);
    // Later: the waker may be in the middle of propagating a write.
    queueMicrotask(() => this.processInput());
  }

  private onData(chunk: Buffer): void {
    if (this.closed) return;
    const latency = this.node.faults.latencyMs;
    if (latency > 0) {
      // Same delay for every chunk, so timers fire in arrival order.
      setTimeout(() => this.receive(chunk), latency);
      return;
    }
    this.receive(chunk);
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    this.lastActivity = this.node.clock.now();
    this.bytesIn += chunk.length;
    this.parser.feed(chunk);
    this.processInput();
  }

  /** The pause that held this client's next request ended. */
  resumeAfterPause(): void {
    queueMicrotask(() => this.processInput());
  }

  /** True while CLIENT PAUSE holds this client's next request back. */
  get isPaused(): boolean {
    return this.pausedRequest !== undefined;
  }

  private processInput(): void {
    while (!this.closed && this.blocked === undefined && !this.closeAfterFlush) {
      const request = this.pausedRequest ?? this.parser.next();
      this.pausedRequest = undefined;
      if (request === undefined) return;
      if ("args" in request && this.node.pause.holds(this, request.args)) {
        this.pausedRequest = request;
        this.node.pause.hold(this);
        return;
      }
      if ("protocolError" in request) {
        this.send(error(`ERR Protocol error: ${request.protocolError}`));
        this.closeWhenFlushed();
        return;
      }
      if (this.node.faults.blackhole) continue;
      const outcome = dispatch(this, request.args);
      settleOutcome(this, outcome);
      if (this.afterReply.length > 0) {
        for (const frame of this.afterReply.splice(0)) this.send(frame);
      }
      // CLIENT REPLY SKIP silences the command after it, then replies resume.
      if (this.replies === "skip") this.replies = "on";
      else if (this.replies === "skip-next") this.replies = "skip";
      this.node.tracking.afterCommand(this, this.lastCommand);
    }
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    if (this.pending.length > 0) {
      const bytes =
        this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
      this.pending = [];
      this.bytesOut += bytes.length;
      this.socket.write(bytes);
    }
    if (this.closeAfterFlush) {
      this.closed = true;
      this.node.forgetSession(this);
      this.socket.end();
    }
  }
}
