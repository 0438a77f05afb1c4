// ioredis and node-redis (clients no one here wrote) run the same stream and
// geo calls against the fake and against redis-server; what each client
// returns (its own parsing of the replies) must be the same on both.

import { Redis } from "ioredis";
import { createClient } from "redis";
import { peersSuite } from "../support/peers.js";

/** Blanks idle and delivery times, which differ between two servers. */
function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        /idle|time|millisecondsSinceLastDelivery|inactive/i.test(key) ? "T" : timeless(item),
      ]),
    );
  }
  return value;
}

async function ioredisScenario(port: number): Promise<unknown[]> {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  try {
    await client.flushall();
    const out: unknown[] = [];
    out.push(await client.xadd("s", "1-1", "a", "1"));
    out.push(await client.xadd("s", "MAXLEN", "~", "100", "1-2", "b", "2"));
    out.push(await client.xrange("s", "-", "+"));
    out.push(await client.xrevrange("s", "+", "-", "COUNT", 1));
    out.push(await client.xread("COUNT", 5, "STREAMS", "s", "0"));
    out.push(await client.xgroup("CREATE", "s", "g", "0"));
    out.push(await client.xreadgroup("GROUP", "g", "c", "STREAMS", "s", ">"));
    // [id, consumer, idle ms, deliveries]: the idle time is a clock reading.
    const pending = (await client.xpending("s", "g", "-", "+", 10)) as unknown[][];
    out.push(pending.map(([id, consumer, , deliveries]) => [id, consumer, "T", deliveries]));
    out.push(await client.xpending("s", "g"));
    out.push(await client.xclaim("s", "g", "d", 0, "1-1"));
    out.push(await client.xautoclaim("s", "g", "e", 0, "0", "COUNT", 1));
    out.push(await client.xack("s", "g", "1-1", "1-2"));
    out.push(await client.xinfo("GROUPS", "s"));
    out.push(await client.xdel("s", "1-1"));
    out.push(await client.xtrim("s", "MAXLEN", 0));
    out.push(await client.xlen("s"));
    out.push(
      await client.geoadd("g", 13.361389, 38.115556, "Palermo", 15.087269, 37.502669, "Catania"),
    );
    out.push(await client.geopos("g", "Palermo", "missing"));
    out.push(await client.geodist("g", "Palermo", "Catania", "KM"));
    out.push(await client.geohash("g", "Palermo"));
    out.push(
      await client.geosearch(
        "g",
        "FROMLONLAT",
        15,
        37,
        "BYRADIUS",
        200,
        "km",
        "ASC",
        "WITHDIST",
        "WITHCOORD",
      ),
    );
    out.push(await client.georadius("g", 15, 37, 200, "km", "WITHDIST"));
    out.push(
      await client.geosearchstore("dst", "g", "FROMMEMBER", "Palermo", "BYBOX", 400, 400, "km"),
    );
    return timeless(out) as unknown[];
  } finally {
    client.disconnect();
  }
}

async function nodeRedisScenario(port: number, RESP: 2 | 3): Promise<unknown[]> {
  const client = createClient({ url: `redis://127.0.0.1:${port}`, RESP });
  await client.connect();
  try {
    await client.flushAll();
    const out: unknown[] = [];
    out.push(await client.xAdd("s", "1-1", { a: "1" }));
    out.push(
      await client.xAdd("s", "1-2", { b: "2" }, { TRIM: { strategy: "MAXLEN", threshold: 10 } }),
    );
    out.push(await client.xRange("s", "-", "+"));
    out.push(await client.xRead({ key: "s", id: "0" }));
    out.push(await client.xGroupCreate("s", "g", "0"));
    out.push(await client.xReadGroup("g", "c", { key: "s", id: ">" }));
    out.push(await client.xPending("s", "g"));
    out.push(await client.xPendingRange("s", "g", "-", "+", 10));
    out.push(await client.xAutoClaim("s", "g", "e", 0, "0"));
    out.push(await client.xInfoGroups("s"));
    out.push(await client.xInfoStream("s"));
    out.push(
      await client.geoAdd("g", [
        { longitude: 13.361389, latitude: 38.115556, member: "Palermo" },
        { longitude: 15.087269, latitude: 37.502669, member: "Catania" },
      ]),
    );
    out.push(await client.geoPos("g", ["Palermo", "missing"]));
    out.push(await client.geoDist("g", "Palermo", "Catania", "km"));
    out.push(await client.geoHash("g", "Catania"));
    out.push(
      await client.geoSearchWith("g", "Palermo", { radius: 300, unit: "km" }, [
        "WITHDIST",
        "WITHCOORD",
        "WITHHASH",
      ]),
    );
    return timeless(out) as unknown[];
  } finally {
    client.destroy();
  }
}

peersSuite("ioredis and node-redis on streams and geo: the fake parses like redis-server", {
  ioredis: ioredisScenario,
  nodeRedis: nodeRedisScenario,
});
