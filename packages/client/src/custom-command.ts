// Builds the Command for customCommand: the spec is the batch's (customCommandSpec: flags
// from the command table, the reply in GLIDE's shape for the command, the same on RESP2
// and RESP3), and a blocking
// command's own timeout is read from its arguments so the request waits long enough.
import {
  type Command,
  CommandFlags,
  type CommandSpec,
  customCommandSpec,
  type Decoder,
} from "@petrel/commands";
import type { GlideString, RespValue } from "@petrel/protocol";

/** Where each blocking command carries its timeout, and in which unit. */
const blockingTimeouts: Readonly<
  Record<string, { readonly at: "last" | number | "BLOCK"; readonly unit: "s" | "ms" }>
> = {
  BLPOP: { at: "last", unit: "s" },
  BRPOP: { at: "last", unit: "s" },
  BRPOPLPUSH: { at: "last", unit: "s" },
  BLMOVE: { at: "last", unit: "s" },
  BZPOPMIN: { at: "last", unit: "s" },
  BZPOPMAX: { at: "last", unit: "s" },
  BLMPOP: { at: 1, unit: "s" },
  BZMPOP: { at: 1, unit: "s" },
  WAIT: { at: 2, unit: "ms" },
  WAITAOF: { at: 3, unit: "ms" },
  XREAD: { at: "BLOCK", unit: "ms" },
  XREADGROUP: { at: "BLOCK", unit: "ms" },
};

/** The server-side block time in ms (0 = forever), or undefined when the command does not block. */
export function blockingTimeoutMs(args: readonly GlideString[]): number | undefined {
  const rule = blockingTimeouts[String(args[0]).toUpperCase()];
  if (rule === undefined) return undefined;
  let index: number;
  if (rule.at === "last") index = args.length - 1;
  else if (rule.at === "BLOCK")
    index = args.findIndex((arg) => String(arg).toUpperCase() === "BLOCK") + 1;
  else index = rule.at;
  if (index <= 0 || index >= args.length) return undefined;
  const value = Number(String(args[index]));
  if (!Number.isFinite(value) || value < 0) return undefined;
  return rule.unit === "s" ? Math.round(value * 1000) : Math.round(value);
}

/** The Command for `customCommand(args, { decoder })`. */
export function customCommand(
  args: GlideString[],
  decoder: Decoder | undefined,
): Command<RespValue> {
  const spec = customCommandSpec(args) as CommandSpec<RespValue>;
  return {
    spec,
    args,
    decoder,
    route: undefined,
    blockMs:
      (spec.flags & CommandFlags.BLOCKING) !== 0 || spec.name === "WAIT"
        ? blockingTimeoutMs(args)
        : undefined,
    meta: undefined,
  };
}

/**
 * A cluster customCommand's result: one node's reply as it is; replies from several nodes
 * (a plain object by address, which no single reply is) as GLIDE's list of
 * `{ key: address, value }`, which is how GLIDE returns them from customCommand.
 */
export function perNodeAsGlideRecord(result: unknown): unknown {
  if (typeof result !== "object" || result === null) return result;
  if (Object.getPrototypeOf(result) !== Object.prototype) return result;
  return Object.entries(result).map(([key, value]) => ({ key, value }));
}

/** Whether `args` is FUNCTION STATS (which a standalone GLIDE client sends to every node). */
export function isFunctionStats(args: readonly GlideString[]): boolean {
  return (
    args.length === 2 &&
    String(args[0]).toUpperCase() === "FUNCTION" &&
    String(args[1]).toUpperCase() === "STATS"
  );
}
