// ClientPool and IsolatedScope against a real redis-server and @petrel/fake-valkey, the same
// cases on both: optimistic-lock transfers under contention, the reset on release, the
// abandon and acquire timeouts, bounded waiters, scopes ending with their callback, close.
import { standaloneCommands as build } from "@petrel/commands";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ClientPool,
  ClosingError,
  GlideClient,
  type IsolatedScope,
  type PoolConfig,
  RequestError,
  TimeoutError,
} from "../src/index.js";
import { standaloneTargetsForSuite } from "./helpers/standalone-targets.js";
import { execNullRate, transferRun } from "./helpers/transfers.js";

const targets = standaloneTargetsForSuite();
let target: keyof typeof targets = "redis-server";

const pools: ClientPool[] = [];
afterEach(() => {
  for (const pool of pools.splice(0)) pool.close();
});

function pool(config: Partial<PoolConfig> = {}): ClientPool {
  const created = ClientPool.create({
    clientConfiguration: { addresses: targets[target]() },
    ...config,
  });
  pools.push(created);
  return created;
}

/** Polls `check` (bounded) until it holds. */
async function until(check: () => boolean, deadlineMs = 5000): Promise<void> {
  const end = performance.now() + deadlineMs;
  while (!check()) {
    if (performance.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe.each(Object.keys(targets) as (keyof typeof targets)[])("ClientPool on %s", (name) => {
  beforeAll(() => {
    target = name;
  });

  it("conserves the total over 50 concurrent optimistic-lock transfers between 10 accounts", async () => {
    const transfers = pool({ maxSize: 8 });
    const { total, nulls } = await withOther((admin) =>
      transferRun(`pool:${name}:isolated:`, admin, (move) =>
        transfers.isolated((scope) => move(scope, scope.client)),
      ),
    );
    expect(total).toBe(10_000);
    console.log(`${name}: 50 transfers, ${execNullRate(nulls)}`);
    // Eight callers racing on ten accounts with a pause inside WATCH do collide.
    expect(nulls).toBeGreaterThan(0);
    const metrics = transfers.getMetrics();
    expect(metrics.acquired).toBe(50);
    expect(metrics.released).toBe(50);
    expect(metrics.size).toBeLessThanOrEqual(8);
    expect(metrics.inUse).toBe(0);
  });

  it("loses the total when the same transfers share one client's connection (the reason for scopes)", async () => {
    const shared = pool({ maxSize: 1 });
    await shared.borrow(async (client) => {
      const { total } = await withOther((admin) =>
        transferRun(`pool:${name}:shared:`, admin, (move) => move(client, client)),
      );
      // One caller's EXEC drops every WATCH on the connection, so others commit stale reads.
      expect(total).not.toBe(10_000);
    });
  });

  it("resets MULTI, WATCH and the database on release", async () => {
    const single = pool({
      maxSize: 1,
      clientConfiguration: { addresses: targets[target](), databaseId: 0 },
    });
    const key = `pool:${name}:reset`;
    const first = await single.acquire();
    await first.client.set(key, "db0");
    await first.client.watch([key]);
    expect(await first.client.select(3)).toBe("OK");
    expect(await first.client.customCommand(["MULTI"])).toBe("OK");
    expect(await first.client.customCommand(["SET", key, "queued"])).toBe("QUEUED");
    await single.release(first);
    await withOther(async (other) => other.set(key, "changed"));
    const second = await single.acquire();
    expect(second.client).toBe(first.client);
    // Database 0 again, not inside MULTI, and the earlier WATCH no longer aborts EXEC.
    expect(await second.client.get(key)).toBe("changed");
    const batch = { isAtomic: true, commands: [build.set(key, "committed")] };
    expect(await second.client.exec(batch, true)).toEqual(["OK"]);
    await single.release(second);
    expect(single.getMetrics()).toMatchObject({ created: 1, acquired: 2, released: 2, idle: 1 });
  });

  it("reclaims a client held past abandonTimeoutMs and tells its holder", async () => {
    const abandoning = pool({ maxSize: 1, abandonTimeoutMs: 30 });
    const held = await abandoning.acquire();
    expect(await held.client.ping()).toBe("PONG");
    // A command pending when the pool reclaims the client carries the reason.
    const pending = held.client.blpop([`pool:${name}:never`], 0).catch((caught: unknown) => caught);
    await until(() => abandoning.getMetrics().abandoned === 1);
    const error = await pending;
    expect(error).toBeInstanceOf(ClosingError);
    expect((error as Error).message).toMatch(/abandonTimeoutMs \(30 ms\)/);
    await expect(held.client.get("pool:abandoned")).rejects.toBeInstanceOf(ClosingError);
    await abandoning.release(held); // reclaimed already: nothing happens
    const next = await abandoning.acquire();
    expect(next.client).not.toBe(held.client);
    expect(await next.client.ping()).toBe("PONG");
    await abandoning.release(next);
    expect(abandoning.getMetrics()).toMatchObject({
      created: 2,
      destroyed: 1,
      abandoned: 1,
      released: 1,
      size: 1,
    });
    // borrow() explains a later command's failure on a reclaimed client.
    const late = abandoning.borrow(async (client) => {
      await until(() => abandoning.getMetrics().abandoned === 2);
      return client.get("pool:abandoned");
    });
    await expect(late).rejects.toThrow(/abandonTimeoutMs \(30 ms\)/);
    await expect(late).rejects.toBeInstanceOf(ClosingError);
  });

  it("hands a client waiting callers in turn, refuses past maxWaiters, times waiters out", async () => {
    const busy = pool({ maxSize: 1, maxWaiters: 1, acquireTimeoutMs: 40 });
    const held = await busy.acquire();
    const waiting = busy.acquire();
    const refused = await busy.acquire().catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(RequestError);
    expect((refused as Error).message).toMatch(/1 callers already wait/);
    expect(busy.getMetrics()).toMatchObject({ waiting: 1, inUse: 1, waitersRefused: 1 });
    await expect(waiting).rejects.toBeInstanceOf(TimeoutError);
    expect(busy.getMetrics()).toMatchObject({ waiting: 0, acquireTimeouts: 1 });
    const handedOver = busy.acquire();
    await busy.release(held);
    expect((await handedOver).client).toBe(held.client);
  });

  it("ends a scope with its callback and closes lent clients and waiters on close", async () => {
    const closing = pool({ maxSize: 1 });
    let kept: IsolatedScope | undefined;
    await closing.isolated(async (scope) => {
      kept = scope;
      expect(await scope.client.ping()).toBe("PONG");
    });
    await expect((kept as IsolatedScope).watch(["pool:late"])).rejects.toBeInstanceOf(ClosingError);
    expect(() => (kept as IsolatedScope).client).toThrow(ClosingError);
    const held = await closing.acquire();
    const waiting = closing.acquire();
    closing.close();
    await expect(waiting).rejects.toBeInstanceOf(ClosingError);
    await expect(held.client.ping()).rejects.toBeInstanceOf(ClosingError);
    await expect(closing.acquire()).rejects.toBeInstanceOf(ClosingError);
    expect(closing.getMetrics()).toMatchObject({ size: 0, inUse: 0, waiting: 0 });
  });
});

async function withOther<T>(body: (client: GlideClient) => Promise<T>): Promise<T> {
  const client = await GlideClient.createClient({ addresses: targets[target]() });
  try {
    return await body(client);
  } finally {
    client.close();
  }
}
