// The codec against a real server: commands encoded by CommandEncoder, replies
// decoded by RespDecoder, over RESP2 and RESP3, including DEBUG PROTOCOL's
// sample of every reply type.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type CommandArg,
  CommandEncoder,
  RequestError,
  RespDecoder,
  type RespMap,
  type RespValue,
} from "../src/index.js";

const SERVER = "/usr/bin/redis-server";

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A minimal pipelined connection: one pending reply per command, in order. */
class Connection {
  readonly pushes: RespValue[][] = [];
  readonly attributes: RespMap[] = [];
  readonly #pushWaiters: (() => void)[] = [];
  readonly #pending: { resolve(value: RespValue): void; asBuffers: boolean }[] = [];
  readonly #decoder: RespDecoder;
  readonly #encoder = new CommandEncoder();

  readonly #socket: net.Socket;

  private constructor(socket: net.Socket) {
    this.#socket = socket;
    this.#decoder = new RespDecoder(
      {
        onReply: (value) => this.#pending.shift()?.resolve(value),
        onPush: (value) => {
          this.pushes.push(value);
          for (const waiter of this.#pushWaiters.splice(0)) waiter();
        },
        onAttribute: (value) => this.attributes.push(value),
        onError: (error) => socket.destroy(error),
        replyAsBuffers: () => this.#pending[0]?.asBuffers === true,
      },
      { pushAsBuffers: false },
    );
    socket.on("data", (chunk: Buffer) => this.#decoder.feed(chunk));
  }

  static async open(port: number): Promise<Connection> {
    const socket = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", reject);
    });
    return new Connection(socket);
  }

  send(args: CommandArg[], asBuffers = false): Promise<RespValue> {
    return this.sendMany([args], asBuffers)[0] as Promise<RespValue>;
  }

  sendMany(commands: CommandArg[][], asBuffers = false): Promise<RespValue>[] {
    const replies = commands.map((command) => {
      this.#encoder.push(command);
      return new Promise<RespValue>((resolve) => this.#pending.push({ resolve, asBuffers }));
    });
    this.#socket.cork();
    for (const chunk of this.#encoder.take()) this.#socket.write(chunk, "latin1");
    this.#socket.uncork();
    return replies;
  }

  /** Resolves once `count` pushes have arrived. */
  async pushCount(count: number): Promise<void> {
    while (this.pushes.length < count) {
      await new Promise<void>((resolve) => this.#pushWaiters.push(resolve));
    }
  }

  close(): void {
    this.#socket.destroy();
  }
}

let server: ChildProcess | undefined;
let port = 0;

beforeAll(async () => {
  port = await freePort();
  server = spawn(
    SERVER,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"].concat([
      "--enable-debug-command",
      "yes",
    ]),
    { stdio: "ignore" },
  );
  // Wait until the server accepts connections, for at most 10 s.
  for (let attempt = 0; attempt < 200; attempt++) {
    try {
      const probe = await Connection.open(port);
      probe.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error("redis-server did not start");
}, 15_000);

afterAll(async () => {
  if (server?.pid === undefined || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once("exit", resolve));
  process.kill(server.pid, "SIGTERM");
  await exited;
});

describe.runIf(existsSync(SERVER))("against redis-server", () => {
  test("RESP3: HELLO, binary values, errors and a 1 MiB value", async () => {
    const connection = await Connection.open(port);
    const hello = (await connection.send(["HELLO", "3"])) as RespMap;
    expect(hello.find((entry) => entry.key === "proto")?.value).toBe(3);
    const binary = Buffer.from([0, 13, 10, 255, 36, 42]);
    expect(await connection.send(["SET", "bin", binary])).toBe("OK");
    expect(await connection.send(["GET", "bin"], true)).toEqual(binary);
    const big = Buffer.alloc(1024 * 1024, 0x7a);
    expect(await connection.send(["SET", "big", big])).toBe("OK");
    const fetched = await connection.send(["GET", "big"], true);
    // Buffer.equals: vitest's deep equality walks a 1 MiB Buffer byte by byte, slowly.
    expect(Buffer.isBuffer(fetched) && fetched.equals(big)).toBe(true);
    expect(await connection.send(["STRLEN", "big"])).toBe(big.length);
    const error = await connection.send(["INCR", "big"]);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).message).toMatch(/^ERR value is not an integer/);
    connection.close();
  });

  test("RESP3: every DEBUG PROTOCOL reply type", async () => {
    const connection = await Connection.open(port);
    await connection.send(["HELLO", "3"]);
    const debug = (type: string) => connection.send(["DEBUG", "PROTOCOL", type]);
    expect(await debug("string")).toBe("Hello World");
    expect(await debug("integer")).toBe(12345);
    expect(await debug("double")).toBe(3141 / 1000);
    expect(await debug("bignum")).toBe(1234567999999999999999999999999999999n);
    expect(await debug("null")).toBe(null);
    expect(await debug("array")).toEqual([0, 1, 2]);
    expect(await debug("set")).toEqual(new Set([0, 1, 2]));
    expect(await debug("map")).toEqual([
      { key: 0, value: false },
      { key: 1, value: true },
      { key: 2, value: false },
    ]);
    expect(await debug("true")).toBe(true);
    expect(await debug("false")).toBe(false);
    expect(await debug("verbatim")).toBe("This is a verbatim\nstring");
    expect(await debug("attrib")).toBe("Some real reply following the attribute");
    expect(connection.attributes).toEqual([[{ key: "key-popularity", value: ["key:123", 90] }]]);
    expect(await debug("push")).toBe("Some real reply following the push reply");
    expect(connection.pushes).toEqual([["server-cpu-usage", 42]]);
    connection.close();
  });

  test("RESP2: the same types arrive downgraded", async () => {
    const connection = await Connection.open(port);
    const debug = (type: string) => connection.send(["DEBUG", "PROTOCOL", type]);
    expect(await debug("double")).toBe("3.141");
    expect(await debug("bignum")).toBe("1234567999999999999999999999999999999");
    expect(await debug("null")).toBe(null);
    expect(await debug("map")).toEqual([0, 0, 1, 1, 2, 0]);
    expect(await debug("true")).toBe(1);
    expect(connection.pushes).toEqual([]);
    connection.close();
  });

  test("1,000 pipelined commands in one write come back in order", async () => {
    const connection = await Connection.open(port);
    const commands: CommandArg[][] = [];
    for (let i = 0; i < 500; i++)
      commands.push(["SET", `key:${i}`, `välue:${i}`], ["GET", `key:${i}`]);
    const replies = await Promise.all(connection.sendMany(commands));
    for (let i = 0; i < 500; i++) {
      expect(replies[2 * i]).toBe("OK");
      expect(replies[2 * i + 1]).toBe(`välue:${i}`);
    }
    connection.close();
  });

  test("RESP3 subscribe confirmations are pushes, not replies", async () => {
    const connection = await Connection.open(port);
    await connection.send(["HELLO", "3"]);
    // In RESP3 the confirmation is a push and no reply follows; this promise stays pending.
    void connection.send(["SUBSCRIBE", "news"]);
    const publisher = await Connection.open(port);
    await connection.pushCount(1);
    expect(connection.pushes[0]).toEqual(["subscribe", "news", 1]);
    expect(await publisher.send(["PUBLISH", "news", "hello"])).toBe(1);
    await connection.pushCount(2);
    expect(connection.pushes[1]).toEqual(["message", "news", "hello"]);
    publisher.close();
    connection.close();
  });
});
