// ioredis and node-redis (clients no one here wrote) subscribe to keyspace
// notifications on the fake and on redis-server 7.0 while another connection
// runs the same commands; the events each client delivers, in order, must be
// the same on both. A PUBLISH on a marker channel after the commands tells the
// subscriber it has seen everything: the server sends a connection's messages
// in the order it produced them.

import { Redis } from "ioredis";
import { createClient } from "redis";
import { until } from "../../src/index.js";
import { peersSuite } from "../support/peers.js";

const PATTERN = "__key*__:*";
const MARKER = "peers:done";
const CLASSES = "KEA";

/** The commands whose events are compared (no expiry: the servers expire on different clocks). */
const COMMANDS: readonly (readonly string[])[] = [
  ["SET", "s", "1"],
  ["INCRBY", "s", "5"],
  ["APPEND", "s", "x"],
  ["EXPIRE", "s", "100"],
  ["PERSIST", "s"],
  ["RENAME", "s", "t"],
  ["LPUSH", "l", "a", "b", "c"],
  ["LPOP", "l"],
  ["LTRIM", "l", "0", "0"],
  ["RPOP", "l"],
  ["HSET", "h", "f", "1", "g", "2"],
  ["HINCRBY", "h", "f", "3"],
  ["HDEL", "h", "f", "g"],
  ["SADD", "st", "a", "b"],
  ["SREM", "st", "a"],
  ["SPOP", "st"],
  ["ZADD", "z", "1", "a", "2", "b"],
  ["ZINCRBY", "z", "1", "a"],
  ["ZREMRANGEBYSCORE", "z", "0", "10"],
  ["XADD", "x", "1-1", "f", "v"],
  ["XDEL", "x", "1-1"],
  ["GEOADD", "g", "13.361389", "38.115556", "palermo"],
  ["COPY", "g", "g2"],
  ["DEL", "t", "x", "g", "g2"],
];

async function settle(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (thrown) {
    return { error: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

/** Every command above publishes at least one keyspace and one keyevent message. */
function expectEvents(events: readonly unknown[]): void {
  if (events.length < 2 * COMMANDS.length)
    throw new Error(`only ${events.length} events for ${COMMANDS.length} commands`);
}

async function ioredisScenario(port: number): Promise<unknown[]> {
  const options = { port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 1 };
  const writer = new Redis(options);
  const subscriber = new Redis(options);
  await Promise.all([writer.connect(), subscriber.connect()]);
  const events: unknown[] = [];
  let done = false;
  subscriber.on("pmessage", (pattern: string, channel: string, message: string) => {
    if (channel === MARKER) done = true;
    else events.push([pattern, channel, message]);
  });
  try {
    await writer.flushall();
    await writer.config("SET", "notify-keyspace-events", CLASSES);
    await subscriber.psubscribe(PATTERN, MARKER);
    const replies: unknown[] = [];
    for (const [name, ...args] of COMMANDS)
      replies.push(await settle(writer.call(name as string, ...args)));
    await writer.publish(MARKER, "done");
    await until(() => done, 5000);
    expectEvents(events);
    return [replies, events];
  } finally {
    await writer.config("SET", "notify-keyspace-events", "");
    writer.disconnect();
    subscriber.disconnect();
  }
}

async function nodeRedisScenario(port: number, RESP: 2 | 3): Promise<unknown[]> {
  const writer = createClient({ url: `redis://127.0.0.1:${port}`, RESP });
  const subscriber = writer.duplicate();
  await Promise.all([writer.connect(), subscriber.connect()]);
  const events: unknown[] = [];
  let done = false;
  try {
    await writer.flushAll();
    await writer.configSet("notify-keyspace-events", CLASSES);
    await subscriber.pSubscribe([PATTERN, MARKER], (message, channel) => {
      if (channel === MARKER) done = true;
      else events.push([channel, message]);
    });
    const replies: unknown[] = [];
    for (const command of COMMANDS) replies.push(await settle(writer.sendCommand([...command])));
    await writer.publish(MARKER, "done");
    await until(() => done, 5000);
    expectEvents(events);
    return [replies, events];
  } finally {
    await writer.configSet("notify-keyspace-events", "");
    await Promise.all([writer.quit(), subscriber.quit()]);
  }
}

peersSuite("peers: keyspace notifications through ioredis and node-redis", {
  ioredis: ioredisScenario,
  nodeRedis: nodeRedisScenario,
});
