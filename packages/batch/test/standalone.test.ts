// GlideClient.exec with @petrel/batch's Batch on a real redis-server, over RESP3 and RESP2:
// transactions, pipelines, WATCH, EXECABORT, timeouts, decoders, reply shapes,
// instrumentation and bad input.
import {
  type ChannelMessages,
  Decoder,
  ExecAbortError,
  GlideClient,
  ProtocolVersion,
  RequestError,
  subscribe,
  TimeoutError,
} from "@petrel/client";
import { type Command, standaloneCommands } from "@petrel/commands";
import { startStandalone } from "@petrel/test-servers";
import { topologyForSuite, withClosing } from "@petrel/test-servers/vitest";
import { describe, expect, it } from "vitest";
import { Batch, Transaction } from "../src/index.js";

const server = topologyForSuite(() => startStandalone());

async function withClient<T>(
  protocol: ProtocolVersion,
  body: (client: GlideClient) => Promise<T>,
  requestTimeout = 2000,
): Promise<T> {
  return withClosing(
    GlideClient.createClient({
      addresses: server.description.addresses,
      protocol,
      requestTimeout,
    }),
    body,
  );
}

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("Batch over %s", (name, protocol) => {
  const key = (suffix: string) => `batch-pkg:${name}:${suffix}`;

  it.each([true, false])(
    "shapes each reply with its command's parser (atomic: %s)",
    async (atomic) => {
      await withClient(protocol, async (client) => {
        const [h, z, s] = [key(`h${atomic}`), key(`z${atomic}`), key(`s${atomic}`)];
        await client.del([h, z, s]);
        const batch = new Batch(atomic)
          .hset(h, { f: "v" })
          .hgetall(h)
          .zadd(z, { a: 1.5 })
          .zrangeWithScores(z, { start: 0, end: -1 })
          .sadd(s, ["m"])
          .smembers(s)
          .expire(h, 100)
          .exists([h, z, s]);
        expect(await client.exec(batch, true)).toEqual([
          1,
          [{ field: "f", value: "v" }],
          1,
          [{ element: "a", score: 1.5 }],
          1,
          new Set(["m"]),
          true,
          3,
        ]);
      });
    },
  );

  it("returns bulk strings as Buffers with decoder Bytes, strings by default", async () => {
    await withClient(protocol, async (client) => {
      const batch = new Batch(false).set(key("d"), "bytes").get(key("d"));
      // GLIDE returns a simple "OK" as a string whatever the decoder.
      expect(await client.exec(batch, true, { decoder: Decoder.Bytes })).toEqual([
        "OK",
        Buffer.from("bytes"),
      ]);
      expect(await client.exec(batch, true)).toEqual(["OK", "bytes"]);
    });
  });

  it("raiseOnError: errors in place, or the first one thrown; the connection stays usable", async () => {
    await withClient(protocol, async (client) => {
      for (const atomic of [true, false]) {
        const batch = new Batch(atomic).set(key("e"), "text").incr(key("e")).lpush(key("e"), ["x"]);
        const results = (await client.exec(batch, false)) as unknown[];
        expect(results[0]).toBe("OK");
        expect(results[1]).toBeInstanceOf(RequestError);
        expect((results[1] as Error).message).toMatch(/not an integer/);
        expect((results[2] as Error).message).toMatch(/^WRONGTYPE/);
        await expect(client.exec(batch, true)).rejects.toThrow(/not an integer/);
      }
      expect(await client.ping()).toBe("PONG");
    });
  });

  it("returns null when a WATCHed key changed before EXEC", async () => {
    await withClient(protocol, async (client) => {
      await withClient(protocol, async (other) => {
        await client.set(key("w"), "0");
        expect(await client.watch([key("w")])).toBe("OK");
        await other.set(key("w"), "changed");
        expect(await client.exec(new Batch(true).set(key("w"), "mine"), true)).toBeNull();
        expect(await client.get(key("w"))).toBe("changed");
        // Without a conflicting write the next transaction runs.
        expect(await client.exec(new Transaction().set(key("w"), "mine"), true)).toEqual(["OK"]);
      });
    });
  });

  it("rejects with GLIDE's RequestError when the server refused a queued command", async () => {
    await withClient(protocol, async (client) => {
      await client.set(key("a"), "kept");
      const batch = new Batch(true).set(key("a"), "lost").customCommand(["SET", key("a")]);
      for (const raise of [true, false]) {
        const error = await client.exec(batch, raise).catch((caught: unknown) => caught);
        // As GLIDE 2.5.2: a RequestError with the refused command's error as its message;
        // the server's EXECABORT line is kept.
        expect(error).toBeInstanceOf(RequestError);
        expect(error).not.toBeInstanceOf(ExecAbortError);
        expect((error as Error).message).toBe(
          "An error was signalled by the server: - ResponseError: wrong number of arguments for 'set' command",
        );
        expect((error as RequestError).serverMessage).toMatch(/^EXECABORT /);
      }
      expect(await client.get(key("a"))).toBe("kept");
    });
  });

  it("bounds the whole batch by its timeout, the client's requestTimeout by default", async () => {
    await withClient(
      protocol,
      async (client) => {
        const slow = () => new Batch(false).set(key("t"), "1").blpop([key("t-empty")], 0.4);
        await expect(client.exec(slow(), true)).rejects.toBeInstanceOf(TimeoutError);
        await expect(client.exec(slow(), true, { timeout: 100 })).rejects.toBeInstanceOf(
          TimeoutError,
        );
        expect(await client.exec(slow(), true, { timeout: 3000 })).toEqual(["OK", null]);
      },
      150,
    );
  });

  it("publishes one BATCH commandStart/commandEnd pair with the batch's size and atomicity", async () => {
    await withClient(protocol, async (client) => {
      const starts: ChannelMessages["commandStart"][] = [];
      const ends: ChannelMessages["commandEnd"][] = [];
      const unsubscribeStart = subscribe("commandStart", (message) => starts.push(message));
      const unsubscribeEnd = subscribe("commandEnd", (message) => ends.push(message));
      try {
        await client.exec(new Batch(true).set(key("i"), "1").get(key("i")), true);
        await client.exec(new Batch(false).get(key("i")), true);
      } finally {
        unsubscribeStart();
        unsubscribeEnd();
      }
      const batches = starts.filter((message) => message.name === "BATCH");
      expect(batches.map(({ glideName, batch }) => ({ glideName, batch }))).toEqual([
        { glideName: "Batch", batch: { size: 2, atomic: true } },
        { glideName: "Batch", batch: { size: 1, atomic: false } },
      ]);
      for (const start of batches) {
        const end = ends.filter((message) => message.requestId === start.requestId);
        expect(end).toHaveLength(1);
        expect(end[0]?.error).toBeUndefined();
      }
    });
  });
});

describe("exec input", () => {
  it("runs any { isAtomic, commands } object, and an empty batch", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const commands: Command<unknown>[] = [
        standaloneCommands.set("batch-pkg:plain", "1"),
        standaloneCommands.get("batch-pkg:plain"),
      ];
      expect(await client.exec({ isAtomic: true, commands }, true)).toEqual(["OK", "1"]);
      expect(await client.exec(new Batch(true), true)).toEqual([]);
    });
  });

  it("rejects bad arguments with a RequestError and sends nothing", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const bad: [unknown, unknown, unknown][] = [
        [null, true, undefined],
        [{ isAtomic: "yes", commands: [] }, true, undefined],
        [{ isAtomic: true, commands: [{ args: ["GET"] }] }, true, undefined],
        [new Batch(true), undefined, undefined],
        [new Batch(true), true, { timeout: -1 }],
        [new Batch(true), true, { timeout: 1.5 }],
      ];
      for (const [batch, raise, options] of bad) {
        const exec = client.exec as (...args: unknown[]) => Promise<unknown>;
        await expect(exec.call(client, batch, raise, options)).rejects.toBeInstanceOf(RequestError);
      }
      expect(await client.ping()).toBe("PONG");
    });
  });
});
