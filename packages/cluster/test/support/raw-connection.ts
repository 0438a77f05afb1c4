// A minimal pipelined connection for integration tests: one socket, replies
// matched to requests in order, decoded by @petrel/protocol.
import net from "node:net";
import { type CommandArg, encodeCommand, RespDecoder, type RespValue } from "@petrel/protocol";

interface Pending {
  resolve(value: RespValue): void;
  reject(error: Error): void;
}

export class RawConnection {
  readonly #socket: net.Socket;
  readonly #pending: Pending[] = [];
  readonly #decoder: RespDecoder;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#decoder = new RespDecoder({
      onReply: (value) => this.#pending.shift()?.resolve(value),
      onPush: () => {},
      onError: (error) => this.#failAll(error),
    });
    socket.on("data", (chunk: Buffer) => this.#decoder.feed(chunk));
    socket.on("error", (error) => this.#failAll(error));
    socket.on("close", () => this.#failAll(new Error("connection closed")));
  }

  static open(host: string, port: number, resp: 2 | 3 = 2): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      socket.once("error", reject);
      socket.once("connect", () => {
        socket.off("error", reject);
        const connection = new RawConnection(socket);
        if (resp === 2) resolve(connection);
        else connection.call(["HELLO", "3"]).then(() => resolve(connection), reject);
      });
    });
  }

  /** Sends one command; resolves with its reply (an error reply resolves to a RequestError value). */
  call(args: readonly CommandArg[]): Promise<RespValue> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#socket.write(encodeCommand(args));
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.splice(0)) pending.reject(error);
  }
}

/** One connection per address, opened on first use. */
export class ConnectionPool {
  readonly #connections = new Map<string, Promise<RawConnection>>();

  constructor(readonly resp: 2 | 3 = 2) {}

  get(host: string, port: number): Promise<RawConnection> {
    const address = `${host}:${port}`;
    let connection = this.#connections.get(address);
    if (connection === undefined) {
      connection = RawConnection.open(host, port, this.resp);
      this.#connections.set(address, connection);
    }
    return connection;
  }

  async closeAll(): Promise<void> {
    for (const connection of this.#connections.values()) (await connection).close();
    this.#connections.clear();
  }
}
