// A replica whose link to its primary is down, with replica-serve-stale-data no:
// commands without the `stale` flag get MASTERDOWN, scripts declaring flags run
// only with allow-stale, and a running script may call only `stale` commands.
// The same commands go to a redis-server replicating a dead port, replies compared.

import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeStandalone, startStandalone, until } from "../../src/index.js";
import { type CommandInput, RawClient } from "../support/raw-client.js";
import { ServerPool } from "../support/script-servers.js";

const LIBRARY = [
  "#!lua name=stalelib",
  "redis.register_function{function_name='stale_ok', callback=function() return 'ran' end, flags={'no-writes','allow-stale'}}",
  "redis.register_function{function_name='stale_no', callback=function() return 'ran' end, flags={'no-writes'}}",
  "redis.register_function('stale_plain', function() return 'ran' end)",
].join("\n");

/** Commands sent to the stale replica, in order; every reply is compared. */
const CASES: readonly CommandInput[] = [
  ["GET", "k"],
  ["SET", "k", "v"],
  ["PING"],
  ["ECHO", "still here"],
  ["EVAL", "return 1", "0"],
  ["EVAL", "return redis.call('get', 'k')", "0"],
  ["EVAL", "return redis.pcall('get', 'k')", "0"],
  ["EVAL", "return redis.call('echo', 'from script')", "0"],
  ["EVAL", "return redis.call('ping')", "0"],
  ["EVAL", "#!lua flags=no-writes\nreturn 1", "0"],
  ["EVAL", "#!lua flags=no-writes,allow-stale\nreturn 1", "0"],
  ["EVAL", "#!lua flags=no-writes,allow-stale\nreturn redis.call('get', 'k')", "0"],
  ["EVAL", "#!lua flags=no-writes,allow-stale\nreturn redis.call('echo', 'ok')", "0"],
  ["EVAL", "#!lua flags=allow-stale\nreturn 1", "0"],
  ["EVAL", "#!lua\nreturn 1", "0"],
  ["EVAL_RO", "#!lua flags=no-writes\nreturn 1", "0"],
  ["EVAL_RO", "#!lua flags=no-writes,allow-stale\nreturn 2", "0"],
  ["EVAL_RO", "return 3", "0"],
  ["SCRIPT", "LOAD", "#!lua flags=no-writes\nreturn 4"],
  ["EVALSHA", "328667b24e7b2079d0c1d0fbd2d18c77a2f44b38", "0"],
  ["EVALSHA", "0000000000000000000000000000000000000000", "0"],
  ["EVAL", "return (", "0"],
  ["FCALL", "stale_ok", "0"],
  ["FCALL_RO", "stale_ok", "0"],
  ["FCALL", "stale_no", "0"],
  ["FCALL_RO", "stale_no", "0"],
  ["FCALL", "stale_plain", "0"],
  ["FUNCTION", "LIST"],
  ["MULTI"],
  ["GET", "k"],
  ["EXEC"],
  ["CONFIG", "SET", "replica-serve-stale-data", "yes"],
  ["GET", "k"],
  ["EVAL", "return redis.call('get', 'k')", "0"],
  ["EVAL", "#!lua flags=no-writes\nreturn 5", "0"],
];

const pool = new ServerPool();
let fake: FakeStandalone;
afterAll(async () => {
  await fake?.stop();
  await pool.stopAll();
});

beforeAll(async () => {
  fake = await startStandalone({ replicas: 1 });
});

/** Loads the library on a replica (writable for a moment), then makes it refuse stale reads. */
async function prepare(client: RawClient): Promise<void> {
  expect(await client.call(["CONFIG", "SET", "replica-read-only", "no"])).toBe("+OK");
  expect(await client.call(["FUNCTION", "LOAD", "REPLACE", LIBRARY])).toBe("$stalelib");
  expect(await client.call(["CONFIG", "SET", "replica-read-only", "yes"])).toBe("+OK");
  expect(await client.call(["CONFIG", "SET", "replica-serve-stale-data", "no"])).toBe("+OK");
}

async function run(port: number): Promise<unknown[]> {
  const client = await RawClient.connect(port);
  try {
    await prepare(client);
    const replies: unknown[] = [];
    for (const command of CASES) replies.push(await client.call(command));
    return replies;
  } finally {
    client.close();
  }
}

/** Runs `scenario` on the fake's replica with its link cut, then on a redis-server replicating a dead port. */
async function onStaleReplicas(
  scenario: (port: number) => Promise<unknown[]>,
): Promise<unknown[][]> {
  const replica = fake.replicas[0];
  if (replica === undefined) throw new Error("no replica");
  fake.setReplicaLink(replica, false);
  const onFake = await scenario(replica.port);
  const real = await pool.real();
  const admin = await RawClient.connect(real.port);
  // Port 1 on loopback refuses connections: the link never comes up.
  expect(await admin.call(["REPLICAOF", "127.0.0.1", "1"])).toBe("+OK");
  admin.close();
  return [onFake, await scenario(real.port)];
}

it("refuses what Valkey refuses on a replica with a broken link, as redis-server does", async () => {
  const [fakeReplies = [], realReplies] = await onStaleReplicas(run);

  expect(fakeReplies[0]).toBe(
    "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  );
  expect(fakeReplies[4]).toBe(
    "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  );
  expect(fakeReplies).toEqual(realReplies);
});

it("reports the link down, misses writes meanwhile, and resyncs when it is restored", async () => {
  const replica = fake.replicas[0];
  if (replica === undefined) throw new Error("no replica");
  const primary = await RawClient.connect(fake.port);
  const onReplica = await RawClient.connect(replica.port);
  try {
    fake.setReplicaLink(replica, false);
    expect(await primary.call(["SET", "while-cut", "1"])).toBe("+OK");
    expect(await onReplica.call(["CONFIG", "SET", "replica-serve-stale-data", "yes"])).toBe("+OK");
    expect(String(await onReplica.call(["INFO", "replication"]))).toContain(
      "master_link_status:down",
    );
    expect(await onReplica.call(["GET", "while-cut"])).toEqual({ nil: "$" });
    fake.setReplicaLink(replica, true);
    await until(async () => (await onReplica.call(["GET", "while-cut"])) === "$1", 5_000);
    expect(String(await onReplica.call(["INFO", "replication"]))).toContain(
      "master_link_status:up",
    );
  } finally {
    primary.close();
    onReplica.close();
  }
});

/** A transaction queued while stale reads were served, executed once they are not. */
async function execAfterStaleTurnedOff(port: number): Promise<unknown[]> {
  const client = await RawClient.connect(port);
  const admin = await RawClient.connect(port);
  try {
    expect(await admin.call(["CONFIG", "SET", "replica-serve-stale-data", "yes"])).toBe("+OK");
    const replies: unknown[] = [];
    for (const command of [["MULTI"], ["GET", "k"], ["ECHO", "x"]])
      replies.push(await client.call(command));
    expect(await admin.call(["CONFIG", "SET", "replica-serve-stale-data", "no"])).toBe("+OK");
    replies.push(await client.call(["EXEC"]));
    replies.push(await client.call(["ECHO", "after"]));
    replies.push(await client.call(["MULTI"]));
    replies.push(await client.call(["ECHO", "queued"]));
    replies.push(await client.call(["EXEC"]));
    expect(await admin.call(["CONFIG", "SET", "replica-serve-stale-data", "yes"])).toBe("+OK");
    return replies;
  } finally {
    client.close();
    admin.close();
  }
}

it("aborts an EXEC whose queued commands are not all stale, as redis-server does", async () => {
  const [onFake = [], onReal] = await onStaleReplicas(execAfterStaleTurnedOff);
  expect(onFake[3]).toBe(
    "-EXECABORT Transaction discarded because of: MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
  );
  expect(onFake).toEqual(onReal);
});
