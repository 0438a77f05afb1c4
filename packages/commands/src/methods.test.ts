import type { GlideString } from "@petrel/protocol";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Command } from "./command.js";
import { type clusterCommands, standaloneCommands } from "./command-records.js";
import { get, set } from "./definitions/strings.js";
import { type BatchMethods, type ClientMethods, installCommandMethods } from "./methods.js";
import { TimeUnit } from "./options/time-unit.js";

const factories = { get, set };

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the methods are installed below
class FakeClient {
  readonly sent: Command<unknown>[] = [];
  send(cmd: Command<unknown>): Promise<string> {
    this.sent.push(cmd);
    return Promise.resolve(`sent ${cmd.args[0]}`);
  }
}
interface FakeClient extends ClientMethods<typeof factories> {}
installCommandMethods(FakeClient.prototype, factories, (self: FakeClient, cmd) => self.send(cmd));

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the methods are installed below
class FakeBatch {
  readonly queued: Command<unknown>[] = [];
}
interface FakeBatch extends BatchMethods<typeof factories, FakeBatch> {}
installCommandMethods(FakeBatch.prototype, factories, (self: FakeBatch, cmd) => {
  self.queued.push(cmd);
  return self;
});

describe("installCommandMethods", () => {
  it("gives clients methods that build the command and hand it over", async () => {
    const client = new FakeClient();
    await expect(client.get("k")).resolves.toBe("sent GET");
    expect(client.sent[0]?.args).toEqual(["GET", "k"]);
    expect(client.sent[0]?.spec.name).toBe("GET");
  });

  it("gives batches chainable methods", () => {
    const batch = new FakeBatch();
    expect(batch.set("k", "v").get("k")).toBe(batch);
    expect(batch.queued.map((cmd) => cmd.args)).toEqual([
      ["SET", "k", "v"],
      ["GET", "k"],
    ]);
  });

  it("installs non-enumerable, named methods and keeps hand-written ones", () => {
    class WithOwnGet {
      get(): string {
        return "own";
      }
    }
    expect(installCommandMethods(WithOwnGet.prototype, factories, () => "generated")).toEqual([
      "set",
    ]);
    const instance = new WithOwnGet() as WithOwnGet & { set: (...args: unknown[]) => unknown };
    expect(instance.get()).toBe("own");
    expect(instance.set("k", "v")).toBe("generated");
    expect(Object.keys(WithOwnGet.prototype)).toEqual([]);
    expect(instance.set.name).toBe("set");
  });

  it("leaves no trace of switching the prototype to dictionary properties", () => {
    class Full {
      own(): string {
        return "own";
      }
    }
    const installed = installCommandMethods(Full.prototype, standaloneCommands, () => "sent");
    expect(installed).toEqual(Object.keys(standaloneCommands));
    expect(Object.getOwnPropertySymbols(Full.prototype)).toEqual([]);
    expect(Object.getOwnPropertyNames(Full.prototype).sort()).toEqual(
      ["constructor", "own", ...installed].sort(),
    );
    const instance = new Full() as Full & Record<string, (...args: unknown[]) => unknown>;
    expect(instance.own()).toBe("own");
    expect(instance.get?.("k")).toBe("sent");
    expect(instance.zrangeWithScores?.name).toBe("zrangeWithScores");
  });

  it("throws a factory's input error, or hands it to onBuildError", async () => {
    class Throwing {}
    installCommandMethods(Throwing.prototype, { set }, () => "sent");
    const throwing = new Throwing() as { set: typeof set };
    const fractional = { expiry: { type: TimeUnit.Seconds, count: 1.5 } } as const;
    expect(() => throwing.set("k", "v", fractional)).toThrow(/Count must be an integer/);
    class Rejecting {}
    installCommandMethods(
      Rejecting.prototype,
      { set },
      () => Promise.resolve("sent"),
      (_self, error) => Promise.reject(error),
    );
    const rejecting = new Rejecting() as { set: (...args: Parameters<typeof set>) => unknown };
    await expect(rejecting.set("k", "v", fractional)).rejects.toThrow(/Count must be an integer/);
    await expect(rejecting.set("k", "v")).resolves.toBe("sent");
  });

  it("types client methods as promises of the command's result", () => {
    expectTypeOf<FakeClient["get"]>().parameters.toEqualTypeOf<Parameters<typeof get>>();
    expectTypeOf<FakeClient["get"]>().returns.toEqualTypeOf<Promise<GlideString | null>>();
    expectTypeOf<FakeClient["set"]>().returns.toEqualTypeOf<Promise<"OK" | GlideString | null>>();
  });

  it("types batch methods as returning the batch", () => {
    expectTypeOf<FakeBatch["get"]>().returns.toEqualTypeOf<FakeBatch>();
    expectTypeOf<FakeBatch["set"]>().parameters.toEqualTypeOf<Parameters<typeof set>>();
  });

  it("maps every factory of the full records to a method (no `never` members)", () => {
    type NeverKeys<T> = { [K in keyof T]: [T[K]] extends [never] ? K : never }[keyof T];
    expectTypeOf<NeverKeys<ClientMethods<typeof standaloneCommands>>>().toEqualTypeOf<never>();
    expectTypeOf<NeverKeys<ClientMethods<typeof clusterCommands>>>().toEqualTypeOf<never>();
    type Batch = BatchMethods<typeof standaloneCommands, "batch">;
    expectTypeOf<NeverKeys<Batch>>().toEqualTypeOf<never>();
    class Full {}
    installCommandMethods(Full.prototype, standaloneCommands, () => undefined);
    expect(Object.getOwnPropertyNames(Full.prototype)).toContain("zrangeWithScores");
  });
});
