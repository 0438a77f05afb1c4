// What a span may say about a command: its name and the shape of its
// arguments, never their values. Keys, values and passwords all become "?".
import type { CommandArg } from "@petrel/protocol";

const MAX_PLACEHOLDERS = 8;

/** "SET ? ?" for SET k v; "CONFIG GET ?" for CONFIG GET maxmemory; long lists are counted. */
export function maskedQueryText(name: string, args: readonly CommandArg[]): string {
  const nameTokens = name.split(" ").length;
  const hidden = Math.max(0, args.length - nameTokens);
  const shown = Math.min(hidden, MAX_PLACEHOLDERS);
  const text = `${name}${" ?".repeat(shown)}`;
  return hidden > shown ? `${text} … (${hidden} arguments)` : text;
}
