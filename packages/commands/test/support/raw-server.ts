// Test support: one throwaway redis-server on a free loopback port, and a bare
// RESP connection that sends Command objects and parses their replies exactly
// as a client would. Lets the definitions be checked against a real server
// without depending on the client package.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, createServer, type Socket } from "node:net";
import { encodeCommand, RespDecoder, type RespValue } from "@petrel/protocol";
import { type Command, Decoder } from "../../src/command.js";
import { parseReply } from "../../src/spec.js";

/** The server to start: $PETREL_REDIS_SERVER, else an installed valkey-server or redis-server. */
export const serverBinary: string | undefined =
  process.env.PETREL_REDIS_SERVER ??
  ["/usr/bin/valkey-server", "/usr/bin/redis-server"].find((path) => existsSync(path));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function tryConnect(port: number): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => resolve(socket));
    socket.once("error", () => {
      socket.destroy();
      resolve(undefined);
    });
  });
}

export interface RawServer {
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts redis-server without persistence; resolves once it accepts connections. */
export async function startRawServer(deadlineMs = 10_000): Promise<RawServer> {
  if (!serverBinary) throw new Error("no valkey-server or redis-server is installed");
  const port = await freePort();
  const child: ChildProcess = spawn(
    serverBinary,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    const socket = await tryConnect(port);
    if (socket) {
      socket.destroy();
      return { port, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await stop();
  throw new Error(`redis-server did not accept connections on port ${port}`);
}

/** One connection speaking RESP2 or RESP3; requests are answered in order. */
export class RawConnection {
  readonly #pending: {
    resolve: (value: RespValue) => void;
    reject: (error: Error) => void;
    asBuffers: boolean;
  }[] = [];
  readonly #decoder: RespDecoder;

  readonly #socket: Socket;

  private constructor(socket: Socket) {
    this.#socket = socket;
    this.#decoder = new RespDecoder({
      onReply: (value) => this.#pending.shift()?.resolve(value),
      onPush: () => undefined,
      onError: (error) => this.#failAll(error),
      replyAsBuffers: () => this.#pending[0]?.asBuffers === true,
    });
    socket.on("data", (chunk: Buffer) => this.#decoder.feed(chunk));
    socket.on("error", (error) => this.#failAll(error));
    socket.on("close", () => this.#failAll(new Error("connection closed")));
  }

  static async open(port: number, resp: 2 | 3): Promise<RawConnection> {
    const socket = await tryConnect(port);
    if (!socket) throw new Error(`cannot connect to 127.0.0.1:${port}`);
    const connection = new RawConnection(socket);
    await connection.raw(["HELLO", resp]);
    return connection;
  }

  /** Sends an argument list; resolves to the decoded, unshaped reply. */
  raw(args: (string | number | Buffer)[], asBuffers = false): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject, asBuffers });
      this.#socket.write(encodeCommand(args));
    });
  }

  /** Sends a command and shapes its reply with the command's own parser. */
  async send<T>(cmd: Command<T>, resp: 2 | 3): Promise<T> {
    const reply = await this.raw(cmd.args, cmd.decoder === Decoder.Bytes);
    if (reply instanceof Error) throw reply;
    return parseReply(cmd, reply, resp);
  }

  close(): void {
    this.#socket.destroy();
  }

  #failAll(error: Error): void {
    for (const request of this.#pending.splice(0)) request.reject(error);
  }
}
