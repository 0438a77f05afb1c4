import type { CommandArg, CommandInfo } from "@petrel/commands";

/**
 * The part of a Command that routing reads. `Command<T>` is invariant in T
 * (its parser takes the command back), so pure helpers accept this instead.
 */
export interface CommandShape {
  readonly args: readonly CommandArg[];
  readonly spec: CommandInfo;
}
