// The commands a fake sentinel answers: the connection and Pub/Sub commands a
// real sentinel keeps, plus SENTINEL with the subcommands clients use.
import type { ReplyFrame } from "@petrel/protocol";
import { arg, latin1 } from "../data/command.js";
import { type CommandDef, container } from "../server/command-table.js";
import { fakeNodeCommandTable } from "../server/commands/index.js";
import { array, bulk, error, NULL_ARRAY, OK, record } from "../server/frames.js";
import type { FakeNode } from "../server/node.js";
import type { Session } from "../server/session.js";

/** What the sentinel commands read and do; implemented by FakeSentinel. */
export interface SentinelMonitor {
  readonly primaryName: string;
  readonly primary: FakeNode;
  /** The nodes Sentinel counts as replicas of the primary, down ones included. */
  readonly replicaNodes: readonly FakeNode[];
  isDown(node: FakeNode): boolean;
  /** The sentinels other than `self`. */
  peersOf(self: FakeNode): readonly FakeNode[];
  /** Starts a failover; a refusal's error text, or undefined once it is under way. */
  requestFailover(): string | undefined;
}

/** Commands a real sentinel keeps from the server's table. */
const KEPT = [
  "ping",
  "hello",
  "auth",
  "client",
  "subscribe",
  "unsubscribe",
  "psubscribe",
  "punsubscribe",
  "publish",
  "info",
  "command",
  "quit",
  "reset",
];

function named(monitor: SentinelMonitor, args: Buffer[]): boolean {
  return latin1(arg(args, 2)) === monitor.primaryName;
}

const NO_SUCH = error("ERR No such master with that name");

function replicaEntry(monitor: SentinelMonitor, node: FakeNode): ReplyFrame {
  const down = monitor.isDown(node);
  return record([
    ["name", bulk(node.address)],
    ["ip", bulk(node.host)],
    ["port", bulk(String(node.port))],
    ["runid", bulk(node.id)],
    ["flags", bulk(down ? "s_down,slave,disconnected" : "slave")],
    ["master-link-status", bulk(down ? "err" : "ok")],
    ["master-host", bulk(monitor.primary.host)],
    ["master-port", bulk(String(monitor.primary.port))],
    ["slave-repl-offset", bulk(String(node.replicationOffset))],
  ]);
}

function sentinelEntry(node: FakeNode): ReplyFrame {
  return record([
    ["name", bulk(node.id)],
    ["ip", bulk(node.host)],
    ["port", bulk(String(node.port))],
    ["runid", bulk(node.id)],
    ["flags", bulk(node.running ? "sentinel" : "s_down,sentinel")],
  ]);
}

function sub(
  name: string,
  arity: number,
  run: (monitor: SentinelMonitor, args: Buffer[], session: Session) => ReplyFrame,
): CommandDef {
  return {
    name: `sentinel|${name}`,
    arity,
    flags: ["noauth"],
    group: "sentinel",
    run: (session, args) => run(monitorOf(session.node), args, session),
  };
}

const monitors = new WeakMap<FakeNode, SentinelMonitor>();

function monitorOf(node: FakeNode): SentinelMonitor {
  const monitor = monitors.get(node);
  if (monitor === undefined) throw new Error("not a sentinel");
  return monitor;
}

const addressOf = (monitor: SentinelMonitor, args: Buffer[]): ReplyFrame =>
  named(monitor, args)
    ? array([bulk(monitor.primary.host), bulk(String(monitor.primary.port))])
    : NULL_ARRAY;

const replicas = (monitor: SentinelMonitor, args: Buffer[]): ReplyFrame =>
  named(monitor, args)
    ? array(monitor.replicaNodes.map((node) => replicaEntry(monitor, node)))
    : NO_SUCH;

const sentinelCommand = container("sentinel", "sentinel", [
  sub("get-primary-addr-by-name", 3, addressOf),
  sub("get-master-addr-by-name", 3, addressOf),
  sub("replicas", 3, replicas),
  sub("slaves", 3, replicas),
  sub("sentinels", 3, (monitor, args, session) =>
    named(monitor, args) ? array(monitor.peersOf(session.node).map(sentinelEntry)) : NO_SUCH,
  ),
  sub("failover", 3, (monitor, args) => {
    if (!named(monitor, args)) return NO_SUCH;
    const refusal = monitor.requestFailover();
    return refusal === undefined ? OK : error(refusal);
  }),
]);

/** Makes `node` a sentinel of `monitor`: the table it should answer with. */
export function sentinelCommandTable(
  node: FakeNode,
  monitor: SentinelMonitor,
): ReadonlyMap<string, CommandDef> {
  monitors.set(node, monitor);
  const base = fakeNodeCommandTable();
  const table = new Map<string, CommandDef>();
  for (const name of KEPT) {
    const def = base.get(name);
    if (def !== undefined) table.set(name, def);
  }
  table.set("sentinel", sentinelCommand);
  return table;
}
