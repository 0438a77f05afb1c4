// Batches through the single request path (the building block of exec), on a real server.
import { standaloneCommands as build, type Command } from "@petrel/commands";
import { type RunningTopology, startStandalone } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customCommand } from "../src/custom-command.js";
import {
  Decoder,
  ExecAbortError,
  GlideClient,
  ProtocolVersion,
  RequestError,
  Script,
} from "../src/index.js";

let server: RunningTopology;
let address: { host: string; port: number };

beforeAll(async () => {
  server = await startStandalone();
  address = server.description.addresses[0] as { host: string; port: number };
});

afterAll(async () => {
  await server?.stop();
});

async function withClient<T>(
  protocol: ProtocolVersion,
  body: (client: GlideClient) => Promise<T>,
): Promise<T> {
  const client = await GlideClient.createClient({
    addresses: [address],
    protocol,
    requestTimeout: 2000,
  });
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

const commands = (prefix: string): Command<unknown>[] => [
  build.set(`${prefix}:s`, "text"),
  build.get(`${prefix}:s`),
  build.incr(`${prefix}:s`),
  build.hset(`${prefix}:h`, { f: "v" }),
  build.hgetall(`${prefix}:h`),
];

describe.each([
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
])("batches over %s", (name, protocol) => {
  it.each([false, true])(
    "returns parsed results and errors in their slots (atomic: %s)",
    async (atomic) => {
      await withClient(protocol, async (client) => {
        const prefix = `batch:${name}:${atomic}`;
        await client.customCommand(["DEL", `${prefix}:h`]);
        const results = (await client.runBatch(commands(prefix), {
          atomic,
          raiseOnError: false,
        })) as unknown[];
        expect(results.slice(0, 2)).toEqual(["OK", "text"]);
        expect(results[2]).toBeInstanceOf(RequestError);
        expect(String((results[2] as Error).message)).toMatch(/not an integer/);
        expect(results.slice(3)).toEqual([1, [{ field: "f", value: "v" }]]);
        await expect(
          client.runBatch(commands(prefix), { atomic, raiseOnError: true }),
        ).rejects.toThrow(/not an integer/);
        expect(await client.customCommand(["PING"])).toBe("PONG");
      });
    },
  );

  it("returns null when a WATCHed key changed, and GLIDE's RequestError when queueing failed", async () => {
    await withClient(protocol, async (client) => {
      const key = `watched:${name}`;
      await client.customCommand(["WATCH", key]);
      await withClient(protocol, (other) => other.customCommand(["SET", key, "changed"]));
      expect(
        await client.runBatch([build.set(key, "mine")], { atomic: true, raiseOnError: true }),
      ).toBeNull();
      const aborted = await client
        .runBatch([build.set(key, "x"), customCommand(["SET", key], undefined)], {
          atomic: true,
          raiseOnError: false,
        })
        .catch((e: unknown) => e);
      // As GLIDE 2.5.2: a RequestError with the refused command's message; the server's
      // EXECABORT line is kept.
      expect(aborted).toBeInstanceOf(RequestError);
      expect(aborted).not.toBeInstanceOf(ExecAbortError);
      expect((aborted as Error).message).toBe(
        "An error was signalled by the server: - ResponseError: wrong number of arguments for 'set' command",
      );
      expect((aborted as RequestError).serverMessage).toMatch(/^EXECABORT /);
      expect(await client.get(key)).toBe("changed");
    });
  });
});

describe("batch request path", () => {
  it("decodes as Buffers on request, and rejects a bad argument without desynchronising", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      await client.set("batch:bytes", "b");
      const [value] = (await client.runBatch([build.get("batch:bytes")], {
        atomic: false,
        raiseOnError: true,
        decoder: Decoder.Bytes,
      })) as [Buffer];
      expect(Buffer.isBuffer(value)).toBe(true);
      const bad = client.runBatch(
        [build.get("a"), customCommand(["GET", {} as never], undefined)],
        {
          atomic: true,
          raiseOnError: true,
        },
      );
      await expect(bad).rejects.toBeInstanceOf(RequestError);
      expect(await client.customCommand(["ECHO", "in step"])).toBe("in step");
      expect(await client.runBatch([], { atomic: true, raiseOnError: true })).toEqual([]);
    });
  });
});

describe("long batches, written in chunks while encoded", () => {
  it("writes nothing of a long pipeline whose last command is bad, and runs a good one in order", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      // About 130 KB on the wire: several chunks when it is valid.
      const keys = Array.from({ length: 3000 }, (_, index) => `chunked:${index}`);
      const sets = keys.map((key) => build.set(key, `${key}:${"v".repeat(20)}`));
      const bad = client.runBatch([...sets, customCommand(["GET", {} as never], undefined)], {
        atomic: false,
        raiseOnError: true,
      });
      await expect(bad).rejects.toThrow(/Command argument 1 must be a string, Buffer or number/);
      expect(await client.customCommand(["EXISTS", ...keys.slice(0, 100)])).toBe(0);
      const results = await client.runBatch(sets, { atomic: false, raiseOnError: true });
      expect(results).toEqual(keys.map(() => "OK"));
      const values = await client.runBatch(
        keys.map((key) => build.get(key)),
        { atomic: false, raiseOnError: true },
      );
      expect(values).toEqual(keys.map((key) => `${key}:${"v".repeat(20)}`));
    });
  });
});

describe("exec", () => {
  it("runs any batch shaped { isAtomic, commands } (as @petrel/batch's Batch is)", async () => {
    await withClient(ProtocolVersion.RESP3, async (client) => {
      const pipeline = {
        isAtomic: false,
        commands: [
          build.set("exec:k", "v"),
          build.get("exec:k"),
          customCommand(["ECHO", "hi"], undefined),
        ],
      };
      expect(await client.exec(pipeline, true)).toEqual(["OK", "v", "hi"]);
      const transaction = {
        isAtomic: true,
        commands: [build.incr("exec:n"), build.incr("exec:n")],
      };
      const [first, second] = (await client.exec(transaction, false)) as [number, number];
      expect(second).toBe(first + 1);
      await expect(client.exec({} as never, true)).rejects.toBeInstanceOf(RequestError);
      await expect(client.exec({ isAtomic: true, commands: [] }, "yes" as never)).rejects.toThrow(
        /raiseOnError/,
      );
    });
  });
});

describe("invokeScript", () => {
  it("runs a script by hash, loading it again after SCRIPT FLUSH", async () => {
    await withClient(ProtocolVersion.RESP2, async (client) => {
      const script = new Script("return {KEYS[1], ARGV[1]}");
      expect(script.getHash()).toMatch(/^[0-9a-f]{40}$/);
      await client.customCommand(["SCRIPT", "FLUSH"]);
      expect(await client.invokeScript(script, { keys: ["k"], args: ["a"] })).toEqual(["k", "a"]);
      expect(await client.customCommand(["SCRIPT", "EXISTS", script.getHash()])).toEqual([true]);
      const bytes = await client.invokeScript(script, {
        keys: ["k"],
        args: ["a"],
        decoder: Decoder.Bytes,
      });
      expect(Buffer.isBuffer((bytes as Buffer[])[0])).toBe(true);
      script.release();
      expect(await client.invokeScript(script, { keys: ["k"], args: ["b"] })).toEqual(["k", "b"]);
      await client.customCommand(["SCRIPT", "FLUSH"]);
      await expect(client.invokeScript(script, { keys: ["k"] })).rejects.toThrow(
        /- NoScriptError: /,
      );
      await expect(client.invokeScript({} as never)).rejects.toThrow(/needs a Script/);
    });
  });
});
