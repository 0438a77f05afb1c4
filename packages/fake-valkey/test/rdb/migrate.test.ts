// MIGRATE between two fake servers and between two redis-servers, the same
// steps on both pairs, the replies compared (the target's port aside).

import { startStandalone as startRealStandalone } from "@petrel/test-servers";
import { afterAll, expect, it } from "vitest";
import { startStandalone } from "../../src/index.js";
import { type CommandInput, RawClient } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";

const stops: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** The steps, run on a source and a target; `port` is the target's, `closed` a port nobody serves. */
async function steps(source: RawClient, target: RawClient, port: number, closed: number) {
  const to = (key: string, ...options: string[]): CommandInput => [
    "MIGRATE",
    "127.0.0.1",
    String(port),
    key,
    "0",
    "5000",
    ...options,
  ];
  const seen: WireFrame[] = [];
  const on = async (client: RawClient, command: CommandInput) => {
    seen.push(await client.call(command, 1));
  };
  await on(source, ["SET", "k", "v"]);
  await on(source, ["RPUSH", "l", "a", "b"]);
  await on(source, ["SET", "t", "x", "PX", "100000"]);
  await on(source, to("k"));
  await on(source, ["EXISTS", "k"]);
  await on(target, ["GET", "k"]);
  await on(source, to("", "COPY", "KEYS", "l", "t", "nothere"));
  await on(source, ["EXISTS", "l", "t"]);
  await on(target, ["LRANGE", "l", "0", "-1"]);
  const ttl = await target.call(["PTTL", "t"]);
  seen.push(`ttl kept ${Number(String(ttl).slice(1)) > 90_000}`);
  await on(source, to("l"));
  await on(source, to("l", "REPLACE"));
  await on(source, ["EXISTS", "l"]);
  await on(source, to("missing"));
  await on(source, to("k", "KEYS", "x"));
  await on(source, ["MIGRATE", "127.0.0.1", String(port), "k", "x", "5000"]);
  await on(source, ["MIGRATE", "127.0.0.1", String(port), "k", "0", "5000", "BOGUS"]);
  await on(source, ["SET", "d", "in-db-1"]);
  await on(source, ["MIGRATE", "127.0.0.1", String(port), "d", "1", "5000"]);
  await on(target, ["SELECT", "1"]);
  await on(target, ["GET", "d"]);
  // A stream with a deleted entry, a group, a pending entry and its consumer.
  await on(source, ["XADD", "s", "1-1", "a", "1"]);
  await on(source, ["XADD", "s", "2-0", "b", "2", "c", "3"]);
  await on(source, ["XADD", "s", "3-0", "a", "4"]);
  await on(source, ["XDEL", "s", "2-0"]);
  await on(source, ["XGROUP", "CREATE", "s", "g", "0"]);
  await on(source, ["XREADGROUP", "GROUP", "g", "alice", "COUNT", "1", "STREAMS", "s", ">"]);
  await on(source, ["MIGRATE", "127.0.0.1", String(port), "s", "1", "5000"]);
  await on(source, ["EXISTS", "s"]);
  await on(target, ["XRANGE", "s", "-", "+"]);
  await on(target, ["XINFO", "GROUPS", "s"]);
  await on(target, ["XPENDING", "s", "g"]);
  await on(target, ["SELECT", "0"]);
  await on(source, ["SET", "lost", "v"]);
  await on(source, ["MIGRATE", "127.0.0.1", String(closed), "lost", "0", "1000"]);
  await on(source, ["EXISTS", "lost"]);
  return seen;
}

async function pair(
  real: boolean,
): Promise<{ source: RawClient; target: RawClient; port: number }> {
  const ports: number[] = [];
  for (let i = 0; i < 2; i++) {
    if (real) {
      const server = await startRealStandalone({});
      stops.push(() => server.stop());
      ports.push(server.description.addresses[0]?.port as number);
    } else {
      const server = await startStandalone({});
      stops.push(() => server.stop());
      ports.push(server.port);
    }
  }
  const source = await RawClient.connect(ports[0] as number);
  const target = await RawClient.connect(ports[1] as number);
  stops.push(
    () => source.close(),
    () => target.close(),
  );
  return { source, target, port: ports[1] as number };
}

it("migrates keys between fake servers as between redis-servers", async () => {
  const spare = await startStandalone({});
  const closed = spare.port;
  await spare.stop();
  const fakes = await pair(false);
  const reals = await pair(true);
  const onFake = await steps(fakes.source, fakes.target, fakes.port, closed);
  const onReal = await steps(reals.source, reals.target, reals.port, closed);
  expect(onFake).toEqual(onReal);
  expect(onFake).toContain("+NOKEY");
  expect(onFake).toContain("$in-db-1");
  expect(onFake).toContain("ttl kept true");
}, 60_000);

/** What a subscriber to the source's keyspace events receives while MIGRATE moves keys. */
async function migrateEvents(source: RawClient, port: number, sourcePort: number) {
  const subscriber = await RawClient.connect(sourcePort);
  stops.push(() => subscriber.close());
  await source.call(["FLUSHALL"]);
  await source.call(["CONFIG", "SET", "notify-keyspace-events", "KEA"]);
  await subscriber.call(["PSUBSCRIBE", "__key*__:*", "marker"], 2);
  const replies: WireFrame[] = [];
  replies.push(await source.call(["MSET", "m1", "a", "m2", "b", "m3", "c"]));
  replies.push(await source.call(["MIGRATE", "127.0.0.1", String(port), "m1", "0", "5000"]));
  replies.push(
    await source.call(["MIGRATE", "127.0.0.1", String(port), "", "0", "5000", "KEYS", "m2", "m3"]),
  );
  replies.push(
    await source.call(["MIGRATE", "127.0.0.1", String(port), "m3", "0", "5000", "COPY"]),
  );
  replies.push(await source.call(["PUBLISH", "marker", "done"]));
  await source.call(["CONFIG", "SET", "notify-keyspace-events", ""]);
  const events: WireFrame[] = [];
  // Every event of the commands above reaches the subscriber before the marker's.
  for (let i = 0; i < 20; i++) {
    const frame = await subscriber.read();
    if (JSON.stringify(frame).includes("marker")) break;
    events.push(frame);
  }
  return { replies, events };
}

it("publishes del for each key MIGRATE removes from the source, as redis-server does", async () => {
  const fakeSource = await startStandalone({});
  const fakeTarget = await startStandalone({});
  stops.push(
    () => fakeSource.stop(),
    () => fakeTarget.stop(),
  );
  const realSource = await startRealStandalone({});
  const realTarget = await startRealStandalone({});
  stops.push(
    () => realSource.stop(),
    () => realTarget.stop(),
  );
  const portOf = (server: typeof realSource) => server.description.addresses[0]?.port as number;
  const fakeClient = await RawClient.connect(fakeSource.port);
  const realClient = await RawClient.connect(portOf(realSource));
  stops.push(
    () => fakeClient.close(),
    () => realClient.close(),
  );
  const onFake = await migrateEvents(fakeClient, fakeTarget.port, fakeSource.port);
  const onReal = await migrateEvents(realClient, portOf(realTarget), portOf(realSource));
  expect(onFake).toEqual(onReal);
  expect(JSON.stringify(onFake.events)).toContain("m2");
  expect(onFake.events.length).toBe(12);
}, 60_000);
