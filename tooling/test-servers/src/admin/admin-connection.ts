// One short-lived admin connection to a test server (plain or TLS), used for
// readiness checks and cluster setup. Replies arrive in request order.
import net from "node:net";
import tls from "node:tls";
import type { ServerAddress } from "../types.js";
import { AdminConnectionError, ServerReplyError } from "../util/errors.js";
import { type AdminReply, encodeCommand, ReplyReader } from "./resp-wire.js";

export interface AdminTls {
  ca: string;
  cert?: string;
  key?: string;
}

export interface AdminConnectOptions extends ServerAddress {
  tls?: AdminTls;
  /** AUTH sent first: a password for `default`, or a user and password. */
  auth?: { username?: string; password: string };
  timeoutMs?: number;
}

interface Waiter {
  resolve: (reply: AdminReply) => void;
  reject: (error: Error) => void;
}

export class AdminConnection {
  private readonly waiters: Waiter[] = [];
  private readonly reader = new ReplyReader();
  private failure: Error | undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error) => this.fail(new AdminConnectionError(error.message)));
    socket.on("close", () => this.fail(new AdminConnectionError("connection closed")));
  }

  static async open(options: AdminConnectOptions): Promise<AdminConnection> {
    const timeoutMs = options.timeoutMs ?? 2_000;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const readyEvent = options.tls ? "secureConnect" : "connect";
      const s = options.tls
        ? tls.connect({
            host: options.host,
            port: options.port,
            ca: options.tls.ca,
            cert: options.tls.cert,
            key: options.tls.key,
          })
        : net.connect({ host: options.host, port: options.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new AdminConnectionError(`connect to ${options.host}:${options.port} timed out`));
      }, timeoutMs);
      s.once(readyEvent, () => {
        clearTimeout(timer);
        s.removeAllListeners("error");
        resolve(s);
      });
      s.once("error", (error) => {
        clearTimeout(timer);
        s.destroy();
        reject(new AdminConnectionError(error.message));
      });
    });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error("admin command timed out")));
    const connection = new AdminConnection(socket);
    if (options.auth) {
      const args = options.auth.username
        ? ["AUTH", options.auth.username, options.auth.password]
        : ["AUTH", options.auth.password];
      try {
        await connection.call(...args);
      } catch (error) {
        connection.close();
        throw error;
      }
    }
    return connection;
  }

  /** Sends a command; resolves with its reply, rejects with ServerReplyError on an error reply. */
  async call(...args: string[]): Promise<AdminReply> {
    const reply = await this.send(args);
    if (reply instanceof ServerReplyError) throw reply;
    return reply;
  }

  /** Like `call`, but the reply must be a string (INFO, CLUSTER NODES, PING...). */
  async text(...args: string[]): Promise<string> {
    const reply = await this.call(...args);
    if (typeof reply !== "string") {
      throw new ServerReplyError(`${args[0]} replied ${JSON.stringify(reply)}, expected a string`);
    }
    return reply;
  }

  /** Sends a command and returns the reply, error replies included, without throwing. */
  send(args: readonly string[]): Promise<AdminReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<AdminReply>((resolve, reject) => {
      this.waiters.push({ resolve, reject });
      this.socket.write(encodeCommand(args));
    });
  }

  close(): void {
    this.fail(new AdminConnectionError("connection closed by the tooling"));
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    let replies: AdminReply[];
    try {
      replies = this.reader.push(chunk);
    } catch (error) {
      this.socket.destroy();
      this.fail(new AdminConnectionError(error instanceof Error ? error.message : String(error)));
      return;
    }
    for (const reply of replies) this.waiters.shift()?.resolve(reply);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}

/** Opens a connection, runs `use`, and always closes it. */
export async function withAdminConnection<T>(
  options: AdminConnectOptions,
  use: (connection: AdminConnection) => Promise<T>,
): Promise<T> {
  const connection = await AdminConnection.open(options);
  try {
    return await use(connection);
  } finally {
    connection.close();
  }
}

/** Parses `INFO` / `CLUSTER INFO` text into fields. */
export function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0 && !line.startsWith("#")) fields.set(line.slice(0, colon), line.slice(colon + 1));
  }
  return fields;
}
