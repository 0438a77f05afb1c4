import { RequestError, type RespValue } from "@petrel/protocol";

/**
 * What a parser may know about the command it shapes a reply for (its name, for
 * error messages). Narrower than Command<T> so one parser serves every command.
 */
export interface ParseSite {
  readonly spec: { readonly name: string };
}

const describe = (reply: RespValue): string => {
  if (reply === null) return "null";
  if (Buffer.isBuffer(reply)) return "a bulk string (Buffer)";
  if (reply instanceof Set) return "a set";
  if (Array.isArray(reply)) return "an array";
  return `a ${typeof reply}`;
};

/**
 * The error for a reply whose shape the command does not allow (a server or protocol mismatch).
 * `command` names the command, or is the parse site whose spec names it.
 */
export const unexpectedReply = (
  reply: RespValue,
  expected: string,
  command?: string | ParseSite,
): RequestError => {
  const name = typeof command === "object" ? command.spec.name : command;
  const where = name ? ` to ${name}` : "";
  return new RequestError(`Unexpected reply${where}: expected ${expected}, got ${describe(reply)}`);
};
