// The full command table of a node: the data plane's commands plus the
// connection, server, Pub/Sub, transaction and cluster commands.

import { fakeDataHandlers } from "../../data/index.js";
import { objectSubcommands } from "../../data/object.js";
import { xgroupSubcommands, xinfoSubcommands } from "../../data/stream/index.js";
import { migrateCommand } from "../../rdb/migrate.js";
import { scriptingCommands } from "../../scripting/commands.js";
import { aclCommand } from "../acl/acl-command.js";
import { type CommandDef, container, fromDataCommand } from "../command-table.js";
import { clientCommand } from "./client.js";
import { fakeClusterHandlers } from "./cluster.js";
import { commandKeysSubcommands } from "./command-keys.js";
import { fakeConnectionHandlers } from "./connection.js";
import { debugCommand } from "./debug.js";
import { extendContainer } from "./help.js";
import { clusterReportSubcommands, configRewrite, introspectionCommands } from "./introspection.js";
import { latencyReportSubcommands } from "./latency-report.js";
import { memoryCommand } from "./memory.js";
import { memoryReportSubcommands } from "./memory-report.js";
import { monitorCommand } from "./monitor.js";
import { fakePubsubHandlers } from "./pubsub.js";
import { fakeServerHandlers } from "./server.js";
import { latencyCommand, slowlogCommand } from "./slowlog.js";
import { swapdbCommand } from "./swapdb.js";
import { fakeTransactionHandlers } from "./transactions.js";

let table: ReadonlyMap<string, CommandDef> | undefined;

/** Subcommands defined apart from the container that holds them. */
const EXTRA_SUBCOMMANDS: Readonly<Record<string, readonly CommandDef[]>> = {
  cluster: clusterReportSubcommands,
  command: commandKeysSubcommands,
  config: [configRewrite],
  latency: latencyReportSubcommands,
  memory: memoryReportSubcommands,
};

/** Built once; every node shares it. */
export function fakeNodeCommandTable(): ReadonlyMap<string, CommandDef> {
  if (table !== undefined) return table;
  const out = new Map<string, CommandDef>();
  for (const command of fakeDataHandlers.values())
    out.set(command.name, fromDataCommand(command, command.group ?? "generic"));
  const own = [
    ...fakeConnectionHandlers,
    clientCommand,
    ...fakeServerHandlers,
    ...fakePubsubHandlers,
    ...fakeTransactionHandlers,
    ...fakeClusterHandlers,
    debugCommand,
    ...scriptingCommands,
    memoryCommand,
    monitorCommand,
    slowlogCommand,
    latencyCommand,
    swapdbCommand,
    migrateCommand,
    aclCommand,
    container(
      "xgroup",
      "stream",
      xgroupSubcommands.map((sub) => fromDataCommand(sub, "stream")),
    ),
    ...introspectionCommands,
    container(
      "object",
      "generic",
      objectSubcommands.map((sub) => fromDataCommand(sub, "generic")),
    ),
    container(
      "xinfo",
      "stream",
      xinfoSubcommands.map((sub) => fromDataCommand(sub, "stream")),
    ),
  ];
  for (const def of own) if (!out.has(def.name)) out.set(def.name, def);
  for (const [name, def] of out) out.set(name, extendContainer(def, EXTRA_SUBCOMMANDS[name]));
  table = out;
  return out;
}
