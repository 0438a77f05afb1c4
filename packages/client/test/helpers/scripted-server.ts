// A tiny RESP server whose answers a test scripts, for faults a real server
// cannot produce (malformed bytes, refused HELLO, pushes between replies, silence).
import net from "node:net";

export type Answer = string | Buffer | "close" | "silence";

/** Returns the raw bytes to answer `args`, "close" to drop the connection, "silence" to hold the reply. */
export type Script = (args: string[], connection: ScriptedConnection) => Answer;

export interface ScriptedConnection {
  readonly id: number;
  /** Every command received, in order. */
  readonly commands: string[][];
  readonly socket: net.Socket;
}

/** Default answers for the handshake and a few commands. */
export function defaultAnswer(args: string[]): string {
  const name = (args[0] ?? "").toUpperCase();
  if (name === "HELLO") return "%1\r\n$5\r\nproto\r\n:3\r\n";
  if (name === "PING") return "+PONG\r\n";
  if (name === "ECHO") return bulk(args[1] ?? "");
  if (name === "INFO") return bulk("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n");
  return "+OK\r\n";
}

export function bulk(text: string): string {
  return `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

/** Parses complete RESP arrays of bulk strings from `buffer`; returns the commands and the rest. */
function parseCommands(buffer: Buffer): { commands: string[][]; rest: Buffer } {
  const commands: string[][] = [];
  let offset = 0;
  for (;;) {
    const start = offset;
    const line = (): string | undefined => {
      const end = buffer.indexOf("\r\n", offset);
      if (end < 0) return undefined;
      const text = buffer.toString("latin1", offset, end);
      offset = end + 2;
      return text;
    };
    const header = line();
    if (header === undefined || !header.startsWith("*")) {
      offset = start;
      break;
    }
    const count = Number(header.slice(1));
    const args: string[] = [];
    let complete = true;
    for (let i = 0; i < count; i++) {
      const lengthLine = line();
      if (lengthLine === undefined) {
        complete = false;
        break;
      }
      const length = Number(lengthLine.slice(1));
      if (buffer.length < offset + length + 2) {
        complete = false;
        break;
      }
      args.push(buffer.toString("utf8", offset, offset + length));
      offset += length + 2;
    }
    if (!complete) {
      offset = start;
      break;
    }
    commands.push(args);
  }
  return { commands, rest: buffer.subarray(offset) };
}

export class ScriptedServer {
  readonly connections: ScriptedConnection[] = [];
  private readonly server: net.Server;
  private readonly held: { socket: net.Socket; bytes: string | Buffer }[] = [];
  /** While true, every answer is held until release(). */
  blackholed = false;

  private constructor(private script: Script) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  static async start(script: Script = defaultAnswer): Promise<ScriptedServer> {
    const server = new ScriptedServer(script);
    await new Promise<void>((resolve) => server.server.listen(0, "127.0.0.1", resolve));
    return server;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  get address(): { host: string; port: number } {
    return { host: "127.0.0.1", port: this.port };
  }

  setScript(script: Script): void {
    this.script = script;
  }

  /** Writes every held answer, in order. */
  release(): void {
    this.blackholed = false;
    for (const { socket, bytes } of this.held.splice(0)) if (!socket.destroyed) socket.write(bytes);
  }

  async stop(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: net.Socket): void {
    const connection: ScriptedConnection = { id: this.connections.length, commands: [], socket };
    this.connections.push(connection);
    let pending = Buffer.alloc(0);
    socket.on("error", () => undefined);
    socket.on("data", (chunk: Buffer) => {
      const { commands, rest } = parseCommands(Buffer.concat([pending, chunk]));
      pending = Buffer.from(rest);
      for (const args of commands) {
        connection.commands.push(args);
        const answer = this.script(args, connection);
        if (answer === "close") {
          socket.destroy();
          return;
        }
        if (answer === "silence") continue;
        if (this.blackholed) this.held.push({ socket, bytes: answer });
        else socket.write(answer);
      }
    });
  }
}
