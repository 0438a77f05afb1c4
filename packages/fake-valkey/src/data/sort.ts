// SORT and SORT_RO over lists, sets and sorted sets, with BY and GET patterns
// (`*` replaced by the element, `->field` reading a hash field), LIMIT, ALPHA,
// DESC and STORE. Numeric ties are broken by comparing the elements' bytes,
// so results are deterministic as in the server.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg, storeResult, token } from "./command.js";
import { setMembersInOrder } from "./encoding.js";
import { Errors, fail } from "./errors.js";
import { parseRangeDouble } from "./float.js";
import { array, bulk, integer } from "./reply.js";
import type { DataCommand, DataContext } from "./types.js";

interface SortOptions {
  by: string | undefined;
  gets: string[];
  offset: number;
  count: number;
  limited: boolean;
  descending: boolean;
  alpha: boolean;
  store: Buffer | undefined;
}

function parseOptions(args: Buffer[], readOnly: boolean): SortOptions {
  const options: SortOptions = {
    by: undefined,
    gets: [],
    offset: 0,
    count: -1,
    limited: false,
    descending: false,
    alpha: false,
    store: undefined,
  };
  for (let i = 2; i < args.length; i++) {
    const option = token(args[i]);
    const left = args.length - i - 1;
    if (option === "ASC") options.descending = false;
    else if (option === "DESC") options.descending = true;
    else if (option === "ALPHA") options.alpha = true;
    else if (option === "LIMIT" && left >= 2) {
      options.offset = intArg(arg(args, i + 1));
      options.count = intArg(arg(args, i + 2));
      options.limited = true;
      i += 2;
    } else if (option === "STORE" && left >= 1 && !readOnly) {
      options.store = arg(args, i + 1);
      i++;
    } else if (option === "BY" && left >= 1) {
      options.by = arg(args, i + 1).toString("latin1");
      i++;
    } else if (option === "GET" && left >= 1) {
      options.gets.push(arg(args, i + 1).toString("latin1"));
      i++;
    } else fail(Errors.syntax);
  }
  return options;
}

/** Resolves a BY/GET pattern for one element: a string value, a hash field, or undefined. */
function lookup(ctx: DataContext, pattern: string, element: string): Buffer | undefined {
  if (pattern === "#") return Buffer.from(element, "latin1");
  const star = pattern.indexOf("*");
  if (star < 0) return undefined;
  const arrow = pattern.indexOf("->", star + 1);
  const keyPattern = arrow >= 0 && arrow + 2 < pattern.length ? pattern.slice(0, arrow) : pattern;
  const key = Buffer.from(
    keyPattern.slice(0, star) + element + keyPattern.slice(star + 1),
    "latin1",
  );
  const entry = ctx.db.get(key);
  if (entry === undefined) return undefined;
  if (keyPattern !== pattern) {
    return entry.type === "hash" ? entry.value.get(pattern.slice(arrow + 2)) : undefined;
  }
  return entry.type === "string" ? entry.value : undefined;
}

function elementsOf(ctx: DataContext, key: Buffer): string[] {
  const entry = ctx.db.get(key);
  if (entry === undefined) return [];
  switch (entry.type) {
    case "list":
      return entry.value.map((item) => item.toString("latin1"));
    case "set":
      return setMembersInOrder(entry.value);
    case "zset":
      return entry.value.entries().map((item) => item.member);
    default:
      return fail(Errors.wrongType);
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortElements(
  ctx: DataContext,
  elements: string[],
  orderedSource: boolean,
  options: SortOptions,
): string[] {
  let byPattern = options.by;
  let alpha = options.alpha;
  // A BY pattern without `*` means "do not sort": lists and sorted sets keep
  // their own order, which DESC reverses. A set has no order of its own, so
  // when the result is stored the server sorts it lexicographically instead.
  if (byPattern !== undefined && !byPattern.includes("*")) {
    if (orderedSource || options.store === undefined)
      return orderedSource && options.descending ? [...elements].reverse() : elements;
    byPattern = undefined;
    alpha = true;
  }
  const keyed = elements.map((element) => {
    const weight =
      byPattern === undefined ? Buffer.from(element, "latin1") : lookup(ctx, byPattern, element);
    if (alpha) return { element, text: weight?.toString("latin1"), score: 0 };
    if (weight === undefined) return { element, text: undefined, score: 0 };
    // Bare strtod: leading spaces and empty text pass, overflow does not.
    const text = weight.toString("latin1");
    const score = parseRangeDouble(text);
    if (score === undefined || (!Number.isFinite(score) && !/inf/i.test(text)))
      fail(Errors.sortNotDouble);
    return { element, text: undefined, score };
  });
  keyed.sort((a, b) => {
    let cmp: number;
    if (!alpha) cmp = a.score - b.score || compareBytes(a.element, b.element);
    else if (byPattern === undefined) cmp = compareBytes(a.element, b.element);
    else if (a.text === undefined || b.text === undefined)
      cmp = a.text === b.text ? 0 : a.text === undefined ? -1 : 1;
    else cmp = compareBytes(a.text, b.text);
    return options.descending ? -cmp : cmp;
  });
  return keyed.map((item) => item.element);
}

function sort(ctx: DataContext, args: Buffer[], readOnly: boolean): ReplyFrame {
  const options = parseOptions(args, readOnly);
  const source = arg(args, 1);
  const sourceType = ctx.db.get(source)?.type;
  const orderedSource = sourceType === "list" || sourceType === "zset";
  let elements = sortElements(ctx, elementsOf(ctx, source), orderedSource, options);
  if (options.limited) {
    const start = Math.max(0, options.offset);
    const end = options.count < 0 ? elements.length : start + options.count;
    elements = elements.slice(start, end);
  }
  const values: (Buffer | undefined)[] =
    options.gets.length === 0
      ? elements.map((element) => Buffer.from(element, "latin1"))
      : elements.flatMap((element) => options.gets.map((pattern) => lookup(ctx, pattern, element)));
  if (options.store === undefined) return array(values.map((value) => bulk(value ?? null)));
  storeResult(
    ctx,
    options.store,
    { type: "list", value: values.map((value) => value ?? Buffer.alloc(0)) },
    "l",
    "sortstore",
  );
  return integer(values.length);
}

/** Options whose arguments key extraction skips (Valkey's sortGetKeys). */
const SKIPPED_ARGUMENTS: Readonly<Record<string, number>> = { LIMIT: 2, GET: 1, BY: 1 };

/**
 * The sorted key and the last STORE's key, as the server's key extraction
 * finds them: a STORE's argument is not skipped, so `STORE a STORE b` names b.
 */
function storeKeyPositions(args: Buffer[]): number[] {
  let store: number | undefined;
  for (let i = 2; i < args.length; i++) {
    const option = token(args[i]);
    const skip = SKIPPED_ARGUMENTS[option];
    if (skip !== undefined) i += skip;
    else if (option === "STORE" && i + 1 < args.length) store = i + 1;
  }
  return store === undefined ? [1] : [1, store];
}

export const fakeSortHandlers: readonly DataCommand[] = [
  define({
    name: "sort",
    arity: -2,
    flags: ["write", "denyoom"],
    keys: storeKeyPositions,
    run: (ctx, args) => sort(ctx, args, false),
  }),
  define({
    name: "sort_ro",
    arity: -2,
    flags: ["readonly"],
    keys: { first: 1, last: 1, step: 1 },
    run: (ctx, args) => sort(ctx, args, true),
  }),
];
