// Scripts and functions against a real redis-server on both protocols.
import { describe, expect, it } from "vitest";
import { ClosingError, Decoder, RequestError, Script } from "../../src/index.js";
import { connect, PROTOCOLS, serverForFile, uniqueKey, valkeyAtLeast } from "./support/servers.js";

const server = serverForFile();

const LIBRARY = (name: string) =>
  `#!lua name=${name}\nredis.register_function('${name}_echo', function(keys, args) return args[1] end)\n` +
  `redis.register_function{function_name='${name}_ro', callback=function(keys, args) return #keys end, flags={'no-writes'}}`;

describe.each(PROTOCOLS)("scripting over %s", (_name, protocol) => {
  it("invokeScript loads the script on NOSCRIPT and survives SCRIPT FLUSH", async () => {
    const client = await connect(server, { protocol });
    try {
      const key = uniqueKey("script");
      const script = new Script("return redis.call('SET', KEYS[1], ARGV[1])");
      expect(await client.scriptExists([script.getHash()])).toEqual([false]);
      expect(await client.invokeScript(script, { keys: [key], args: ["v1"] })).toBe("OK");
      expect(await client.scriptExists([script.getHash()])).toEqual([true]);
      expect(await client.scriptFlush()).toBe("OK");
      expect(await client.scriptExists([script.getHash()])).toEqual([false]);
      expect(await client.invokeScript(script, { keys: [key], args: ["v2"] })).toBe("OK");
      expect(await client.get(key)).toBe("v2");

      const bytes = new Script("return ARGV[1]");
      expect(await client.invokeScript(bytes, { args: ["x"], decoder: Decoder.Bytes })).toEqual(
        Buffer.from("x"),
      );
      // Released: still runs while cached, but cannot be loaded again after a flush.
      bytes.release();
      expect(await client.invokeScript(bytes, { args: ["y"] })).toBe("y");
      await client.scriptFlush();
      await expect(client.invokeScript(bytes, { args: ["z"] })).rejects.toThrow(
        "An error was signalled by the server: - NoScriptError: No matching script. Please use EVAL.",
      );
      await expect(client.invokeScript(new Script("return error("))).rejects.toBeInstanceOf(
        RequestError,
      );
      await expect(client.scriptKill()).rejects.toThrow(
        "An error was signalled by the server: - NotBusy: No scripts in execution right now.",
      );
    } finally {
      client.close();
    }
  });

  it.skipIf(!valkeyAtLeast(8))("scriptShow returns the source (Valkey 8.0+)", async () => {
    const client = await connect(server, { protocol });
    try {
      const script = new Script("return 'shown'");
      expect(await client.invokeScript(script)).toBe("shown");
      expect(await client.scriptShow(script.getHash())).toBe("return 'shown'");
    } finally {
      client.close();
    }
  });

  it("loads, lists, calls, dumps, restores and deletes functions", async () => {
    const client = await connect(server, { protocol });
    try {
      const lib = `lib${protocol}`;
      expect(await client.functionFlush()).toBe("OK");
      expect(await client.functionLoad(LIBRARY(lib))).toBe(lib);
      await expect(client.functionLoad(LIBRARY(lib))).rejects.toThrow(/already exists/);
      expect(await client.functionLoad(LIBRARY(lib), { replace: true })).toBe(lib);
      expect(await client.fcall(`${lib}_echo`, [], ["hi"])).toBe("hi");
      expect(await client.fcallReadonly(`${lib}_ro`, ["a", "b"], [])).toBe(2);
      const list = await client.functionList({ libNamePattern: lib, withCode: true });
      expect(list).toHaveLength(1);
      expect(list[0]?.library_name).toBe(lib);
      expect(list[0]?.library_code).toBe(LIBRARY(lib));
      const stats = await client.functionStats();
      const nodeKey = `${server.address.host}:${server.address.port}`;
      expect(Object.keys(stats)).toEqual([nodeKey]);
      expect(stats[nodeKey]?.running_script).toBeNull();
      expect(stats[nodeKey]?.engines).toEqual({ LUA: { libraries_count: 1, functions_count: 2 } });
      const bytesStats = await client.functionStats({ decoder: Decoder.Bytes });
      expect(bytesStats[nodeKey]?.engines).toEqual({
        LUA: { libraries_count: 1, functions_count: 2 },
      });
      const dump = await client.functionDump();
      expect(Buffer.isBuffer(dump)).toBe(true);
      expect(await client.functionDelete(lib)).toBe("OK");
      await expect(client.fcall(`${lib}_echo`, [], ["hi"])).rejects.toThrow(/Function not found/);
      expect(await client.functionRestore(dump)).toBe("OK");
      expect(await client.fcall(`${lib}_echo`, [], ["back"])).toBe("back");
      await expect(client.functionKill()).rejects.toThrow(
        "- NotBusy: No scripts in execution right now.",
      );
      expect(await client.functionFlush()).toBe("OK");
    } finally {
      client.close();
    }
    await expect(client.functionStats()).rejects.toBeInstanceOf(ClosingError);
  });

  it("watch/unwatch abort a transaction when a watched key changes", async () => {
    const client = await connect(server, { protocol });
    const other = await connect(server, { protocol });
    try {
      const key = uniqueKey("watched");
      expect(await client.watch([key])).toBe("OK");
      await other.set(key, "changed");
      // MULTI/EXEC by hand: one client used sequentially stays on its one connection.
      const transaction = async () => {
        await client.customCommand(["MULTI"]);
        await client.customCommand(["SET", key, "mine"]);
        return client.customCommand(["EXEC"]);
      };
      expect(await transaction()).toBeNull();
      expect(await client.watch([key])).toBe("OK");
      expect(await client.unwatch()).toBe("OK");
      await other.set(key, "again");
      expect(await transaction()).toEqual(["OK"]);
    } finally {
      client.close();
      other.close();
    }
  });
});
