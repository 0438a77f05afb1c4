// Optimistic-lock transfers for the pool suites: WATCH two balances, read them, and write
// both in a MULTI/EXEC that returns null (and is retried) when a WATCHed key changed. Each
// transfer writes the balances it read, so only WATCH keeps the total right.
import { standaloneCommands as build } from "@petrel/commands";
import type { GlideReturnType, GlideString } from "../../src/index.js";

/** What a transfer needs of a scope: WATCH, UNWATCH and `exec` of an atomic batch. */
export interface TransferScope {
  watch(keys: GlideString[]): Promise<"OK">;
  unwatch(): Promise<"OK">;
  exec(
    batch: { isAtomic: boolean; commands: ReturnType<typeof build.set>[] },
    raiseOnError: boolean,
  ): Promise<GlideReturnType[] | null>;
}

/** What a transfer needs to read balances. */
export interface BalanceReader {
  mget(keys: GlideString[]): Promise<(GlideString | null)[]>;
}

/** What a run needs to set up and sum the accounts (a client outside the pool). */
export interface AccountsAdmin extends BalanceReader {
  mset(values: Record<string, string>): Promise<"OK">;
}

/** One transfer inside a session; resolves to the EXEC nulls it saw. */
export type Move = (scope: TransferScope, reader: BalanceReader) => Promise<number>;

/** Moves `amount` from one account to another; returns the EXEC nulls seen before it committed. */
async function transfer(
  scope: TransferScope,
  reader: BalanceReader,
  from: string,
  to: string,
  amount: number,
): Promise<number> {
  for (let nulls = 0; nulls < 1000; nulls++) {
    await scope.watch([from, to]);
    const [fromBalance, toBalance] = (await reader.mget([from, to])).map(Number) as [
      number,
      number,
    ];
    // Another transfer's commit may land here, between the read and EXEC.
    await new Promise((resolve) => setImmediate(resolve));
    if (fromBalance < amount) {
      await scope.unwatch();
      throw new Error(`${from} has ${fromBalance} < ${amount}`);
    }
    const batch = {
      isAtomic: true,
      commands: [
        build.set(from, String(fromBalance - amount)),
        build.set(to, String(toBalance + amount)),
      ],
    };
    if ((await scope.exec(batch, true)) !== null) return nulls;
  }
  throw new Error("transfer retried 1000 times");
}

/**
 * 50 concurrent transfers between the 10 accounts `${prefix}0`…`${prefix}9` of 1000 each
 * (a prefix with a hash tag keeps them in one cluster slot), each run through `session`.
 * Returns the total afterwards and the EXEC nulls seen.
 */
export async function transferRun(
  prefix: string,
  admin: AccountsAdmin,
  session: (move: Move) => Promise<number>,
): Promise<{ total: number; nulls: number }> {
  const accounts = Array.from({ length: 10 }, (_, index) => `${prefix}${index}`);
  await admin.mset(Object.fromEntries(accounts.map((account) => [account, "1000"])));
  let seed = 7;
  const random = (limit: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % limit;
  };
  const nulls = await Promise.all(
    Array.from({ length: 50 }, () => {
      const from = accounts[random(10)] as string;
      const to = accounts[(accounts.indexOf(from) + 1 + random(9)) % 10] as string;
      const amount = 1 + random(50);
      return session((scope, reader) => transfer(scope, reader, from, to, amount));
    }),
  );
  const balances = await admin.mget(accounts);
  return {
    total: balances.reduce((sum: number, value) => sum + Number(value), 0),
    nulls: nulls.reduce((sum, value) => sum + value, 0),
  };
}

/** "n EXEC, m null (x%)": the contention a run saw. */
export function execNullRate(nulls: number): string {
  return `${50 + nulls} EXEC, ${nulls} null (${((100 * nulls) / (50 + nulls)).toFixed(1)}%)`;
}
