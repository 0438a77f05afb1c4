// Faults a real server does not produce on demand, against a scripted RESP server.
import { afterEach, describe, expect, it } from "vitest";
import {
  ConnectionError,
  DeadlineQueue,
  GlideClient,
  type GlideClientConfiguration,
  NodeConnection,
  ProtocolError,
  ProtocolVersion,
  resolveConfig,
  TimeoutError,
  type WireRequest,
} from "../src/index.js";
import { bulk, defaultAnswer, type Script, ScriptedServer } from "./helpers/scripted-server.js";

const servers: ScriptedServer[] = [];
const clients: GlideClient[] = [];

async function server(script: Script = defaultAnswer): Promise<ScriptedServer> {
  const started = await ScriptedServer.start(script);
  servers.push(started);
  return started;
}

async function client(
  target: ScriptedServer,
  config: Partial<GlideClientConfiguration> = {},
): Promise<GlideClient> {
  const created = await GlideClient.createClient({ addresses: [target.address], ...config });
  clients.push(created);
  return created;
}

/** A bare NodeConnection to `target`, with a deadline queue failing requests with TimeoutError. */
function directConnection(
  target: ScriptedServer,
  config: Partial<GlideClientConfiguration> = {},
): { connection: NodeConnection; deadlines: DeadlineQueue<WireRequest> } {
  const resolved = resolveConfig({ addresses: [target.address], ...config });
  const deadlines = new DeadlineQueue<WireRequest>((request) =>
    request.fail(new TimeoutError("timed out")),
  );
  const connection = new NodeConnection({
    address: resolved.addresses[0] as { host: string; port: number },
    config: resolved,
    credentials: async () => undefined,
    deadlines,
  });
  return { connection, deadlines };
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
});

describe("faults", () => {
  it("a malformed reply rejects every pending request with ProtocolError; the next command works", async () => {
    const fake = await server((args) => (args[1] === "bad" ? "$x\r\n" : defaultAnswer(args)));
    const glide = await client(fake, { requestTimeout: 1000 });
    const results = await Promise.allSettled([
      glide.customCommand(["ECHO", "before"]),
      glide.customCommand(["ECHO", "bad"]),
      glide.customCommand(["ECHO", "after"]),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: "before" });
    for (const result of results.slice(1)) {
      expect(result.status).toBe("rejected");
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ProtocolError);
      expect(String((result as PromiseRejectedResult).reason.message)).toMatch(/Protocol error/);
    }
    expect(await glide.customCommand(["ECHO", "next"])).toBe("next");
    expect(fake.connections.length).toBe(2);
  });

  it("RESP3 pushes between replies never consume a request", async () => {
    const push = `>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$4\r\nbody\r\n>0\r\n`;
    const fake = await server((args) =>
      args[0] === "ECHO" ? push + bulk(args[1] ?? "") : defaultAnswer(args),
    );
    const glide = await client(fake);
    const replies = await Promise.all(["a", "b", "c"].map((m) => glide.customCommand(["ECHO", m])));
    expect(replies).toEqual(["a", "b", "c"]);
  });

  it("downgrades to RESP2 when HELLO is refused, sending AUTH and CLIENT SETNAME on their own", async () => {
    const fake = await server((args) =>
      args[0] === "HELLO"
        ? "-NOPROTO sorry, this protocol version is not supported\r\n"
        : defaultAnswer(args),
    );
    const glide = await client(fake, {
      credentials: { username: "u", password: "p" },
      clientName: "n1",
    });
    expect(await glide.customCommand(["ECHO", "x"])).toBe("x");
    const sent = (fake.connections[0]?.commands ?? []).map((c) => c.join(" "));
    expect(sent[0]).toBe("HELLO 3 AUTH u p SETNAME n1");
    expect(sent).toContain("AUTH u p");
    expect(sent).toContain("CLIENT SETNAME n1");
    expect(sent.indexOf("AUTH u p")).toBeLessThan(sent.indexOf("ECHO x"));
  });

  it("pipelines the whole handshake in one write and re-applies it after the connection dies", async () => {
    const fake = await server((args) => (args[1] === "die" ? "close" : defaultAnswer(args)));
    const glide = await client(fake, {
      clientName: "named",
      databaseId: 2,
      protocol: ProtocolVersion.RESP3,
      requestTimeout: 1000,
    });
    const error = await glide.customCommand(["ECHO", "die"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(await glide.customCommand(["ECHO", "again"])).toBe("again");
    expect(fake.connections.length).toBe(2);
    for (const connection of fake.connections) {
      const sent = connection.commands.map((c) => c.join(" "));
      expect(sent.slice(0, 4)).toEqual([
        "HELLO 3 SETNAME named",
        "SELECT 2",
        "CLIENT SETINFO LIB-NAME petrel",
        expect.stringMatching(/^CLIENT SETINFO LIB-VER /),
      ]);
    }
  });

  it("times out requests to a blackholed node and drops their late replies", async () => {
    const fake = await server();
    const healthy = await server();
    const glide = await client(fake, { requestTimeout: 100 });
    const other = await client(healthy, { requestTimeout: 100 });
    fake.blackholed = true;
    const started = performance.now();
    const stuck = await Promise.allSettled([
      glide.customCommand(["ECHO", "s1"]),
      glide.customCommand(["ECHO", "s2"]),
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
    for (const result of stuck) {
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    }
    expect(await other.customCommand(["ECHO", "fine"])).toBe("fine");
    fake.release();
    expect(await glide.customCommand(["ECHO", "fresh"])).toBe("fresh");
  });

  it("replaces a connection that went silent after a request timed out", async () => {
    // The first connection's path goes dead (nothing comes back); a new connection works.
    const fake = await server((args, connection) =>
      connection.id === 0 && args[0] === "ECHO" ? "silence" : defaultAnswer(args),
    );
    const glide = await client(fake, { requestTimeout: 100 });
    await expect(glide.customCommand(["ECHO", "lost"])).rejects.toBeInstanceOf(TimeoutError);
    let reply: unknown;
    const started = performance.now();
    while (reply !== "back" && performance.now() - started < 5000) {
      reply = await glide.customCommand(["ECHO", "back"]).catch((e: unknown) => e);
    }
    expect(reply).toBe("back");
    expect(performance.now() - started).toBeGreaterThanOrEqual(900);
    expect(fake.connections.length).toBe(2);
  });

  it("replaces a connection whose replies were lost, instead of shifting every later reply", async () => {
    let dropping = true;
    const fake = await server((args) =>
      dropping && args[0] === "ECHO" ? "silence" : defaultAnswer(args),
    );
    const glide = await client(fake, { requestTimeout: 100 });
    const lost = await Promise.allSettled(
      [1, 2, 3].map((i) => glide.customCommand(["ECHO", `lost${i}`])),
    );
    for (const result of lost)
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
    dropping = false;
    const replies: unknown[] = [];
    for (let i = 0; i < 10 && replies.at(-1) !== "back"; i++) {
      replies.push(
        await glide.customCommand(["ECHO", "back"]).catch((e: unknown) => (e as Error).name),
      );
    }
    expect(replies.at(-1)).toBe("back");
    expect(replies.length).toBeLessThanOrEqual(5);
    expect(fake.connections.length).toBe(2);
  });

  it("a multi-command request with a bad argument sends nothing, and the connection stays in step", async () => {
    const fake = await server();
    const { connection, deadlines } = directConnection(fake);
    try {
      await connection.connect();
      const single = connection.execute([["ECHO", "first"]]);
      const bad = connection.execute([
        ["ECHO", "a"],
        ["ECHO", {} as never],
      ]);
      await expect(bad).rejects.toThrow(/argument/);
      expect(await single).toEqual(["first"]);
      expect(
        await connection.execute([
          ["ECHO", "b"],
          ["ECHO", "c"],
        ]),
      ).toEqual(["b", "c"]);
      const sent = fake.connections[0]?.commands.map((c) => c.join(" ")) ?? [];
      expect(sent.filter((c) => c.startsWith("ECHO"))).toEqual(["ECHO first", "ECHO b", "ECHO c"]);
    } finally {
      connection.close(new ConnectionError("test over"));
      deadlines.clear();
    }
  });

  it("fails createClient after connectionTimeout when the handshake gets no answer", async () => {
    const fake = await server((args) => (args[0] === "HELLO" ? "silence" : defaultAnswer(args)));
    const started = performance.now();
    const error = await GlideClient.createClient({
      addresses: [fake.address],
      advancedConfiguration: { connectionTimeout: 150 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/timed out after 150 ms/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("reports a failing credentials provider as a ConnectionError", async () => {
    const fake = await server();
    const error = await GlideClient.createClient({
      addresses: [fake.address],
      credentialsProvider: {
        getCredentials: async () => {
          throw new Error("token service down");
        },
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toMatch(/token service down/);
  });

  it("does not accumulate timed-out requests while the server stays unreachable", async () => {
    const fake = await server((args, connection) =>
      connection.id > 0 ? "close" : defaultAnswer(args),
    );
    const { connection, deadlines } = directConnection(fake, { requestTimeout: 20 });
    try {
      await connection.connect();
      fake.connections[0]?.socket.destroy();
      for (let i = 0; i < 10_000 && fake.connections.length < 2; i++)
        await new Promise((r) => setImmediate(r));
      for (let i = 0; i < 20; i++) {
        await expect(connection.execute([["ECHO", `x${i}`]])).rejects.toBeInstanceOf(TimeoutError);
      }
      expect(connection.state).not.toBe("ready");
      expect(connection.waitingCount).toBeLessThanOrEqual(1);
    } finally {
      connection.close(new ConnectionError("test over"));
      deadlines.clear();
    }
  });

  it("resolves addresses through addressResolver", async () => {
    const fake = await server();
    const glide = await GlideClient.createClient({
      addresses: [{ host: "valkey.internal", port: 1 }],
      addressResolver: (host, port) => {
        expect([host, port]).toEqual(["valkey.internal", 1]);
        return [fake.address.host, fake.address.port];
      },
    });
    clients.push(glide);
    expect(await glide.customCommand(["ECHO", "resolved"])).toBe("resolved");
  });

  it("under load with connections dying at random, every reply reaches its own request", async () => {
    let served = 0;
    const fake = await server((args) => {
      served++;
      if (args[0] === "ECHO" && served % 97 === 0) return "close";
      return defaultAnswer(args);
    });
    const glide = await client(fake, { requestTimeout: 2000, inflightRequestsLimit: 5000 });
    let fulfilled = 0;
    for (let wave = 0; wave < 10; wave++) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 300 }, (_, i) => glide.customCommand(["ECHO", `v${wave}:${i}`])),
      );
      outcomes.forEach((outcome, i) => {
        if (outcome.status === "fulfilled") {
          fulfilled++;
          expect(outcome.value).toBe(`v${wave}:${i}`);
        } else {
          expect(outcome.reason).toBeInstanceOf(ConnectionError);
        }
      });
    }
    expect(fulfilled).toBeGreaterThan(0);
    expect(fake.connections.length).toBeGreaterThan(1);
    expect(await glide.customCommand(["ECHO", "after"])).toBe("after");
  });

  it("requests made while disconnected wait for the reconnect, within their timeout", async () => {
    const fake = await server();
    const glide = await client(fake, { requestTimeout: 2000 });
    // The reconnect's HELLO is answered late, so the request below waits for the handshake.
    fake.setScript((args, connection) => {
      if (args[0] !== "HELLO" || connection.id === 0) return defaultAnswer(args);
      setTimeout(() => connection.socket.write(defaultAnswer(args)), 100);
      return "silence";
    });
    fake.connections[0]?.socket.destroy();
    for (let i = 0; i < 10_000 && fake.connections.length < 2; i++)
      await new Promise((r) => setImmediate(r));
    const started = performance.now();
    expect(await glide.customCommand(["ECHO", "waited"])).toBe("waited");
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("a request made while the server is unreachable still times out on time", async () => {
    const fake = await server((args, connection) =>
      connection.id > 0 ? "close" : defaultAnswer(args),
    );
    const glide = await client(fake, { requestTimeout: 150 });
    fake.connections[0]?.socket.destroy();
    for (let i = 0; i < 10_000 && fake.connections.length < 2; i++)
      await new Promise((r) => setImmediate(r));
    const started = performance.now();
    const error = await glide.customCommand(["ECHO", "x"]).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1000);
  });

  it("leaves no socket or timer behind after close(), even with work pending", async () => {
    const fake = await server((args) => (args[1] === "slow" ? "silence" : defaultAnswer(args)));
    const count = (): number =>
      process
        .getActiveResourcesInfo()
        .filter((r) => r === "TCPSocketWrap" || r === "TLSWrap" || r === "Timeout").length;
    const before = count();
    const glide = await GlideClient.createClient({
      addresses: [fake.address],
      requestTimeout: 5000,
      credentialsProvider: {
        refreshIntervalMs: 1000,
        getCredentials: async () => ({ password: "p" }),
      },
    });
    const pending = glide.customCommand(["ECHO", "slow"]);
    expect(count()).toBeGreaterThan(before);
    glide.close("bye");
    await expect(pending).rejects.toThrow("bye");
    for (let i = 0; i < 10_000 && count() > before; i++) await new Promise((r) => setImmediate(r));
    expect(count()).toBe(before);
  });
});
