// The connection lifecycle, once for every kind of connection built on a Link:
// the same cases run against the request connection (FIFO replies) and the
// subscriber connection (pushes). Servers: a scripted RESP server, a raw TCP
// server, @petrel/fake-valkey, and a real TLS redis-server.
import net from "node:net";
import { startStandalone as startFake, until } from "@petrel/fake-valkey";
import { type RunningTopology, startStandalone as startReal } from "@petrel/test-servers";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { ResolvedCredentials } from "../src/auth/credentials-provider.js";
import type { ResolvedAddress } from "../src/config/resolved.js";
import {
  ConnectionError,
  DeadlineQueue,
  type GlideClientConfiguration,
  Link,
  type LinkError,
  NodeConnection,
  resolveConfig,
  TimeoutError,
  type WireRequest,
} from "../src/index.js";
import { SubscriberConnection } from "../src/pubsub/subscriber-connection.js";
import { bulk, defaultAnswer, type Script, ScriptedServer } from "./helpers/scripted-server.js";

type Options = Partial<GlideClientConfiguration>;
type Credentials = () => Promise<ResolvedCredentials | undefined>;

/** One connection under test, whatever its kind. */
interface Handle {
  readonly link: Link;
  connect(): Promise<void>;
  /** Sends one command that the server answers (`tag` names it); resolves on the answer. */
  roundTrip(tag: string): Promise<void>;
  close(): void;
}

interface Kind {
  readonly name: string;
  /** The command `roundTrip` sends, as the server sees it. */
  readonly command: string;
  open(address: ResolvedAddress, options: Options, credentials?: Credentials): Handle;
}

const noCredentials: Credentials = async () => undefined;

const requestKind: Kind = {
  name: "request connection",
  command: "ECHO",
  open(address, options, credentials = noCredentials) {
    const config = resolveConfig({ addresses: [address], ...options });
    const deadlines = new DeadlineQueue<WireRequest>((request) =>
      request.fail(new TimeoutError("timed out")),
    );
    const connection = new NodeConnection({ address, config, credentials, deadlines });
    return {
      link: connection.link,
      connect: () => connection.connect(),
      async roundTrip(tag) {
        expect(await connection.execute([["ECHO", tag]])).toEqual([tag]);
      },
      close() {
        connection.close(new ConnectionError("test over"));
        deadlines.clear();
      },
    };
  },
};

const subscriberKind: Kind = {
  name: "subscriber connection",
  command: "SUBSCRIBE",
  open(address, options, credentials = noCredentials) {
    const config = resolveConfig({ addresses: [address], ...options });
    const confirmed = new Set<string>();
    const connection = new SubscriberConnection({
      config,
      target: async () => address,
      credentials,
      onEvent: (event) => {
        if (event.kind === "subscribe") confirmed.add(String(event.fields[0]));
      },
      onServerError: () => undefined,
      onReady: () => undefined,
      onLost: () => undefined,
    });
    return {
      link: connection.link,
      connect: () => connection.connect(),
      async roundTrip(tag) {
        await connection.connect();
        expect(connection.write(["SUBSCRIBE", tag])).toBe(true);
        await until(() => confirmed.has(tag), 3000);
      },
      close: () => connection.close(),
    };
  },
};

const kinds: readonly Kind[] = [requestKind, subscriberKind];

/** The scripted server's answers, with SUBSCRIBE confirmed by a RESP3 push. */
const answer = (args: string[]): string =>
  args[0] === "SUBSCRIBE"
    ? `>3\r\n$9\r\nsubscribe\r\n${bulk(args[1] ?? "")}:1\r\n`
    : defaultAnswer(args);

const servers: ScriptedServer[] = [];
const handles: Handle[] = [];
const rawServers: { server: net.Server; sockets: Set<net.Socket> }[] = [];

async function scripted(script: Script = answer): Promise<ScriptedServer> {
  const server = await ScriptedServer.start(script);
  servers.push(server);
  return server;
}

function open(
  kind: Kind,
  address: ResolvedAddress,
  options: Options = {},
  credentials?: Credentials,
) {
  const handle = kind.open(address, options, credentials);
  handles.push(handle);
  return handle;
}

/** A TCP server on 127.0.0.1 that answers every connection with `greeting` (not TLS); `received` collects what clients sent. */
async function rawServer(greeting: string, received: Buffer[]): Promise<ResolvedAddress> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
    socket.on("close", () => sockets.delete(socket));
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.end(greeting);
  });
  rawServers.push({ server, sockets });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { host: "127.0.0.1", port: (server.address() as net.AddressInfo).port };
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<ResolvedAddress> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { host: "127.0.0.1", port };
}

async function failure(promise: Promise<unknown>): Promise<LinkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectionError);
  return error as LinkError;
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const handle of handles.splice(0)) handle.close();
  for (const server of servers.splice(0)) await server.stop();
  for (const { server, sockets } of rawServers.splice(0)) {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

describe.each(kinds)("$name lifecycle", (kind) => {
  it("connect timeout: the deadline covers the handshake, with ETIMEDOUT", async () => {
    const server = await scripted((args) => (args[0] === "HELLO" ? "silence" : answer(args)));
    const handle = open(kind, server.address, {
      advancedConfiguration: { connectionTimeout: 150 },
    });
    const started = performance.now();
    const error = await failure(handle.connect());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error.message).toMatch(/timed out after 150 ms/);
    expect(error.code).toBe("ETIMEDOUT");
    expect(handle.link.state).toBe("backoff");
  });

  it("refused: the errno code and the socket error are kept", async () => {
    const handle = open(kind, await closedPort());
    const error = await failure(handle.connect());
    expect(error.code).toBe("ECONNREFUSED");
    expect((error.cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it("TLS failure: a plaintext server behind a TLS client fails with a TLS code, no fallback", async () => {
    const received: Buffer[] = [];
    const address = await rawServer("-ERR this is not TLS\r\n", received);
    const handle = open(kind, address, {
      useTLS: true,
      advancedConfiguration: { tlsAdvancedConfiguration: { insecure: true } },
    });
    const error = await failure(handle.connect());
    expect(error.code).toBe("ERR_SSL_WRONG_VERSION_NUMBER");
    expect(error.cause).toBeInstanceOf(Error);
    expect(handle.link.socket).toBeUndefined();
    await until(() => received.length > 0);
    expect(Buffer.concat(received).includes("HELLO")).toBe(false);
  });

  it("credentials-provider failure: a ConnectionError wrapping the provider's error", async () => {
    const server = await scripted();
    const cause = new Error("token service down");
    const handle = open(kind, server.address, {}, async () => {
      throw cause;
    });
    const error = await failure(handle.connect());
    expect(error.message).toBe("Fetching credentials failed: token service down");
    expect(error.cause).toBe(cause);
    expect(server.connections[0]?.commands ?? []).toEqual([]);
  });

  it("handshake error: the server's refusal is the message", async () => {
    const server = await scripted((args) =>
      args[0] === "HELLO" ? "-WRONGPASS invalid username-password pair\r\n" : answer(args),
    );
    const handle = open(kind, server.address, {}, async () => ({
      username: "alice",
      password: "wrong",
    }));
    const error = await failure(handle.connect());
    expect(error.message).toMatch(/^Handshake command HELLO failed: WRONGPASS/);
    expect(server.connections[0]?.commands[0]).toEqual(["HELLO", "3", "AUTH", "alice", "wrong"]);
  });

  it("reconnect with backoff: at once after a loss, then growing delays, then back", async () => {
    const helloAt: number[] = [];
    const server = await scripted((args, connection) => {
      if (args[0] === "HELLO") helloAt[connection.id] = performance.now();
      if (args[0] === "HELLO" && connection.id >= 1 && connection.id <= 3) return "close";
      return answer(args);
    });
    const handle = open(kind, server.address, {
      requestTimeout: 1000,
      connectionBackoff: { numberOfRetries: 3, factor: 40, exponentBase: 2, jitterPercent: 20 },
    });
    await handle.roundTrip("before");
    const lostAt = performance.now();
    server.connections[0]?.socket.destroy();
    await until(() => server.connections.length === 5 && handle.link.state === "ready");
    await handle.roundTrip("after");
    const at = helloAt as [number, number, number, number, number];
    // The first reconnect does not wait; each failure then waits factor * base^n (+ jitter).
    expect(at[1] - lostAt).toBeLessThan(40);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(40 - 2);
    expect(at[3] - at[2]).toBeGreaterThanOrEqual(80 - 2);
    expect(at[4] - at[3]).toBeGreaterThanOrEqual(160 - 2);
  });

  it("stall: a socket silent on an overdue reply is replaced, with no further request", async () => {
    const server = await scripted((args, connection) =>
      connection.id === 0 && args[0] === kind.command && args[1] === "lost"
        ? "silence"
        : answer(args),
    );
    const handle = open(kind, server.address, { requestTimeout: 500 });
    await handle.connect();
    const stalled = vi.spyOn(Link.prototype, "failStalled");
    const started = performance.now();
    const lost = handle.roundTrip("lost");
    lost.catch(() => undefined);
    await until(() => server.connections.length === 2, 5000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(handle.link.stalledAfterMs - 50);
    expect(stalled).toHaveBeenCalledTimes(1);
    if (kind === requestKind) await expect(lost).rejects.toBeInstanceOf(TimeoutError);
    await until(() => handle.link.state === "ready");
    await handle.roundTrip("back");
  });

  it("keepalive on a half-open peer: keepalive is on, and a blackholed peer is left", async () => {
    const keepAlive = vi.spyOn(net.Socket.prototype, "setKeepAlive");
    const stalled = vi.spyOn(Link.prototype, "failStalled");
    const fake = await startFake();
    try {
      const handle = open(
        kind,
        { host: fake.host, port: fake.port },
        {
          requestTimeout: 500,
          advancedConfiguration: { connectionTimeout: 500, tcpKeepAliveInitialDelay: 1000 },
          connectionBackoff: { numberOfRetries: 1, factor: 20, exponentBase: 2, jitterPercent: 0 },
        },
      );
      await handle.roundTrip("one");
      expect(keepAlive).toHaveBeenCalledWith(true, 1000);
      fake.blackhole(fake.primary);
      const lost = handle.roundTrip("two");
      lost.catch(() => undefined);
      await until(() => stalled.mock.calls.length === 1, 5000);
      expect(handle.link.state).not.toBe("ready");
      fake.blackhole(fake.primary, false);
      await until(() => handle.link.state === "ready", 5000);
      await handle.roundTrip("three");
      // Every socket, the replacements included, had keepalive on.
      expect(keepAlive.mock.calls.length).toBeGreaterThanOrEqual(2);
      for (const call of keepAlive.mock.calls) expect(call).toEqual([true, 1000]);
    } finally {
      for (const handle of handles.splice(0)) handle.close();
      await fake.stop();
    }
  });
});

describe("a reconnect that supersedes an attempt in progress", () => {
  it("keeps the new attempt's deadline: the old one settling late does not disarm it", async () => {
    const server = await scripted((args) => (args[0] === "HELLO" ? "silence" : answer(args)));
    const handle = open(requestKind, server.address, {
      advancedConfiguration: { connectionTimeout: 150 },
    });
    const first = handle.connect();
    first.catch(() => undefined);
    await until(() => server.connections.length === 1);
    const started = performance.now();
    const second = handle.link.reconnect(new ConnectionError("test: start over"), {
      username: undefined,
      password: "pw",
    });
    await expect(first).rejects.toThrow(/start over/);
    const error = await failure(second);
    expect(error.code).toBe("ETIMEDOUT");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(server.connections[1]?.commands[0]).toEqual(["HELLO", "3", "AUTH", "default", "pw"]);
  });
});

describe("TLS session reuse across reconnects", () => {
  let server: RunningTopology;
  let address: ResolvedAddress;
  let ca: string;

  beforeAll(async () => {
    server = await startReal({ tls: true });
    address = server.description.addresses[0] as ResolvedAddress;
    ca = server.description.tls?.caCertPem as string;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it.each(kinds)("$name resumes its TLS session after a reconnect", async (kind) => {
    const handle = open(kind, address, {
      useTLS: true,
      advancedConfiguration: { tlsAdvancedConfiguration: { rootCertificates: ca } },
    });
    await handle.roundTrip("first");
    expect(handle.link.tlsSessionReused).toBe(false);
    const first = handle.link.socket;
    handle.link.fail(new ConnectionError("test: drop the socket"));
    await until(() => handle.link.state === "ready" && handle.link.socket !== first);
    expect(handle.link.tlsSessionReused).toBe(true);
    await handle.roundTrip("second");
  });
});
