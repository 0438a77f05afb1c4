// customCommand's reply conversions and cluster shapes, Petrel and GLIDE 2.5.2 side by side
// on the same real servers (test/support/side-by-side.ts): every command GLIDE's core
// converts by name (FUNCTION LIST/STATS, LOLWUT, GEOSEARCH WITH…, XINFO STREAM FULL,
// XAUTOCLAIM, sets…), and multi-node replies in single calls and in a ClusterBatch.
import { byAddress, type Case, describeSideBySide } from "./support/side-by-side.js";

const LIBRARY = [
  "#!lua name=petrelfidelity",
  "redis.register_function('pf_echo', function(keys, args) return args[1] end)",
  "redis.register_function{function_name='pf_ro', callback=function(keys, args) return 1 end, flags={'no-writes'}, description='read only'}",
].join("\n");

/** A string reply's visible traits (LOLWUT draws at random): escapes left, shades drawn. */
function lolwutTraits(reply: unknown): unknown {
  if (typeof reply !== "string") return { type: typeof reply, reply };
  return { escapes: reply.includes("\u001b["), shades: /[░▒▓]/.test(reply) };
}

/** FUNCTION LIST with each library's functions in name order (the server's order varies). */
function byFunctionName(reply: unknown): unknown {
  if (!Array.isArray(reply)) return reply;
  type Entry = { key: unknown; value: unknown };
  const nameOf = (fn: unknown) =>
    String((fn as Entry[]).find((entry) => String(entry.key) === "name")?.value);
  return (reply as Entry[][]).map((library) =>
    library.map((entry) =>
      String(entry.key) === "functions" && Array.isArray(entry.value)
        ? { ...entry, value: [...entry.value].sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : 1)) }
        : entry,
    ),
  );
}

/** Map entries in key order. */
function byKey(reply: unknown): unknown {
  if (!Array.isArray(reply)) return reply;
  return [...(reply as { key: unknown }[])].sort((a, b) =>
    String(a.key) < String(b.key) ? -1 : 1,
  );
}

/** Key names and value kinds of a map reply whose numbers change from run to run. */
function mapShape(reply: unknown): unknown {
  if (!Array.isArray(reply)) return reply;
  return (reply as { key: unknown; value: unknown }[]).map(({ key, value }) => [
    key,
    Array.isArray(value) ? mapShape(value) : typeof value,
  ]);
}

const cases: Record<string, Case> = {
  "FUNCTION LIST and FUNCTION STATS": async (c) => {
    await c.customCommand(["FUNCTION", "LOAD", "REPLACE", LIBRARY]);
    try {
      const stats = await c.customCommand(["FUNCTION", "STATS"]);
      return [
        byFunctionName(
          await c.customCommand(["FUNCTION", "LIST", "LIBRARYNAME", "petrelfidelity"]),
        ),
        byFunctionName(
          await c.customCommand(["FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", "petrelfidelity"]),
        ),
        Array.isArray(stats) && typeof stats[0]?.key === "string" && stats[0].key.includes(":")
          ? byAddress(stats)
          : stats,
      ];
    } finally {
      await c.customCommand(["FUNCTION", "DELETE", "petrelfidelity"]);
    }
  },
  "LOLWUT with its colour escapes replaced": async (c) => [
    lolwutTraits(await c.customCommand(["LOLWUT", "VERSION", "6"])),
    lolwutTraits(await c.customCommand(["LOLWUT", "VERSION", "5"])),
  ],
  "GEOSEARCH with and without WITH… options": async (c, k) => {
    await c.geoadd(
      k("geo"),
      new Map([
        ["Palermo", { longitude: 13.361389, latitude: 38.115556 }],
        ["Catania", { longitude: 15.087269, latitude: 37.502669 }],
      ]),
    );
    const search = [
      "GEOSEARCH",
      k("geo"),
      "FROMLONLAT",
      "15",
      "37",
      "BYRADIUS",
      "200",
      "km",
      "ASC",
    ];
    return [
      await c.customCommand(search),
      await c.customCommand([...search, "WITHCOORD", "WITHDIST", "WITHHASH"]),
      await c.customCommand([...search, "WITHDIST"]),
      await c.customCommand([...search, "WITHHASH"]),
      await c.customCommand([...search, "WITHCOORD"]),
    ];
  },
  "XINFO STREAM FULL, XAUTOCLAIM and XCLAIM": async (c, k) => {
    await c.xadd(k("st"), [["f", "v"]], { id: "1-0" });
    await c.xadd(k("st"), [["g", "w"]], { id: "2-0" });
    await c.xadd(k("empty"), [["f", "v"]], { id: "1-0" });
    await c.xgroupCreate(k("st"), "g", "0");
    await c.customCommand(["XREADGROUP", "GROUP", "g", "alice", "STREAMS", k("st"), ">"]);
    const full = (await c.customCommand(["XINFO", "STREAM", k("st"), "FULL"])) as {
      key: string;
      value: unknown;
    }[];
    // seen-time and active-time differ from run to run; the shape is what is compared.
    return [
      mapShape(full),
      await c.customCommand(["XINFO", "STREAM", k("empty"), "FULL"]),
      mapShape(await c.customCommand(["XINFO", "STREAM", k("st")])),
      await c.customCommand(["XAUTOCLAIM", k("st"), "g", "bob", "0", "0-0"]),
      await c.customCommand(["XAUTOCLAIM", k("st"), "g", "bob", "0", "0-0", "JUSTID"]),
      await c.customCommand(["XCLAIM", k("st"), "g", "carol", "0", "1-0"]),
      await c.customCommand(["XCLAIM", k("st"), "g", "carol", "0", "1-0", "2-0", "JUSTID"]),
    ];
  },
  "sets, SPOP with a count, LCS IDX, CONFIG GET, CLIENT TRACKINGINFO": async (c, k) => {
    await c.sadd(k("a"), ["x"]);
    await c.sadd(k("b"), ["x", "y"]);
    await c.set(k("s1"), "ohmytext");
    await c.set(k("s2"), "mynewtext");
    return [
      await c.customCommand(["SINTER", k("a"), k("b")]),
      await c.customCommand(["SDIFF", k("b"), k("a")]),
      (await c.customCommand(["SUNION", k("a"), k("b")]))?.sort(),
      await c.customCommand(["SPOP", k("a"), "5"]),
      await c.customCommand(["SPOP", k("b")]).then((r: unknown) => typeof r),
      await c.customCommand(["LCS", k("s1"), k("s2"), "IDX", "WITHMATCHLEN"]),
      // The server's order of several parameters varies from node to node.
      byKey(await c.customCommand(["CONFIG", "GET", "maxmemory", "maxmemory-policy"])),
      await c.customCommand(["CLIENT", "TRACKINGINFO"]),
    ];
  },
  "MEMORY STATS": async (c) => {
    const stats = await c.customCommand(["MEMORY", "STATS"]);
    const one =
      Array.isArray(stats) && typeof stats[0]?.key === "string" && stats[0].key.includes(":")
        ? stats[0].value
        : stats;
    // Which databases are listed, and some figures, change as other cases run.
    const shape = mapShape(one) as [string, unknown][];
    return [
      shape.filter(([key]) => !key.startsWith("db.")).map(([key, kind]) => `${key}: ${kind}`),
      shape.filter(([key]) => key.startsWith("db.")).every(([, kind]) => Array.isArray(kind)),
    ];
  },
};

const clusterCases: Record<string, Case> = {
  "multi-node replies of single calls": async (c) => [
    await c.customCommand(["DBSIZE"]).then((r: unknown) => typeof r),
    (byAddress(await c.customCommand(["DBSIZE"], { route: "allPrimaries" })) as unknown[]).length,
    byAddress(await c.customCommand(["PING"], { route: "allNodes" })),
    byAddress(await c.customCommand(["CONFIG", "GET", "maxmemory"], { route: "allPrimaries" })),
    (
      byAddress(await c.customCommand(["HELLO"], { route: "allPrimaries" })) as {
        value: unknown;
      }[]
    ).map((entry) => Array.isArray(entry.value) && entry.value.length),
    await c.customCommand(["SCRIPT", "EXISTS", "ffffffffffffffffffffffffffffffffffffffff"]),
    await c.customCommand(["PUBSUB", "SHARDNUMSUB", "nobody"]),
    await c.customCommand(["PUBSUB", "SHARDCHANNELS"]),
    await c.customCommand(["KEYS", "no-such-key-*"]),
    lolwutTraits(
      (
        byAddress(await c.customCommand(["LOLWUT", "VERSION", "6"], { route: "allPrimaries" })) as {
          value: unknown;
        }[]
      )[0]?.value,
    ),
  ],
  "customCommand without a key in a ClusterBatch": async (c, _k, batch) => {
    const results = (await c.exec(
      batch(false)
        .customCommand(["DBSIZE"])
        .customCommand(["PING"])
        .customCommand(["CONFIG", "GET", "maxmemory"])
        .customCommand(["SCRIPT", "EXISTS", "ffffffffffffffffffffffffffffffffffffffff"])
        .customCommand(["PUBSUB", "NUMSUB", "nobody"])
        .customCommand(["KEYS", "no-such-key-*"])
        .customCommand(["FUNCTION", "STATS"]),
      true,
    )) as unknown[];
    return [typeof results[0], ...results.slice(1, 6), mapShape(byAddress(results[6]))];
  },
};

describeSideBySide({ cases, clusterCases });
