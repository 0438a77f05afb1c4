// Options shared by SCAN, SSCAN, HSCAN and ZSCAN.
import type { GlideString } from "@petrel/protocol";
import type { CommandArg } from "../command.js";

/** Key types, as GLIDE names them; values are the server's TYPE names. */
export enum ObjectType {
  STRING = "String",
  LIST = "List",
  SET = "Set",
  ZSET = "ZSet",
  HASH = "Hash",
  STREAM = "Stream",
}

export interface BaseScanOptions {
  /** Only return elements matching this glob-style pattern (`MATCH`). */
  match?: GlideString;
  /** A hint of how much work one call does (`COUNT`). */
  readonly count?: number;
}

export interface ScanOptions extends BaseScanOptions {
  /** Only return keys of this type (`TYPE`). */
  type?: ObjectType;
}

/** `MATCH` and `COUNT` arguments. */
export const baseScanArgs = (options: BaseScanOptions | undefined): CommandArg[] => {
  const args: CommandArg[] = [];
  if (options?.match !== undefined) args.push("MATCH", options.match);
  if (options?.count !== undefined) args.push("COUNT", options.count);
  return args;
};

/** `MATCH`, `COUNT` and `TYPE` arguments (the server wants the type in lower case). */
export const scanArgs = (options: ScanOptions | undefined): CommandArg[] => {
  const args = baseScanArgs(options);
  if (options?.type !== undefined) args.push("TYPE", options.type.toLowerCase());
  return args;
};

/** Cluster SCAN options (the cluster client walks every shard with a ClusterScanCursor). */
export interface ClusterScanOptions extends ScanOptions {
  /** Scan the slots that are covered even when some are not served (otherwise an error). */
  allowNonCoveredSlots?: boolean;
}
