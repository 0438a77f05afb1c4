// The single slot a command's keys hash to, if any.
import type { CommandArg } from "@petrel/commands";
import type { CommandShape } from "./command-shape.js";
import { forEachKeyIndex } from "./keys-of.js";
import { slotOf } from "./slot-of.js";

/** The keys of one command hash to several slots: the server would answer CROSSSLOT. */
export interface CrossSlot {
  readonly crossSlot: true;
  /** Every distinct slot, in order of first appearance. */
  readonly slots: readonly number[];
}

/** The slot of a command: a number, `undefined` for a keyless command, or a CrossSlot marker. */
export type CommandSlot = number | undefined | CrossSlot;

export function isCrossSlot(slot: CommandSlot): slot is CrossSlot {
  return typeof slot === "object";
}

/** Where a command's keys hash to. Allocates nothing for keyless and single-key commands. */
export function slotOfCommand(command: CommandShape): CommandSlot {
  const { args } = command;
  const keys = command.spec.keys;
  if (keys.kind === "none") return undefined;
  // Fast path: one key in a range spec (GET, SET, HSET…).
  if (
    keys.kind === "range" &&
    keys.first === (keys.last < 0 ? args.length + keys.last : keys.last)
  ) {
    const key = args[keys.first];
    return key === undefined ? undefined : slotOf(key);
  }
  let first: number | undefined;
  let others: number[] | undefined;
  forEachKeyIndex(args, keys, (index) => {
    const slot = slotOf(args[index] as CommandArg);
    if (first === undefined) {
      first = slot;
    } else if (slot !== first) {
      if (others === undefined) others = [slot];
      else if (!others.includes(slot)) others.push(slot);
    }
  });
  if (others === undefined) return first;
  return { crossSlot: true, slots: [first as number, ...others] };
}
