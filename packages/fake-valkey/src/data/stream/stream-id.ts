// Stream entry IDs: two unsigned 64-bit numbers `<ms>-<seq>`, parsed with
// the server's rules (`-`/`+`, a missing sequence, `<ms>-*` for XADD, the
// `(` prefix of exclusive ranges) and its error text.

import { fail } from "../errors.js";
import { parseInt64 } from "../float.js";

export interface StreamId {
  readonly ms: bigint;
  readonly seq: bigint;
}

export const MAX_U64 = 2n ** 64n - 1n;
export const ZERO_ID: StreamId = { ms: 0n, seq: 0n };
export const MAX_ID: StreamId = { ms: MAX_U64, seq: MAX_U64 };

export const StreamErrors = {
  invalidId: "ERR Invalid stream ID specified as stream command argument",
} as const;

export function compareIds(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

export function isZeroId(id: StreamId): boolean {
  return id.ms === 0n && id.seq === 0n;
}

/** The next ID, or undefined past the largest. */
export function nextId(id: StreamId): StreamId | undefined {
  if (id.seq < MAX_U64) return { ms: id.ms, seq: id.seq + 1n };
  if (id.ms < MAX_U64) return { ms: id.ms + 1n, seq: 0n };
  return undefined;
}

/** The previous ID, or undefined before 0-0. */
export function previousId(id: StreamId): StreamId | undefined {
  if (id.seq > 0n) return { ms: id.ms, seq: id.seq - 1n };
  if (id.ms > 0n) return { ms: id.ms - 1n, seq: MAX_U64 };
  return undefined;
}

/**
 * The server's string2ull: a canonical int64 that is not negative, or else
 * what strtoull accepts whole (leading spaces, a sign, decimal digits, no
 * overflow; a minus sign wraps around as in C).
 */
function parseU64(text: string): bigint | undefined {
  const canonical = parseInt64(text);
  if (canonical !== undefined) return canonical < 0n ? undefined : canonical;
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(text);
  if (match === null) return undefined;
  const value = BigInt(match[2] as string);
  if (value > MAX_U64) return undefined;
  return match[1] === "-" ? (2n ** 64n - value) % 2n ** 64n : value;
}

export interface ParsedId {
  readonly id: StreamId;
  /** False for XADD's `<ms>-*`. */
  readonly seqGiven: boolean;
}

/**
 * Parses an ID. `missingSeq` fills a bare `<ms>`; `strict` refuses `-` and
 * `+`; `allowSeqStar` accepts `<ms>-*` (XADD).
 */
export function parseStreamId(
  raw: Buffer,
  missingSeq: bigint,
  strict: boolean,
  allowSeqStar = false,
): ParsedId {
  const text = raw.toString("latin1");
  if (text.length > 127) fail(StreamErrors.invalidId);
  if (text === "-" || text === "+") {
    if (strict) fail(StreamErrors.invalidId);
    return { id: text === "-" ? ZERO_ID : MAX_ID, seqGiven: true };
  }
  const dash = text.indexOf("-");
  const ms = parseU64(dash < 0 ? text : text.slice(0, dash));
  if (ms === undefined) fail(StreamErrors.invalidId);
  if (dash < 0) return { id: { ms, seq: missingSeq }, seqGiven: true };
  const seqText = text.slice(dash + 1);
  if (allowSeqStar && seqText === "*") return { id: { ms, seq: 0n }, seqGiven: false };
  const seq = parseU64(seqText);
  if (seq === undefined) fail(StreamErrors.invalidId);
  return { id: { ms, seq }, seqGiven: true };
}

/** A strict ID (`-` and `+` refused). */
export function strictIdArg(raw: Buffer, missingSeq = 0n): StreamId {
  return parseStreamId(raw, missingSeq, true).id;
}

/** An XRANGE bound: `-`, `+`, an ID, or `(ID` (exclusive, strict). */
export function intervalIdArg(
  raw: Buffer,
  missingSeq: bigint,
): { readonly id: StreamId; readonly exclusive: boolean } {
  if (raw.length > 1 && raw[0] === 0x28) {
    return { id: parseStreamId(raw.subarray(1), missingSeq, true).id, exclusive: true };
  }
  return { id: parseStreamId(raw, missingSeq, false).id, exclusive: false };
}
