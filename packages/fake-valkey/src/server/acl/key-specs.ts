// The keys an ACL check looks at, found with the command's key specs (as
// COMMAND INFO shows them) the way the server's getKeysFromCommandWithSpecs
// does: each key comes with whether the command reads it, writes it, or both.

import { COMMAND_ACL_ROWS } from "./command-acl.generated.js";

type BeginSearch = number | readonly [keyword: string, startFrom: number] | null;
type FindKeys =
  | readonly ["range", lastKey: number, keyStep: number, limit: number]
  | readonly ["keynum", keyNumIndex: number, firstKey: number, keyStep: number]
  | null;

/** One row of the generated table: name, space-separated categories, key specs. */
export type CommandAclRow = readonly [
  name: string,
  categories: string,
  keySpecs: readonly (readonly [flags: string, begin: BeginSearch, find: FindKeys])[],
];

interface KeySpec {
  readonly read: boolean;
  readonly write: boolean;
  readonly begin: BeginSearch;
  readonly find: FindKeys;
}

/** A key a command names, and the access it needs (ACL `%R~` / `%W~`). */
export interface KeyAccess {
  readonly position: number;
  readonly read: boolean;
  readonly write: boolean;
}

interface CommandAcl {
  readonly categories: readonly string[];
  readonly specs: readonly KeySpec[];
}

let table: Map<string, CommandAcl> | undefined;

function commandAcl(name: string): CommandAcl | undefined {
  if (table === undefined) {
    table = new Map();
    for (const [command, categories, specs] of COMMAND_ACL_ROWS) {
      table.set(command, {
        categories: categories.split(" "),
        specs: specs
          .filter(([flags]) => !flags.split(" ").includes("not_key"))
          .map(([flags, begin, find]) => {
            const words = flags.split(" ");
            return {
              read: words.includes("access"),
              write:
                words.includes("insert") || words.includes("delete") || words.includes("update"),
              begin,
              find,
            };
          }),
      });
    }
  }
  return table.get(name);
}

/** The categories redis-server 7.0 gives the command, or undefined for a command it lacks. */
export function knownCategories(name: string): readonly string[] | undefined {
  return commandAcl(name)?.categories;
}

const words = (args: readonly Buffer[]) => args.map((a) => a.toString("latin1").toLowerCase());

/**
 * Commands whose key access depends on their arguments (the variable_flags
 * specs): SET reads its key only with GET, BITFIELD writes only with SET or
 * INCRBY.
 */
const VARIABLE_ACCESS: Record<string, (args: readonly Buffer[]) => Omit<KeyAccess, "position">> = {
  set: (args) => ({ read: words(args.slice(3)).includes("get"), write: true }),
  bitfield: (args) => {
    const writes = words(args.slice(2)).some((word) => word === "set" || word === "incrby");
    return { read: true, write: writes };
  },
};

function firstKeyIndex(begin: BeginSearch, args: readonly Buffer[]): number | undefined {
  if (begin === null) return undefined;
  if (typeof begin === "number") return begin < args.length ? begin : undefined;
  const [keyword, startFrom] = begin;
  const matches = (i: number) => args[i]?.toString("latin1").toUpperCase() === keyword;
  if (startFrom >= 0) {
    for (let i = startFrom; i < args.length; i++) if (matches(i)) return i + 1;
  } else {
    for (let i = args.length + startFrom; i >= 1; i--) if (matches(i)) return i + 1;
  }
  return undefined;
}

/**
 * The keys `args` name, with their access. An argument list the specs cannot
 * make sense of names no keys, as on the server (the command then fails on
 * its own arguments).
 */
export function keyAccesses(
  name: string,
  args: readonly Buffer[],
  fallback: () => readonly number[],
): KeyAccess[] {
  const acl = commandAcl(name);
  if (acl === undefined) return [];
  const out: KeyAccess[] = [];
  for (const spec of acl.specs) {
    if (spec.begin === null || spec.find === null) {
      // A spec the server leaves to the command's own key finder (SORT's STORE, MIGRATE's KEYS).
      for (const position of fallback())
        if (!out.some((key) => key.position === position))
          out.push({ position, read: true, write: true });
      continue;
    }
    let first = firstKeyIndex(spec.begin, args);
    if (first === undefined) continue;
    const variable = VARIABLE_ACCESS[name];
    if (variable !== undefined) {
      out.push({ position: first, ...variable(args) });
      continue;
    }
    let last: number;
    let step: number;
    if (spec.find[0] === "range") {
      const [, lastKey, keyStep, limit] = spec.find;
      if (lastKey >= 0) last = first + lastKey;
      else if (limit === 0) last = args.length + lastKey;
      else last = first + (Math.floor((args.length - first) / limit) + lastKey);
      step = keyStep;
    } else {
      const [, keyNumIndex, firstKey, keyStep] = spec.find;
      const text = args[first + keyNumIndex]?.toString("latin1") ?? "";
      const count = /^(0|-?[1-9]\d*)$/.test(text) ? Number(text) : Number.NaN;
      if (!(count >= 0)) return [];
      first += firstKey;
      last = first + count - 1;
      step = keyStep;
    }
    for (let i = first; i <= last; i += Math.max(1, step)) {
      if (i >= args.length) return [];
      out.push({ position: i, read: spec.read, write: spec.write });
    }
  }
  return out;
}
