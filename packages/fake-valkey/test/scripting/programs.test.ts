// Real programs built on scripting, run unchanged with ioredis against the
// fake and against redis-server, with the outcomes compared: rate-limiter-
// flexible's RateLimiterRedis and redlock across three standalone servers.

import { Redis } from "ioredis";
import { RateLimiterRedis, type RateLimiterRes } from "rate-limiter-flexible";
import Redlock from "redlock";
import { afterEach, describe, expect, it } from "vitest";
import { type Server, ServerPool } from "../support/script-servers.js";

const servers = new ServerPool();
const clients: Redis[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await servers.stopAll();
});
const fakeServer = () => servers.fake();
const realServer = () => servers.real();

function client(server: Server): Redis {
  const redis = new Redis({ port: server.port, host: "127.0.0.1", maxRetriesPerRequest: 1 });
  clients.push(redis);
  return redis;
}

/** What a limiter answered, without the clock-dependent milliseconds. */
function outcome(result: RateLimiterRes | Error): string {
  if (result instanceof Error) return `error ${result.message}`;
  return `remaining=${result.remainingPoints} consumed=${result.consumedPoints} first=${result.isFirstInDuration} waits=${result.msBeforeNext > 0}`;
}

async function settle(action: Promise<RateLimiterRes>): Promise<string> {
  try {
    return `ok ${outcome(await action)}`;
  } catch (thrown) {
    return `rejected ${outcome(thrown as RateLimiterRes | Error)}`;
  }
}

async function rateLimiterRun(server: Server): Promise<string[]> {
  const limiter = new RateLimiterRedis({
    storeClient: client(server),
    keyPrefix: "rl",
    points: 5,
    duration: 60,
    blockDuration: 120,
  });
  const steps: string[] = [];
  for (let i = 0; i < 6; i++) steps.push(await settle(limiter.consume("user-1")));
  steps.push(await settle(limiter.consume("user-2", 2)));
  steps.push(await settle(limiter.penalty("user-2", 2)));
  steps.push(await settle(limiter.reward("user-2", 3)));
  steps.push(await settle(limiter.consume("user-2")));
  steps.push(await settle(limiter.block("user-3", 30)));
  steps.push(await settle(limiter.consume("user-3")));
  const read = await limiter.get("user-1");
  steps.push(read === null ? "get null" : `get ${outcome(read)}`);
  steps.push(await settle(limiter.delete("user-1").then(() => limiter.consume("user-1"))));
  return steps;
}

async function redlockRun(servers: readonly Server[]): Promise<string[]> {
  const first = new Redlock(servers.map(client), { retryCount: 0, driftFactor: 0.01 });
  const second = new Redlock(servers.map(client), { retryCount: 0, driftFactor: 0.01 });
  const steps: string[] = [];
  const attempt = async (locker: Redlock, name: string) => {
    try {
      const lock = await locker.lock("locks:order-42", 5_000);
      steps.push(`${name} acquired`);
      return lock;
    } catch (thrown) {
      steps.push(`${name} refused: ${(thrown as Error).name}`);
      return undefined;
    }
  };
  const held = await attempt(first, "first");
  await attempt(second, "second");
  const extended = await held?.extend(10_000);
  steps.push(`extended ${extended !== undefined}`);
  const ttl = await client(servers[0] as Server).pttl("locks:order-42");
  steps.push(`ttl above 5s ${ttl > 5_000}`);
  await extended?.unlock();
  steps.push(`released exists=${await client(servers[1] as Server).exists("locks:order-42")}`);
  const taken = await attempt(second, "second");
  await attempt(first, "first");
  await taken?.unlock();
  // Contention: both race for a fresh resource; exactly one wins.
  const race = await Promise.allSettled([
    first.lock("locks:race", 5_000),
    second.lock("locks:race", 5_000),
  ]);
  steps.push(`race winners ${race.filter((result) => result.status === "fulfilled").length}`);
  return steps;
}

describe("real programs on scripting", () => {
  it("rate-limiter-flexible answers on the fake as on redis-server", async () => {
    const onFake = await rateLimiterRun(await fakeServer());
    const onReal = await rateLimiterRun(await realServer());
    expect(onFake).toEqual(onReal);
    expect(onFake[0]).toBe("ok remaining=4 consumed=1 first=true waits=true");
    expect(onFake[5]).toMatch(/^rejected remaining=0/);
  }, 60_000);

  it("redlock locks across three fake servers as across three redis-servers", async () => {
    const onFake = await redlockRun([await fakeServer(), await fakeServer(), await fakeServer()]);
    const onReal = await redlockRun([await realServer(), await realServer(), await realServer()]);
    expect(onFake).toEqual(onReal);
    expect(onFake).toContain("second refused: LockError");
    expect(onFake).toContain("race winners 1");
  }, 60_000);
});
