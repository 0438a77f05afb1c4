// The shape of one row of the command table, close to the server's own
// COMMAND INFO so that the generator stays a plain transcription.
import type { RequestPolicy, ResponsePolicy } from "../command.js";

/** Where the server starts looking for keys (COMMAND INFO `begin_search`). */
export type BeginSearch =
  | { readonly index: number }
  | { readonly keyword: string; readonly startFrom: number }
  | "unknown";

/** How the server finds keys from there (COMMAND INFO `find_keys`). */
export type FindKeys =
  | { readonly lastKey: number; readonly keyStep: number; readonly limit: number }
  | { readonly keyNumIndex: number; readonly firstKey: number; readonly keyStep: number }
  | "unknown";

export interface ServerKeySpec {
  readonly begin: BeginSearch;
  readonly find: FindKeys;
}

export interface TableEntry {
  /** Upper-case name; subcommands as "CONFIG GET". */
  readonly name: string;
  readonly arity: number;
  readonly flags: number;
  readonly keys: readonly ServerKeySpec[];
  readonly request: RequestPolicy;
  readonly response: ResponsePolicy;
}
