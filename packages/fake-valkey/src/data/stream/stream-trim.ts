// The trimming arguments XADD and XTRIM share (MAXLEN/MINID, `=`/`~`,
// LIMIT), parsed in the server's order with its errors; for XADD the parse
// also stops at NOMKSTREAM's neighbours and the ID.

import { arg, intArg, token } from "../command.js";
import { Errors, fail } from "../errors.js";
import { NODE_MAX_ENTRIES, type TrimStrategy } from "./stream.js";
import { parseStreamId, type StreamId, strictIdArg } from "./stream-id.js";

export const TrimErrors = {
  both: "ERR syntax error, MAXLEN and MINID options at the same time are not compatible",
  maxlenNegative: "ERR The MAXLEN argument must be >= 0.",
  limitNegative: "ERR The LIMIT argument must be >= 0.",
  limitWithoutStrategy:
    "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy",
  limitWithoutApprox: "ERR syntax error, LIMIT cannot be used without the special ~ option",
  xtrimWithoutStrategy: "ERR syntax error, XTRIM must be called with a trimming strategy",
} as const;

export interface TrimArguments {
  strategy: TrimStrategy | undefined;
  approx: boolean;
  /** 0: no limit. */
  limit: number;
  noMkStream: boolean;
  /** XADD: the ID (undefined for `*`) and whether its sequence was given. */
  id: StreamId | undefined;
  seqGiven: boolean;
  /** The index of the ID argument (XADD) or args.length (XTRIM). */
  next: number;
}

/** Parses from args[2]; `xadd` enables NOMKSTREAM and stops at the ID. */
export function parseTrimArguments(args: Buffer[], xadd: boolean): TrimArguments {
  const parsed: TrimArguments = {
    strategy: undefined,
    approx: false,
    limit: 0,
    noMkStream: false,
    id: undefined,
    seqGiven: true,
    next: args.length,
  };
  let limitGiven = false;
  let i = 2;
  for (; i < args.length; i++) {
    const more = args.length - 1 - i;
    const raw = arg(args, i);
    const option = token(raw);
    if (xadd && raw.length === 1 && raw[0] === 0x2a) break;
    if ((option === "MAXLEN" || option === "MINID") && more > 0) {
      if (parsed.strategy !== undefined) fail(TrimErrors.both);
      parsed.approx = false;
      const next = arg(args, i + 1).toString("latin1");
      if (more >= 2 && next === "~") {
        parsed.approx = true;
        i++;
      } else if (more >= 2 && next === "=") i++;
      const value = arg(args, i + 1);
      if (option === "MAXLEN") {
        const maxlen = intArg(value);
        if (maxlen < 0) fail(TrimErrors.maxlenNegative);
        parsed.strategy = { kind: "maxlen", maxlen };
      } else parsed.strategy = { kind: "minid", minid: strictIdArg(value) };
      i++;
    } else if (option === "LIMIT" && more > 0) {
      parsed.limit = intArg(arg(args, i + 1));
      if (parsed.limit < 0) fail(TrimErrors.limitNegative);
      limitGiven = true;
      i++;
    } else if (xadd && option === "NOMKSTREAM") {
      parsed.noMkStream = true;
    } else if (xadd) {
      const id = parseStreamId(raw, 0n, true, true);
      parsed.id = id.id;
      parsed.seqGiven = id.seqGiven;
      break;
    } else fail(Errors.syntax);
  }
  parsed.next = i;
  if (parsed.limit !== 0 && parsed.strategy === undefined) fail(TrimErrors.limitWithoutStrategy);
  if (!xadd && parsed.strategy === undefined) fail(TrimErrors.xtrimWithoutStrategy);
  if (limitGiven) {
    if (!parsed.approx) fail(TrimErrors.limitWithoutApprox);
  } else if (parsed.approx) parsed.limit = 100 * NODE_MAX_ENTRIES;
  return parsed;
}
