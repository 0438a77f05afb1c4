// SCAN-family cursors. Items are visited in the order of a stable 32-bit hash
// of their name, and the cursor is the next hash to visit, so every item
// present for the whole iteration is returned at least once even when others
// are added or removed in between (the guarantee the server gives). Small
// collections are returned whole with cursor 0, as the server does for its
// compact encodings.

import type { ReplyFrame } from "@petrel/protocol";
import { arg, intArg, token } from "./command.js";
import { Errors, fail } from "./errors.js";
import { globMatch } from "./glob.js";
import { array, bulk } from "./reply.js";

export interface ScanOptions {
  readonly cursor: bigint;
  readonly count: number;
  readonly pattern: string | undefined;
  readonly type: string | undefined;
  /** The command's valueless flag (NOVALUES / NOSCORES) was given. */
  readonly flagged: boolean;
}

const MAX_CURSOR = 2n ** 64n - 1n;

export function parseCursor(value: Buffer): bigint {
  const text = value.toString("latin1");
  if (!/^-?[0-9]+$/.test(text)) fail(Errors.invalidCursor);
  const cursor = BigInt(text);
  if (cursor > MAX_CURSOR || cursor < -MAX_CURSOR) fail(Errors.invalidCursor);
  // strtoul wraps negative input around, and the server accepts it.
  return cursor < 0n ? MAX_CURSOR + 1n + cursor : cursor;
}

/** Parses `cursor [MATCH p] [COUNT n] [TYPE t]` starting at the cursor's index. */
/**
 * Parses `cursor [MATCH p] [COUNT n] [TYPE t]` starting at the cursor's index.
 * `flag` names the one valueless option the command accepts (HSCAN's
 * NOVALUES, ZSCAN's NOSCORES: Valkey 8 additions).
 */
export function parseScanOptions(
  args: Buffer[],
  cursorIndex: number,
  allowType: boolean,
  flag?: string,
): ScanOptions {
  const cursor = parseCursor(arg(args, cursorIndex));
  let count = 10;
  let pattern: string | undefined;
  let type: string | undefined;
  let flagged = false;
  for (let i = cursorIndex + 1; i < args.length; i++) {
    const option = token(args[i]);
    if (flag !== undefined && option === flag) {
      flagged = true;
      continue;
    }
    const value = args[i + 1];
    if (value === undefined) fail(Errors.syntax);
    if (option === "COUNT") {
      count = intArg(value);
      if (count < 1) fail(Errors.syntax);
    } else if (option === "MATCH") {
      pattern = value.toString("latin1");
    } else if (option === "TYPE" && allowType) {
      type = value.toString("latin1");
    } else {
      fail(Errors.syntax);
    }
    i++;
  }
  return { cursor, count, pattern, type, flagged };
}

export function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface ScanPage {
  readonly next: bigint;
  readonly names: string[];
}

/** One page of names (latin1) from `cursor`, before MATCH/TYPE filtering. */
export function scanPage(
  names: Iterable<string>,
  cursor: bigint,
  count: number,
  whole: boolean,
): ScanPage {
  if (whole) return { next: 0n, names: [...names] };
  if (cursor > 0xffffffffn) return { next: 0n, names: [] };
  const from = Number(cursor);
  const candidates: { name: string; hash: number }[] = [];
  for (const name of names) {
    const hash = hash32(name);
    if (hash >= from) candidates.push({ name, hash });
  }
  candidates.sort((a, b) => a.hash - b.hash || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let end = Math.min(count, candidates.length);
  while (end < candidates.length && candidates[end]?.hash === candidates[end - 1]?.hash) end++;
  const page = candidates.slice(0, end);
  const last = page[page.length - 1];
  const next = end >= candidates.length || last === undefined ? 0n : BigInt(last.hash + 1);
  return { next, names: page.map((c) => c.name) };
}

export function matches(pattern: string | undefined, name: string): boolean {
  return pattern === undefined || pattern === "*" || globMatch(pattern, name);
}

export function scanReply(next: bigint, items: readonly ReplyFrame[]): ReplyFrame {
  return array([bulk(next.toString()), array(items)]);
}
