// Splits a multi-key command (MGET, MSET, DEL, EXISTS, UNLINK, TOUCH, WATCH…)
// into one sub-command per slot, even when two slots live on the same node:
// the server rejects keys of different slots in one command, and keeping one
// slot per sub-command lets a redirect affect only that slot
// (docs/cluster-protocol.md §1).
import type { Command, CommandArg } from "@petrel/commands";
import { slotOf } from "../slots/slot-of.js";

export interface SlotGroup<T = unknown> {
  readonly slot: number;
  readonly command: Command<T>;
  /** Position of each of this sub-command's keys in the original key order. */
  readonly keyPositions: readonly number[];
}

export interface SplitResult<T = unknown> {
  readonly groups: readonly SlotGroup<T>[];
  readonly keyCount: number;
}

/**
 * Groups the key arguments of a `range` key spec by slot, each key carrying
 * the `step - 1` arguments that follow it (MSET's values). Arguments before
 * the first key and after the last group are copied into every sub-command.
 * Groups are ordered by each slot's first key. Undefined when the key spec is
 * not a range (those commands are never split).
 */
export function splitBySlot<T>(command: Command<T>): SplitResult<T> | undefined {
  const keys = command.spec.keys;
  if (keys.kind !== "range") return undefined;
  const { args } = command;
  const step = keys.step > 0 ? keys.step : 1;
  const last = keys.last < 0 ? args.length + keys.last : Math.min(keys.last, args.length - 1);
  if (keys.first > last) return { groups: [], keyCount: 0 };

  const bySlot = new Map<number, { indexes: number[]; positions: number[] }>();
  let keyCount = 0;
  let lastKey = keys.first;
  for (let index = keys.first; index <= last; index += step) {
    const slot = slotOf(args[index] as CommandArg);
    let group = bySlot.get(slot);
    if (group === undefined) {
      group = { indexes: [], positions: [] };
      bySlot.set(slot, group);
    }
    group.indexes.push(index);
    group.positions.push(keyCount++);
    lastKey = index;
  }

  const prefix = args.slice(0, keys.first);
  const suffix = args.slice(Math.min(args.length, lastKey + step));
  const groups: SlotGroup<T>[] = [];
  for (const [slot, group] of bySlot) {
    const subArgs: CommandArg[] = prefix.slice();
    for (const index of group.indexes) {
      for (let i = index; i < index + step && i < args.length; i++)
        subArgs.push(args[i] as CommandArg);
    }
    for (const arg of suffix) subArgs.push(arg);
    groups.push({ slot, command: { ...command, args: subArgs }, keyPositions: group.positions });
  }
  return { groups, keyCount };
}
