// The full command table of a node: the data plane's commands plus the
// connection, server, Pub/Sub, transaction and cluster commands.

import { dataCommands } from "../../data/index.js";
import { type CommandDef, fromDataCommand } from "../command-table.js";
import { clientCommand } from "./client.js";
import { clusterCommands } from "./cluster.js";
import { connectionCommands } from "./connection.js";
import { debugCommand } from "./debug.js";
import { memoryCommand } from "./memory.js";
import { pubsubCommands } from "./pubsub.js";
import { serverCommands } from "./server.js";
import { transactionCommands } from "./transactions.js";

const GENERIC = new Set([
  "del",
  "unlink",
  "exists",
  "type",
  "expire",
  "pexpire",
  "expireat",
  "pexpireat",
  "expiretime",
  "pexpiretime",
  "ttl",
  "pttl",
  "persist",
  "rename",
  "renamenx",
  "keys",
  "scan",
  "randomkey",
  "touch",
  "copy",
  "move",
  "object",
  "dump",
  "restore",
  "sort",
  "sort_ro",
  "dbsize",
  "flushdb",
  "flushall",
  "swapdb",
]);

/** The COMMAND DOCS group of a data command, from its name. */
function dataGroup(name: string): string {
  if (GENERIC.has(name))
    return name === "dbsize" || name.startsWith("flush") || name === "swapdb"
      ? "server"
      : "generic";
  if (name.startsWith("h")) return "hash";
  if (name.startsWith("z") || name === "bzpopmin" || name === "bzpopmax" || name === "bzmpop")
    return "sorted-set";
  if (
    name.startsWith("s") &&
    !["set", "setnx", "setex", "setrange", "strlen", "substr"].includes(name)
  )
    return "set";
  if (
    /^(b?[lr](push|pop|move|index|insert|len|pos|range|rem|set|trim|mpop|pushx)|blmove|brpoplpush|rpoplpush|lmpop|blmpop)/.test(
      name,
    )
  ) {
    return "list";
  }
  return "string";
}

let table: ReadonlyMap<string, CommandDef> | undefined;

/** Built once; every node shares it. */
export function commandTable(): ReadonlyMap<string, CommandDef> {
  if (table !== undefined) return table;
  const out = new Map<string, CommandDef>();
  for (const command of dataCommands.values())
    out.set(command.name, fromDataCommand(command, dataGroup(command.name)));
  const own = [
    ...connectionCommands,
    clientCommand,
    ...serverCommands,
    ...pubsubCommands,
    ...transactionCommands,
    ...clusterCommands,
    debugCommand,
    memoryCommand,
  ];
  for (const def of own) if (!out.has(def.name)) out.set(def.name, def);
  table = out;
  return out;
}
