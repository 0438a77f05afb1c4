// Combines the replies of a multi-node plan into the one value the caller
// gets, per the command's response policy. Works on raw replies or parsed
// values alike: it only looks at numbers, booleans, arrays and maps.
//
// Error rule (as GLIDE): a reply that is an Error rejects the whole command,
// the first one in target order winning, except for the policies that need
// only one answer: `oneSucceeded` and `firstNonEmpty` succeed when any node
// answered, and fail with the first error only when none did.
import type { ResponsePolicy } from "@petrel/commands";
import { RequestError } from "@petrel/protocol";
import type { ClusterNode } from "../topology/topology.js";

/** GLIDE's result of a routed command: `T` from one node, or `{ "host:port": T }`. */
export type ClusterResponse<T> = T | Record<string, T>;

/**
 * What aggregation reads from a MultiNodePlan. Structural, so a plan for any
 * command type fits (`Command<T>` is invariant in T).
 */
export interface AggregationPlan {
  readonly targets: readonly {
    readonly node: ClusterNode;
    readonly keyPositions: readonly number[] | undefined;
  }[];
  readonly split: boolean;
  readonly keyCount: number;
}

export type AggregateOutcome =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: Error };

/**
 * `results[i]` is the reply (or the Error) of `plan.targets[i]`. The value is
 * the GLIDE-facing result: an aggregate, the reassembled MGET array, or a
 * `Record<"host:port", T>` for "default" and "special" fan-outs.
 */
export function aggregate(
  policy: ResponsePolicy,
  results: readonly unknown[],
  plan: AggregationPlan,
): AggregateOutcome {
  if (results.length !== plan.targets.length) {
    return failure(`Internal error: ${results.length} replies for ${plan.targets.length} targets`);
  }
  if (policy === "oneSucceeded") return oneSucceeded(results);
  if (policy === "firstNonEmpty") return firstNonEmpty(results);
  const error = results.find(isError);
  if (error !== undefined) return { ok: false, error };
  try {
    return { ok: true, value: combine(policy, results, plan) };
  } catch (cause) {
    return { ok: false, error: cause instanceof Error ? cause : new RequestError(String(cause)) };
  }
}

function combine(
  policy: ResponsePolicy,
  results: readonly unknown[],
  plan: AggregationPlan,
): unknown {
  switch (policy) {
    case "allSucceeded":
      return results[0];
    case "aggSum":
      return elementWise(results, "aggSum", (a, b) => add(a, b));
    case "aggMin":
      return elementWise(results, "aggMin", (a, b) => (compare(a, b) <= 0 ? a : b));
    case "aggMax":
      return elementWise(results, "aggMax", (a, b) => (compare(a, b) >= 0 ? a : b));
    case "aggLogicalAnd":
      return logical(results, "aggLogicalAnd", (a, b) => a && b);
    case "aggLogicalOr":
      return logical(results, "aggLogicalOr", (a, b) => a || b);
    case "combineArrays":
      return combineArrays(results);
    case "combineMaps":
      return combineMaps(results);
    default:
      return plan.split ? reassembleByKey(results, plan) : byAddress(results, plan);
  }
}

function isError(value: unknown): value is Error {
  return value instanceof Error;
}

function failure(message: string): AggregateOutcome {
  return { ok: false, error: new RequestError(message) };
}

function oneSucceeded(results: readonly unknown[]): AggregateOutcome {
  for (const result of results) if (!isError(result)) return { ok: true, value: result };
  return firstErrorOrEmpty(results);
}

function firstNonEmpty(results: readonly unknown[]): AggregateOutcome {
  let sawSuccess = false;
  for (const result of results) {
    if (isError(result)) continue;
    sawSuccess = true;
    if (!isEmpty(result)) return { ok: true, value: result };
  }
  return sawSuccess ? { ok: true, value: null } : firstErrorOrEmpty(results);
}

function firstErrorOrEmpty(results: readonly unknown[]): AggregateOutcome {
  const error = results.find(isError);
  return error === undefined ? { ok: true, value: null } : { ok: false, error };
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === "") return true;
  if (Buffer.isBuffer(value) || Array.isArray(value)) return value.length === 0;
  return false;
}

type Num = number | bigint;

function isNum(value: unknown): value is Num {
  return typeof value === "number" || typeof value === "bigint";
}

function add(a: Num, b: Num): Num {
  if (typeof a === "number" && typeof b === "number") {
    const sum = a + b;
    return Number.isSafeInteger(sum) || !Number.isInteger(sum) ? sum : BigInt(a) + BigInt(b);
  }
  return BigInt(a) + BigInt(b);
}

function compare(a: Num, b: Num): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers folded with `fold`, or arrays of numbers folded element by element (WAITAOF). */
function elementWise(
  results: readonly unknown[],
  policy: string,
  fold: (a: Num, b: Num) => Num,
): unknown {
  const [first] = results;
  if (isNum(first)) {
    let total: Num = first;
    for (let i = 1; i < results.length; i++) total = fold(total, expectNum(results[i], policy));
    return total;
  }
  if (Array.isArray(first)) {
    const total = first.map((value) => expectNum(value, policy));
    for (let i = 1; i < results.length; i++) {
      const row = expectArray(results[i], total.length, policy);
      for (let j = 0; j < total.length; j++)
        total[j] = fold(total[j] as Num, expectNum(row[j], policy));
    }
    return total;
  }
  throw new RequestError(`Cannot apply ${policy} to a reply of type ${describe(first)}`);
}

/** Booleans or 0/1 integers, alone or in arrays (SCRIPT EXISTS), combined element by element. */
function logical(
  results: readonly unknown[],
  policy: string,
  fold: (a: boolean, b: boolean) => boolean,
): unknown {
  const [first] = results;
  if (!Array.isArray(first)) {
    let total = expectTruth(first, policy);
    for (let i = 1; i < results.length; i++) total = fold(total, expectTruth(results[i], policy));
    return asTruthOf(first, total);
  }
  const total = first.map((value) => expectTruth(value, policy));
  for (let i = 1; i < results.length; i++) {
    const row = expectArray(results[i], total.length, policy);
    for (let j = 0; j < total.length; j++)
      total[j] = fold(total[j] as boolean, expectTruth(row[j], policy));
  }
  return total.map((value, j) => asTruthOf(first[j], value));
}

/** Keeps the reply's representation: a boolean stays boolean, an integer reply stays 0/1. */
function asTruthOf(sample: unknown, value: boolean): unknown {
  return typeof sample === "boolean" ? value : value ? 1 : 0;
}

function expectTruth(value: unknown, policy: string): boolean {
  if (typeof value === "boolean") return value;
  if (value === 0 || value === 1) return value === 1;
  throw new RequestError(`Cannot apply ${policy} to a reply of type ${describe(value)}`);
}

function expectNum(value: unknown, policy: string): Num {
  if (isNum(value)) return value;
  throw new RequestError(`Cannot apply ${policy} to a reply of type ${describe(value)}`);
}

function expectArray(value: unknown, length: number, policy: string): readonly unknown[] {
  if (Array.isArray(value) && value.length === length) return value;
  throw new RequestError(`Cannot apply ${policy}: nodes returned arrays of different shapes`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Buffer.isBuffer(value)) return "Buffer";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function combineArrays(results: readonly unknown[]): unknown[] {
  const combined: unknown[] = [];
  for (const result of results) {
    if (result === null) continue;
    if (!Array.isArray(result))
      throw new RequestError(`Cannot apply combineArrays to a reply of type ${describe(result)}`);
    for (const item of result) combined.push(item);
  }
  return combined;
}

/** MGET: each sub-reply holds the values of its keys; put them back in the caller's key order. */
function reassembleByKey(results: readonly unknown[], plan: AggregationPlan): unknown[] {
  const values: unknown[] = new Array(plan.keyCount).fill(null);
  plan.targets.forEach((target, i) => {
    const positions = target.keyPositions ?? [];
    const reply = results[i];
    if (!Array.isArray(reply) || reply.length !== positions.length) {
      throw new RequestError(
        `Cannot reassemble a split reply: expected ${positions.length} values from ${target.node.address}`,
      );
    }
    positions.forEach((position, j) => {
      values[position] = reply[j];
    });
  });
  return values;
}

/** GLIDE's per-node result: `{ "host:port": reply }`. Built with fromEntries, so no key can reach a prototype. */
function byAddress(results: readonly unknown[], plan: AggregationPlan): Record<string, unknown> {
  return Object.fromEntries(plan.targets.map((target, i) => [target.node.address, results[i]]));
}

type MapEntry = { key: unknown; value: unknown };
type MapShape = "entries" | "flat" | "record" | "map" | "pairs";

/**
 * PUBSUB NUMSUB: per-key counts from every node, summed per key. Accepts RESP3
 * maps (`{key, value}` entries), RESP2 flat key/value arrays, `Map`s, plain records,
 * and replies a command already shaped as two-field objects (GLIDE's
 * `{ channel, numSub }`). The result has the shape of the first non-empty reply.
 */
function combineMaps(results: readonly unknown[]): unknown {
  const totals = new Map<string, MapEntry>();
  let shape: MapShape | undefined;
  let fields: readonly [string, string] | undefined;
  for (const result of results) {
    const { entries, kind, names } = mapEntriesOf(result);
    if (shape === undefined && entries.length > 0) {
      shape = kind;
      fields = names;
    }
    for (const { key, value } of entries) {
      const id = Buffer.isBuffer(key) ? `b:${key.toString("latin1")}` : `s:${String(key)}`;
      const seen = totals.get(id);
      if (seen === undefined) totals.set(id, { key, value });
      else if (isNum(seen.value) && isNum(value)) seen.value = add(seen.value, value);
    }
  }
  const merged = [...totals.values()];
  switch (shape ?? mapEntriesOf(results[0]).kind) {
    case "flat":
      return merged.flatMap(({ key, value }) => [key, value]);
    case "record":
      return Object.fromEntries(merged.map(({ key, value }) => [String(key), value]));
    case "map":
      return new Map(merged.map(({ key, value }) => [key, value]));
    case "pairs": {
      const [keyName, valueName] = fields as readonly [string, string];
      return merged.map(({ key, value }) => ({ [keyName]: key, [valueName]: value }));
    }
    default:
      return merged;
  }
}

function mapEntriesOf(value: unknown): {
  entries: MapEntry[];
  kind: MapShape;
  names?: readonly [string, string];
} {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every(isMapEntry)) return { entries: value, kind: "entries" };
    const names = value.length > 0 ? pairFieldsOf(value[0]) : undefined;
    if (names !== undefined && value.every((item) => sameFields(item, names))) {
      const [keyName, valueName] = names;
      const entries = value.map((item: Record<string, unknown>) => ({
        key: item[keyName],
        value: item[valueName],
      }));
      return { entries, kind: "pairs", names };
    }
    if (value.length % 2 === 0) {
      const entries: MapEntry[] = [];
      for (let i = 0; i < value.length; i += 2)
        entries.push({ key: value[i], value: value[i + 1] });
      return { entries, kind: "flat" };
    }
  } else if (value instanceof Map) {
    return {
      entries: [...value].map(([key, entryValue]) => ({ key, value: entryValue })),
      kind: "map",
    };
  } else if (typeof value === "object" && value !== null && !Buffer.isBuffer(value)) {
    return {
      entries: Object.entries(value).map(([key, entryValue]) => ({ key, value: entryValue })),
      kind: "record",
    };
  }
  throw new RequestError(`Cannot apply combineMaps to a reply of type ${describe(value)}`);
}

/** The two field names of a plain two-field object (`{ channel, numSub }`), else undefined. */
function pairFieldsOf(value: unknown): readonly [string, string] | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  if (Buffer.isBuffer(value) || value instanceof Map) return undefined;
  const names = Object.keys(value);
  return names.length === 2 ? [names[0] as string, names[1] as string] : undefined;
}

function sameFields(value: unknown, names: readonly [string, string]): boolean {
  const own = pairFieldsOf(value);
  return own !== undefined && own[0] === names[0] && own[1] === names[1];
}

function isMapEntry(value: unknown): value is MapEntry {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value) &&
    "key" in value &&
    "value" in value
  );
}
