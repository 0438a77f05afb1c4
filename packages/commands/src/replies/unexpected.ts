import { RequestError, type RespValue } from "@petrel/protocol";

/**
 * What a parser may know about the command it shapes a reply for (its name, for
 * error messages). Narrower than Command<T> so one parser serves every command.
 */
export interface ParseSite {
  readonly spec: { readonly name: string };
}

function describe(reply: RespValue): string {
  if (reply === null) return "null";
  if (Buffer.isBuffer(reply)) return "a bulk string (Buffer)";
  if (reply instanceof Set) return "a set";
  if (Array.isArray(reply)) return "an array";
  return `a ${typeof reply}`;
}

/** The error for a reply whose shape the command does not allow (a server or protocol mismatch). */
export function unexpectedReply(
  reply: RespValue,
  expected: string,
  command?: string,
): RequestError {
  const where = command ? ` to ${command}` : "";
  return new RequestError(`Unexpected reply${where}: expected ${expected}, got ${describe(reply)}`);
}
