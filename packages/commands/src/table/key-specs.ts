// Turns the server's key specs into the compact `KeySpec` the router uses, and
// finds key positions in an argument list. Follows the server's own rules
// (getKeysUsingKeySpecs): keyword searches, negative last-key offsets, limits.
import type { CommandArg, KeySpec } from "../command.js";
import type { ServerKeySpec } from "./table-entry.js";

const noKeys: KeySpec = { kind: "none" };

/**
 * The compact form of a command's key specs: `range` or `keynum` when one spec
 * (or several adjacent single keys) says it all, `custom` otherwise.
 * Returns undefined when a spec is "unknown": such commands need a hand-written finder.
 */
export const toKeySpec = (specs: readonly ServerKeySpec[]): KeySpec | undefined => {
  if (specs.length === 0) return noKeys;
  if (specs.some((spec) => spec.begin === "unknown" || spec.find === "unknown")) return undefined;
  const [first] = specs;
  if (specs.length === 1 && first && typeof first.begin === "object" && "index" in first.begin) {
    const begin = first.begin.index;
    const find = first.find as Exclude<ServerKeySpec["find"], "unknown">;
    if ("keyNumIndex" in find) {
      return {
        kind: "keynum",
        numkeysIndex: begin + find.keyNumIndex,
        firstKeyOffset: find.firstKey - find.keyNumIndex,
        step: find.keyStep,
      };
    }
    if (find.limit <= 1) {
      const last = find.lastKey >= 0 ? begin + find.lastKey : find.lastKey;
      return { kind: "range", first: begin, last, step: find.keyStep };
    }
  }
  const adjacent = singleKeyIndexes(specs);
  if (adjacent) return { kind: "range", first: adjacent[0], last: adjacent[1], step: 1 };
  return { kind: "custom", find: (args) => findWithServerSpecs(specs, args) };
};

/** [first, last] when every spec is one key at a fixed index and they are consecutive (SMOVE, LMOVE). */
const singleKeyIndexes = (specs: readonly ServerKeySpec[]): [number, number] | undefined => {
  const indexes: number[] = [];
  for (const spec of specs) {
    if (typeof spec.begin !== "object" || !("index" in spec.begin)) return undefined;
    if (typeof spec.find !== "object" || !("lastKey" in spec.find)) return undefined;
    if (spec.find.lastKey !== 0) return undefined;
    indexes.push(spec.begin.index);
  }
  indexes.sort((a, b) => a - b);
  for (let i = 1; i < indexes.length; i++) {
    if (indexes[i] !== (indexes[i - 1] ?? 0) + 1) return undefined;
  }
  const first = indexes[0];
  const last = indexes[indexes.length - 1];
  return first === undefined || last === undefined ? undefined : [first, last];
};

const argText = (arg: CommandArg | undefined): string => {
  if (arg === undefined) return "";
  return typeof arg === "string" ? arg : arg.toString();
};

/** Key positions per the server's specs, sorted and without duplicates. */
export const findWithServerSpecs = (
  specs: readonly ServerKeySpec[],
  args: readonly CommandArg[],
): number[] => {
  const found = new Set<number>();
  const argc = args.length;
  for (const spec of specs) {
    const first = beginIndex(spec, args);
    if (first === undefined || spec.find === "unknown") continue;
    let start = first;
    let last: number;
    let step: number;
    if ("keyNumIndex" in spec.find) {
      const numKeys = Number(argText(args[first + spec.find.keyNumIndex]));
      if (!Number.isInteger(numKeys) || numKeys < 0) continue;
      start = first + spec.find.firstKey;
      last = start + numKeys - 1;
      step = spec.find.keyStep;
    } else {
      const { lastKey, limit } = spec.find;
      if (lastKey >= 0) last = first + lastKey;
      else if (limit <= 1) last = argc + lastKey;
      else last = first + Math.floor((argc - first) / limit) + lastKey;
      step = spec.find.keyStep;
    }
    for (let i = start; i <= last && i < argc; i += Math.max(step, 1)) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
};

const beginIndex = (spec: ServerKeySpec, args: readonly CommandArg[]): number | undefined => {
  const { begin } = spec;
  if (begin === "unknown") return undefined;
  if ("index" in begin) return begin.index;
  const argc = args.length;
  const keyword = begin.keyword.toUpperCase();
  if (begin.startFrom > 0) {
    for (let i = begin.startFrom; i < argc; i++) {
      if (argText(args[i]).toUpperCase() === keyword) return i + 1;
    }
  } else {
    for (let i = argc + begin.startFrom; i > 0; i--) {
      if (argText(args[i]).toUpperCase() === keyword) return i + 1;
    }
  }
  return undefined;
};

/** Indexes of the keys in `args` (index 0 is the command name), per a compact key spec. */
export const keyIndexes = (keys: KeySpec, args: readonly CommandArg[]): number[] => {
  switch (keys.kind) {
    case "none":
      return [];
    case "range": {
      const last = keys.last >= 0 ? keys.last : args.length + keys.last;
      const found: number[] = [];
      for (let i = keys.first; i <= last && i < args.length; i += Math.max(keys.step, 1)) {
        found.push(i);
      }
      return found;
    }
    case "keynum": {
      const numKeys = Number(argText(args[keys.numkeysIndex]));
      if (!Number.isInteger(numKeys) || numKeys < 0) return [];
      const found: number[] = [];
      const start = keys.numkeysIndex + keys.firstKeyOffset;
      const last = start + numKeys - 1;
      for (let i = start; i <= last && i < args.length; i += Math.max(keys.step, 1)) found.push(i);
      return found;
    }
    case "custom":
      return keys.find(args);
  }
};

/** The keys themselves, in argument order. */
export const extractKeys = (keys: KeySpec, args: readonly CommandArg[]): CommandArg[] =>
  keyIndexes(keys, args).map((index) => args[index] as CommandArg);
