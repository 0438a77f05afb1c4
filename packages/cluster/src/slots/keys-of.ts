// Where a command's keys are, read from its spec's KeySpec. Index 0 of the
// argument list is the command name, so key indexes are argument indexes.
import type { CommandArg, KeySpec } from "@petrel/commands";
import type { CommandShape } from "./command-shape.js";

/**
 * Calls `visit` with the argument index of every key, in order, without
 * building an array (the single-key hot path). A `keynum` count that is not a
 * non-negative integer yields no keys, and one larger than the arguments is
 * clipped: the server then answers with its own arity error.
 */
export function forEachKeyIndex(
  args: readonly CommandArg[],
  spec: KeySpec,
  visit: (index: number) => void,
): void {
  switch (spec.kind) {
    case "none":
      return;
    case "range": {
      const last = spec.last < 0 ? args.length + spec.last : Math.min(spec.last, args.length - 1);
      const step = spec.step > 0 ? spec.step : 1;
      for (let i = spec.first; i <= last; i += step) visit(i);
      return;
    }
    case "keynum": {
      const count = parseKeyCount(args[spec.numkeysIndex]);
      const step = spec.step > 0 ? spec.step : 1;
      const first = spec.numkeysIndex + spec.firstKeyOffset;
      for (let n = 0, i = first; n < count && i < args.length; n++, i += step) visit(i);
      return;
    }
    case "custom":
      for (const index of spec.find(args)) {
        if (Number.isInteger(index) && index >= 0 && index < args.length) visit(index);
      }
      return;
  }
}

/** The argument indexes of a command's keys, in argument order. */
export function keyIndexesOf(command: CommandShape): number[] {
  const indexes: number[] = [];
  forEachKeyIndex(command.args, command.spec.keys, (index) => indexes.push(index));
  return indexes;
}

/** A command's keys, in argument order. */
export function keysOf(command: CommandShape): CommandArg[] {
  const keys: CommandArg[] = [];
  const { args } = command;
  forEachKeyIndex(args, command.spec.keys, (index) => keys.push(args[index] as CommandArg));
  return keys;
}

function parseKeyCount(arg: CommandArg | undefined): number {
  if (arg === undefined) return 0;
  const text = typeof arg === "string" ? arg : arg.toString();
  if (!/^\d{1,9}$/.test(text)) return 0;
  return Number(text);
}
