// LCS: longest common subsequence of two strings, with the server's LEN, IDX,
// MINMATCHLEN and WITHMATCHLEN reply shapes (ranges reported from the end).

import type { ReplyFrame } from "@petrel/protocol";
import { arg, define, intArg } from "./command.js";
import { Errors, fail } from "./errors.js";
import { array, bulk, bulkLatin1, integer, map } from "./reply.js";
import type { DataCommand, Keyspace } from "./types.js";

/** The server's default proto-max-bulk-len, which also bounds LCS's table. */
const MAX_STRING_LENGTH = 512 * 1024 * 1024;

function stringOrEmpty(db: Keyspace, key: Buffer): Buffer {
  const entry = db.get(key);
  if (entry === undefined) return Buffer.alloc(0);
  if (entry.type !== "string") fail(Errors.lcsNotString);
  return entry.value;
}

interface LcsOptions {
  len: boolean;
  idx: boolean;
  minMatchLen: number;
  withMatchLen: boolean;
}

function parseOptions(args: Buffer[]): LcsOptions {
  const options: LcsOptions = { len: false, idx: false, minMatchLen: 0, withMatchLen: false };
  for (let i = 3; i < args.length; i++) {
    const option = arg(args, i).toString("latin1").toUpperCase();
    if (option === "IDX") options.idx = true;
    else if (option === "LEN") options.len = true;
    else if (option === "WITHMATCHLEN") options.withMatchLen = true;
    else if (option === "MINMATCHLEN" && i + 1 < args.length) {
      options.minMatchLen = Math.max(0, intArg(arg(args, i + 1)));
      i++;
    } else fail(Errors.syntax);
  }
  if (options.len && options.idx) fail(Errors.lcsLenAndIdx);
  return options;
}

function lcs(ctx: { db: Keyspace }, args: Buffer[]): ReplyFrame {
  const a = stringOrEmpty(ctx.db, arg(args, 1));
  const b = stringOrEmpty(ctx.db, arg(args, 2));
  const options = parseOptions(args);
  if ((a.length + 1) * (b.length + 1) * 4 > MAX_STRING_LENGTH) {
    fail(Errors.lcsTooLarge);
  }
  const width = b.length + 1;
  const table = new Uint32Array((a.length + 1) * width);
  const at = (i: number, j: number): number => table[i * width + j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i * width + j] =
        a[i - 1] === b[j - 1] ? at(i - 1, j - 1) + 1 : Math.max(at(i - 1, j), at(i, j - 1));
    }
  }
  const total = at(a.length, b.length);
  if (options.len) return integer(total);

  const result = Buffer.alloc(total);
  const matches: ReplyFrame[] = [];
  let idx = total;
  let i = a.length;
  let j = b.length;
  const none = a.length;
  let aStart = none;
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  while (i > 0 && j > 0) {
    let emit = false;
    if (a[i - 1] === b[j - 1]) {
      result[idx - 1] = a[i - 1] as number;
      if (aStart === none) {
        aStart = i - 1;
        aEnd = i - 1;
        bStart = j - 1;
        bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        aStart--;
        bStart--;
      } else {
        emit = true;
      }
      if (aStart === 0 || bStart === 0) emit = true;
      idx--;
      i--;
      j--;
    } else {
      if (at(i - 1, j) > at(i, j - 1)) i--;
      else j--;
      if (aStart !== none) emit = true;
    }
    if (emit) {
      const matchLen = aEnd - aStart + 1;
      if (options.minMatchLen === 0 || matchLen >= options.minMatchLen) {
        const item = [
          array([integer(aStart), integer(aEnd)]),
          array([integer(bStart), integer(bEnd)]),
        ];
        if (options.withMatchLen) item.push(integer(matchLen));
        matches.push(array(item));
      }
      aStart = none;
    }
  }
  if (!options.idx) return bulk(result);
  return map([
    [bulkLatin1("matches"), array(matches)],
    [bulkLatin1("len"), integer(total)],
  ]);
}

export const lcsCommand: DataCommand = define({
  name: "lcs",
  arity: -3,
  flags: ["readonly"],
  keys: { first: 1, last: 2, step: 1 },
  run: lcs,
});
