import type { Command, ResponsePolicy } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import type { MultiNodePlan } from "../routing/plan.js";
import { planCommand } from "../routing/plan-command.js";
import { command, specs } from "../test-support/commands.js";
import { threeShardSlots } from "../test-support/replies.js";
import { parseClusterSlots } from "../topology/parse-cluster-slots.js";
import { type AggregateOutcome, aggregate } from "./aggregate.js";

const topology = parseClusterSlots(threeShardSlots(), "seed");
const fanOut = planCommand(
  { ...command(specs.echo, ["ECHO", "x"]), route: "allPrimaries" },
  topology,
) as MultiNodePlan;

function value(outcome: AggregateOutcome): unknown {
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function error(outcome: AggregateOutcome): Error {
  if (outcome.ok) throw new Error("expected a failure");
  return outcome.error;
}

const run = (policy: ResponsePolicy, results: unknown[]) => aggregate(policy, results, fanOut);

describe("aggregate: numeric policies", () => {
  it("sums, including beyond 2^53 as bigint", () => {
    expect(value(run("aggSum", [1, 2, 3]))).toBe(6);
    expect(value(run("aggSum", [Number.MAX_SAFE_INTEGER, 1, 1]))).toBe(
      BigInt(Number.MAX_SAFE_INTEGER) + 2n,
    );
    expect(value(run("aggSum", [1n, 2, 3]))).toBe(6n);
  });

  it("takes the min and max, element-wise over arrays (WAITAOF)", () => {
    expect(value(run("aggMin", [3, 1, 2]))).toBe(1);
    expect(value(run("aggMax", [3, 1, 2]))).toBe(3);
    expect(
      value(
        run("aggMin", [
          [1, 5],
          [2, 0],
          [3, 3],
        ]),
      ),
    ).toEqual([1, 0]);
  });

  it("ANDs and ORs element-wise, keeping booleans or 0/1 integers (SCRIPT EXISTS)", () => {
    expect(
      value(
        run("aggLogicalAnd", [
          [1, 1, 0],
          [1, 0, 0],
          [1, 1, 1],
        ]),
      ),
    ).toEqual([1, 0, 0]);
    expect(
      value(
        run("aggLogicalOr", [
          [1, 0, 0],
          [0, 0, 0],
          [0, 1, 0],
        ]),
      ),
    ).toEqual([1, 1, 0]);
    expect(
      value(
        run("aggLogicalAnd", [
          [true, true],
          [true, false],
          [true, true],
        ]),
      ),
    ).toEqual([true, false]);
    expect(value(run("aggLogicalOr", [false, false, true]))).toBe(true);
    expect(value(run("aggLogicalAnd", [1, 1, 0]))).toBe(0);
  });

  it("rejects replies of the wrong type or shape with a RequestError", () => {
    expect(error(run("aggSum", [1, "two", 3]))).toBeInstanceOf(RequestError);
    expect(error(run("aggMin", [[1], [1, 2], [3]])).message).toMatch(/different shapes/);
    expect(error(run("aggLogicalAnd", [[1], [2], [1]]))).toBeInstanceOf(RequestError);
  });
});

describe("aggregate: success policies", () => {
  it("allSucceeded returns one OK", () => {
    expect(value(run("allSucceeded", ["OK", "OK", "OK"]))).toBe("OK");
  });

  it("the first error in target order rejects, for every policy that needs all replies", () => {
    const first = new RequestError("ERR first");
    const second = new RequestError("ERR second");
    for (const policy of [
      "allSucceeded",
      "aggSum",
      "combineArrays",
      "default",
      "special",
    ] as const) {
      expect(error(run(policy, ["OK", first, second]))).toBe(first);
    }
  });

  it("oneSucceeded returns the first success, or the first error when all failed", () => {
    const failure = new RequestError("NOTBUSY No scripts in execution right now.");
    expect(value(run("oneSucceeded", [failure, "OK", failure]))).toBe("OK");
    expect(
      error(run("oneSucceeded", [failure, new RequestError("x"), new RequestError("y")])),
    ).toBe(failure);
  });

  it("firstNonEmpty skips empty replies and tolerates errors when some node answered (RANDOMKEY)", () => {
    expect(value(run("firstNonEmpty", [null, "key", "other"]))).toBe("key");
    expect(value(run("firstNonEmpty", [new RequestError("down"), null, Buffer.from("k")]))).toEqual(
      Buffer.from("k"),
    );
    expect(value(run("firstNonEmpty", [null, null, ""]))).toBeNull();
    expect(value(run("firstNonEmpty", [null, new RequestError("down"), null]))).toBeNull();
    const down = new RequestError("down");
    expect(error(run("firstNonEmpty", [down, new RequestError("b"), new RequestError("c")]))).toBe(
      down,
    );
  });
});

describe("aggregate: collections", () => {
  it("combineArrays concatenates in target order (KEYS)", () => {
    expect(value(run("combineArrays", [["a"], [], ["b", "c"]]))).toEqual(["a", "b", "c"]);
    expect(error(run("combineArrays", [["a"], "b", []]))).toBeInstanceOf(RequestError);
  });

  it("combineMaps sums per key across RESP3 maps, RESP2 flat arrays and records (PUBSUB NUMSUB)", () => {
    const resp3 = value(
      run("combineMaps", [
        [
          { key: "a", value: 1 },
          { key: "b", value: 0 },
        ],
        [{ key: "a", value: 2 }],
        [],
      ]),
    );
    expect(resp3).toEqual([
      { key: "a", value: 3 },
      { key: "b", value: 0 },
    ]);
    expect(value(run("combineMaps", [[], ["a", 1, "b", 2], ["b", 5]]))).toEqual(["a", 1, "b", 7]);
    expect(value(run("combineMaps", [{ a: 1 }, { a: 1, c: 1 }, {}]))).toEqual({ a: 2, c: 1 });
    expect(
      value(run("combineMaps", [new Map([["a", 1]]), new Map([["a", 4]]), new Map()])),
    ).toEqual(new Map([["a", 5]]));
  });

  it("combineMaps sums replies a command already shaped as GLIDE's { channel, numSub } lists", () => {
    const shaped = run("combineMaps", [
      [
        { channel: "a", numSub: 1 },
        { channel: "b", numSub: 0 },
      ],
      [{ channel: "a", numSub: 2 }],
      [],
    ]);
    expect(value(shaped)).toEqual([
      { channel: "a", numSub: 3 },
      { channel: "b", numSub: 0 },
    ]);
  });

  it("combineMaps keeps Buffer and string keys apart and never touches prototypes", () => {
    const merged = value(
      run("combineMaps", [
        ["__proto__", 1],
        [Buffer.from("__proto__"), 2],
        ["__proto__", 3],
      ]),
    ) as unknown[];
    expect(merged).toEqual(["__proto__", 4, Buffer.from("__proto__"), 2]);
    const record = value(run("combineMaps", [JSON.parse('{"__proto__": 1}'), {}, {}])) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(Object.keys(record)).toEqual(["__proto__"]);
  });

  it("default and special fan-outs give a record keyed by node address", () => {
    const record = value(run("default", ["a", "b", "c"]));
    expect(record).toEqual({ "127.0.0.1:7000": "a", "127.0.0.1:7001": "b", "127.0.0.1:7002": "c" });
    expect(value(run("special", [1, 2, 3]))).toEqual({
      "127.0.0.1:7000": 1,
      "127.0.0.1:7001": 2,
      "127.0.0.1:7002": 3,
    });
  });

  it("rejects a result count that does not match the targets", () => {
    expect(error(run("aggSum", [1, 2])).message).toMatch(/2 replies for 3 targets/);
  });
});

describe("aggregate: split commands", () => {
  const mget = planCommand(
    command(specs.mget, ["MGET", "foo", "bar", "{foo}1", "missing{bar}"]),
    topology,
  ) as MultiNodePlan;

  it("reassembles MGET values in the caller's key order", () => {
    expect(mget.targets.map((target) => target.keyPositions)).toEqual([
      [0, 2],
      [1, 3],
    ]);
    expect(
      value(
        aggregate(
          mget.response,
          [
            ["v-foo", "v-foo1"],
            ["v-bar", null],
          ],
          mget,
        ),
      ),
    ).toEqual(["v-foo", "v-bar", "v-foo1", null]);
  });

  it("rejects a sub-reply of the wrong length", () => {
    expect(error(aggregate(mget.response, [["only-one"], ["a", "b"]], mget))).toBeInstanceOf(
      RequestError,
    );
  });

  it("sums DEL counts and fails on the first sub-command error", () => {
    const del = planCommand(command(specs.del, ["DEL", "foo", "bar"]), topology) as MultiNodePlan;
    expect(value(aggregate(del.response, [1, 1], del))).toBe(2);
    const moved = new RequestError("MOVED 5061 127.0.0.1:7009");
    expect(error(aggregate(del.response, [1, moved], del))).toBe(moved);
  });
});

describe("aggregate: types", () => {
  it("accepts the plan of a command of any result type, generic code included", () => {
    function replyCount<T>(cmd: Command<T>): number {
      const plan = planCommand(cmd, topology);
      if (plan.kind !== "multi") return 1;
      const outcome = aggregate(
        plan.response,
        plan.targets.map(() => 1),
        plan,
      );
      return outcome.ok ? Number(outcome.value) : -1;
    }
    expect(replyCount(command(specs.dbsize, ["DBSIZE"]))).toBe(3);
  });
});
