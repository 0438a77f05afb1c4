// The servers' own CPU time over the measured window. Read from each server's
// INFO cpu (getrusage of the whole server process, printed to the microsecond)
// over a separate connection, not from /proc/<pid>/stat, whose utime+stime
// count 10 ms clock ticks: 6 cluster nodes over a 1.5 s window use a few
// hundred ms between them, so ticks would put several percent of error on
// each node's figure.
import { connect, type Socket } from "node:net";
import type { ServerAddress } from "../clients/bench-client.js";

/**
 * used_cpu_user + used_cpu_sys of an INFO reply, in microseconds.
 * Throws if either field is missing, so a changed format fails loudly.
 */
export function parseInfoCpuMicros(info: string): number {
  let total = 0;
  for (const field of ["used_cpu_user", "used_cpu_sys"]) {
    const match = new RegExp(`^${field}:(\\d+)(?:\\.(\\d+))?\\r?$`, "m").exec(info);
    if (!match) throw new Error(`INFO cpu has no ${field}`);
    // Whole seconds and a fraction kept as digits: no float rounding below the microsecond.
    const fraction = (match[2] ?? "").padEnd(6, "0").slice(0, 6);
    total += Number(match[1]) * 1_000_000 + Number(fraction);
  }
  return total;
}

/**
 * The body of one RESP bulk string (`$<length>\r\n<body>\r\n`) once `buffer` holds it
 * whole, else undefined. An error reply (`-…`) throws.
 */
export function completeBulkString(buffer: Buffer): string | undefined {
  const headerEnd = buffer.indexOf("\r\n");
  if (headerEnd < 0) return undefined;
  const header = buffer.toString("latin1", 0, headerEnd);
  if (header.startsWith("-")) throw new Error(`Server replied ${header.slice(1)}`);
  if (!header.startsWith("$")) throw new Error(`Expected a bulk string, got "${header}"`);
  const length = Number(header.slice(1));
  const start = headerEnd + 2;
  if (buffer.length < start + length + 2) return undefined;
  return buffer.toString("utf8", start, start + length);
}

/** One connection to one server, asking INFO cpu on demand. */
class InfoConnection {
  private pending: Buffer = Buffer.alloc(0);
  private waiter: { resolve: (text: string) => void; reject: (error: Error) => void } | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (error) => this.fail(error));
    socket.on("close", () => this.fail(new Error("INFO connection closed")));
  }

  static open(address: ServerAddress): Promise<InfoConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(address.port, address.host);
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        socket.setNoDelay(true);
        resolve(new InfoConnection(socket));
      });
    });
  }

  cpuMicros(): Promise<number> {
    if (this.waiter) throw new Error("One INFO at a time per connection");
    return new Promise<string>((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.socket.write("INFO cpu\r\n");
    }).then(parseInfoCpuMicros);
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const waiter = this.waiter;
    if (!waiter) return;
    try {
      const text = completeBulkString(this.pending);
      if (text === undefined) return;
      this.pending = Buffer.alloc(0);
      this.waiter = undefined;
      waiter.resolve(text);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private fail(error: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}

/** The summed CPU of a set of servers, sampled at the edges of a window. */
export class ServerCpuProbe {
  private constructor(private readonly connections: readonly InfoConnection[]) {}

  /** Connects to every server up front, so connecting is not inside the window. */
  static async open(addresses: readonly ServerAddress[]): Promise<ServerCpuProbe> {
    const opened = await Promise.allSettled(
      addresses.map((address) => InfoConnection.open(address)),
    );
    const connections = opened.flatMap((entry) =>
      entry.status === "fulfilled" ? [entry.value] : [],
    );
    const failed = opened.find((entry) => entry.status === "rejected");
    if (failed) {
      for (const connection of connections) connection.close();
      throw failed.reason;
    }
    return new ServerCpuProbe(connections);
  }

  /** user+system CPU of all the servers so far, in microseconds. */
  async totalMicros(): Promise<number> {
    const values = await Promise.all(this.connections.map((connection) => connection.cpuMicros()));
    return values.reduce((sum, value) => sum + value, 0);
  }

  close(): void {
    for (const connection of this.connections) connection.close();
  }
}
