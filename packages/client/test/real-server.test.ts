// The standalone client against a real redis-server, on RESP2 and RESP3.
import { type Command, type CommandInfo, lookupCommandInfo } from "@petrel/commands";
import type { RespValue } from "@petrel/protocol";
import { startStandalone } from "@petrel/test-servers";
import { topologyForSuite, withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import {
  ClosingError,
  ConnectionError,
  Decoder,
  GlideClient,
  type GlideClientConfiguration,
  ProtocolVersion,
  RequestError,
  TimeoutError,
} from "../src/index.js";

const server = topologyForSuite(() => startStandalone());

async function withClient<T>(
  config: Partial<GlideClientConfiguration>,
  body: (client: GlideClient) => Promise<T>,
): Promise<T> {
  return withClosing(
    GlideClient.createClient({
      addresses: server.description.addresses,
      ...config,
    }),
    body,
  );
}

/** Polls `check` until it returns true, for at most `deadlineMs`. */
async function eventually(check: () => Promise<boolean>, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // Not yet.
    }
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("basic commands over %s", (name, protocol) => {
  it("runs custom commands with the same results on both protocols", async () => {
    await withClient({ protocol }, async (client) => {
      const key = `basic:${name}`;
      expect(await client.customCommand(["SET", key, "value"])).toBe("OK");
      expect(await client.customCommand(["GET", key])).toBe("value");
      const bytes = await client.customCommand(["GET", key], { decoder: Decoder.Bytes });
      expect(Buffer.isBuffer(bytes)).toBe(true);
      expect((bytes as Buffer).toString()).toBe("value");
      expect(await client.customCommand(["GET", `${key}:missing`])).toBeNull();
      expect(await client.customCommand(["INCRBY", `${key}:n`, "5"])).toBe(5);
      await expect(client.customCommand(["INCR", key])).rejects.toThrow(/not an integer/);
      await expect(client.customCommand(["INCR", key])).rejects.toBeInstanceOf(RequestError);
      const proto = await client.customCommand(["CLIENT", "INFO"]);
      expect(String(proto)).toContain(`resp=${protocol === ProtocolVersion.RESP3 ? 3 : 2}`);
    });
  });

  it("runs the generated command methods", async () => {
    await withClient({ protocol }, async (client) => {
      const key = `generated:${name}`;
      expect(await client.set(key, "v1")).toBe("OK");
      expect(await client.get(key)).toBe("v1");
      expect(await client.del([key])).toBe(1);
      expect(await client.get(key)).toBeNull();
    });
  });

  it("rejects (never throws) when a generated method gets bad input", async () => {
    await withClient({ protocol }, async (client) => {
      const result = client.restore("k", 0, Buffer.from(""), { idletime: 1, frequency: 1 });
      expect(result).toBeInstanceOf(Promise);
      await expect(result).rejects.toThrow(/IDLETIME and FREQ/);
    });
  });

  it("pipelines many concurrent requests and matches every reply to its request", async () => {
    await withClient({ protocol }, async (client) => {
      const count = 500;
      const replies = await Promise.all(
        Array.from({ length: count }, (_, i) => client.customCommand(["ECHO", `m${i}`])),
      );
      expect(replies).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
    });
  });

  it("re-applies name and database after the server kills the connection", async () => {
    await withClient({ protocol, clientName: "petrel-test", databaseId: 3 }, async (client) => {
      await client.customCommand(["SET", "reconnect:key", "db3"]);
      const id = await client.customCommand(["CLIENT", "ID"]);
      await withClient({}, async (admin) => {
        expect(await admin.customCommand(["CLIENT", "KILL", "ID", String(id)])).toBe(1);
      });
      await eventually(async () => (await client.customCommand(["CLIENT", "ID"])) !== id);
      expect(await client.customCommand(["CLIENT", "GETNAME"])).toBe("petrel-test");
      expect(await client.customCommand(["GET", "reconnect:key"])).toBe("db3");
    });
  });
});

describe("RESP2 and RESP3 give the same results", () => {
  async function scenario(client: GlideClient, prefix: string): Promise<unknown[]> {
    await client.customCommand(["DEL", `${prefix}:h`, `${prefix}:s`, `${prefix}:z`, `${prefix}:l`]);
    return [
      await client.set(`${prefix}:k`, "v"),
      await client.mget([`${prefix}:k`, `${prefix}:missing`]),
      await client.incrByFloat(`${prefix}:f`, 1.5),
      await client.hset(`${prefix}:h`, { a: "1", b: "2" }),
      await client.hgetall(`${prefix}:h`),
      await client.sadd(`${prefix}:s`, ["x", "y"]),
      await client.smembers(`${prefix}:s`),
      await client.zadd(`${prefix}:z`, { m1: 1, m2: 2.5 }),
      await client.zrangeWithScores(`${prefix}:z`, { start: 0, end: -1 }),
      await client.rpush(`${prefix}:l`, ["a", "b"]),
      await client.lrange(`${prefix}:l`, 0, -1),
      await client.customCommand(["HGETALL", `${prefix}:h`]),
    ];
  }

  it("for generated methods and customCommand", async () => {
    const resp3 = await withClient({ protocol: ProtocolVersion.RESP3 }, (client) =>
      scenario(client, "same3"),
    );
    const resp2 = await withClient({ protocol: ProtocolVersion.RESP2 }, (client) =>
      scenario(client, "same2"),
    );
    expect(resp2.slice(0, -1)).toEqual(resp3.slice(0, -1));
    expect(resp3[4]).toEqual([
      { field: "a", value: "1" },
      { field: "b", value: "2" },
    ]);
  });
});

describe("request path", () => {
  it("times out a slow request without disturbing later ones", async () => {
    await withClient({ requestTimeout: 100 }, async (client) => {
      const slow = client.customCommand(["DEBUG", "SLEEP", "0.3"]);
      await expect(slow).rejects.toBeInstanceOf(TimeoutError);
      await eventually(async () => (await client.customCommand(["ECHO", "after"])) === "after");
    });
  });

  it("gives blocking commands their block time plus 0.5 s", async () => {
    await withClient({ requestTimeout: 50 }, async (client) => {
      const started = performance.now();
      const info = lookupCommandInfo(["BLPOP"]) as CommandInfo;
      const blpop: Command<RespValue> = {
        spec: { ...info, glideName: "BLPop", parse: (reply) => reply },
        args: ["BLPOP", "blocking:empty", "0.2"],
        decoder: undefined,
        route: undefined,
        blockMs: 200,
        meta: undefined,
      };
      expect(await client.send(blpop)).toBeNull();
      expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    });
  });

  it("rejects at once beyond inflightRequestsLimit", async () => {
    await withClient({ inflightRequestsLimit: 2, requestTimeout: 2000 }, async (client) => {
      const first = client.customCommand(["DEBUG", "SLEEP", "0.1"]);
      const second = client.customCommand(["PING"]);
      await expect(client.customCommand(["PING"])).rejects.toThrow(/inflightRequestsLimit/);
      await Promise.all([first, second]);
      expect(await client.customCommand(["PING"])).toBe("PONG");
    });
  });

  it("close() rejects pending requests with the given message, later calls with GLIDE's", async () => {
    const client = await GlideClient.createClient({
      addresses: server.description.addresses,
      requestTimeout: 5000,
    });
    const pending = client.customCommand(["BLPOP", "close:empty", "2"]);
    client.close("shutting down");
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClosingError);
    expect((error as Error).message).toBe("shutting down");
    const later = await client.customCommand(["PING"]).catch((e: unknown) => e);
    expect(later).toBeInstanceOf(ClosingError);
    expect((later as Error).message).toBe(
      "Unable to execute requests; the client is closed. Please create a new client.",
    );
  });

  it("connects lazily on the first command", async () => {
    const before = Number(
      GlideClient.prototype.getStatistics.call(undefined as never).total_connections,
    );
    const client = await GlideClient.createClient({
      addresses: server.description.addresses,
      lazyConnect: true,
    });
    try {
      expect(Number(client.getStatistics().total_connections)).toBe(before);
      expect(await client.customCommand(["PING"])).toBe("PONG");
      expect(Number(client.getStatistics().total_connections)).toBe(before + 1);
    } finally {
      client.close();
    }
    expect(Number(client.getStatistics().total_connections)).toBe(before);
  });

  it("fails createClient with ConnectionError when nothing listens", async () => {
    const error = await GlideClient.createClient({
      addresses: [{ host: "127.0.0.1", port: 1 }],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
  });
});
