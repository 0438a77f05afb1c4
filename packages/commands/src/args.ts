// Argument-building helpers shared by the definitions.
import type { GlideString } from "@petrel/protocol";
import type { CommandArg } from "./command.js";
import type { GlideRecord } from "./replies/glide-types.js";

/** Key/value pairs from a plain object or a GlideRecord list, in order. */
export const recordEntries = <T>(data: Record<string, T> | GlideRecord<T>): [GlideString, T][] => {
  if (Array.isArray(data)) return data.map(({ key, value }) => [key, value]);
  return Object.entries(data);
};

/** Key/value pairs flattened to `k1 v1 k2 v2…` arguments. */
export const flattenRecord = (
  data: Record<string, GlideString> | GlideRecord<GlideString>,
): CommandArg[] => recordEntries(data).flat();

/**
 * The error of an argument check GLIDE makes before sending: a plain `Error` with GLIDE's
 * message, as GLIDE's builders throw (a rejected promise from a client method, a throw from
 * a batch method). GLIDE leaves every other check to the server, and so does Petrel.
 */
export const glideArgumentError = (message: string): Error => new Error(message);

/** An expiry's count, checked as GLIDE checks it: an integer (`received` names the command). */
export const integerExpiry = <T>(expiry: T, count: number, received = "Received"): number => {
  if (!Number.isInteger(count)) {
    throw glideArgumentError(
      `${received} expiry '${JSON.stringify(expiry)}'. Count must be an integer`,
    );
  }
  return count;
};
