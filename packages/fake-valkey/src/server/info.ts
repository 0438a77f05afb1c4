// INFO sections as the server prints them: `# Name` headers, `field:value`
// lines joined by CRLF, sections separated by an empty line.

import { changesOf } from "../data/keyspace.js";
import { evictedKeys } from "./eviction.js";
import { datasetBytes, USED_MEMORY } from "./memory.js";
import type { FakeNode } from "./node.js";

type Fields = [string, string | number][];

function serverSection(node: FakeNode): Fields {
  const uptime = Math.max(0, Math.floor((node.clock.now() - node.startedAt) / 1000));
  return [
    ["redis_version", node.version.redis],
    ["server_name", "valkey"],
    ["valkey_version", node.version.valkey],
    ["redis_mode", node.cluster === undefined ? "standalone" : "cluster"],
    ["os", "petrel-fake-valkey"],
    ["arch_bits", 64],
    ["run_id", node.id],
    ["tcp_port", node.port],
    ["uptime_in_seconds", uptime],
    ["uptime_in_days", Math.floor(uptime / 86400)],
    ["availability_zone", node.config.get("availability-zone")],
  ];
}

function clientsSection(node: FakeNode): Fields {
  const sessions = node.sessionList();
  return [
    ["connected_clients", sessions.length],
    ["blocked_clients", node.blockedCount],
    [
      "pubsub_clients",
      sessions.filter((s) => s.channels.size + s.patterns.size + s.shardChannels.size > 0).length,
    ],
    ["watching_clients", sessions.filter((s) => s.watched.length > 0).length],
    ["tracking_clients", node.tracking.stats().clients],
  ];
}

function replicationSection(node: FakeNode): Fields {
  const primary = node.primary;
  if (primary !== undefined) {
    return [
      ["role", "slave"],
      ["master_host", primary.host],
      ["master_port", primary.port],
      ["master_link_status", node.primaryLinkDown ? "down" : "up"],
      ["master_last_io_seconds_ago", 0],
      ["master_sync_in_progress", 0],
      ["slave_read_repl_offset", node.replicationOffset],
      ["slave_repl_offset", node.replicationOffset],
      ["slave_priority", 100],
      ["slave_read_only", node.config.get("replica-read-only") === "yes" ? 1 : 0],
      ["replica_announced", 1],
      ["connected_slaves", 0],
      ["master_replid", primary.id],
      ["master_repl_offset", node.replicationOffset],
    ];
  }
  const replicas = node.replicas.filter((replica) => replica.running);
  return [
    ["role", "master"],
    ["connected_slaves", replicas.length],
    ...replicas.map((replica, index): [string, string] => [
      `slave${index}`,
      `ip=${replica.host},port=${replica.port},state=online,offset=${replica.replicationOffset},lag=0`,
    ]),
    ["master_replid", node.id],
    ["master_repl_offset", node.replicationOffset],
  ];
}

function keyspaceSection(node: FakeNode): Fields {
  const fields: Fields = [];
  node.databases.forEach((db, index) => {
    const keys = db.keys();
    if (keys.length === 0) return;
    const expires = keys.filter((key) => db.get(key)?.expiresAt !== undefined).length;
    fields.push([`db${index}`, `keys=${keys.length},expires=${expires},avg_ttl=0`]);
  });
  return fields;
}

/** Nothing is persisted; clients such as ioredis wait for `loading:0` before declaring a node ready. */
function persistenceSection(node: FakeNode): Fields {
  return [
    ["loading", node.faults.loading ? 1 : 0],
    ["async_loading", 0],
    ["rdb_changes_since_last_save", node.databases.reduce((sum, db) => sum + changesOf(db), 0)],
    ["aof_enabled", 0],
  ];
}

function statsSection(node: FakeNode): Fields {
  const counters = node.counters();
  const tracking = node.tracking.stats();
  let processed = 0;
  for (const count of counters.commands.values()) processed += count;
  return [
    ["total_connections_received", counters.connections],
    ["total_commands_processed", processed],
    ["evicted_keys", evictedKeys(node)],
    ["tracking_total_keys", tracking.keys],
    ["tracking_total_items", tracking.items],
    ["tracking_total_prefixes", tracking.prefixes],
  ];
}

/** The fake's memory estimate (`memory.ts`) and the maxmemory settings eviction works by. */
function memorySection(node: FakeNode): Fields {
  const dataset = datasetBytes(node);
  return [
    ["used_memory", USED_MEMORY + dataset],
    ["used_memory_dataset", dataset],
    ["maxmemory", node.config.getNumber("maxmemory")],
    ["maxmemory_policy", node.config.get("maxmemory-policy")],
  ];
}

function clusterSection(node: FakeNode): Fields {
  return [["cluster_enabled", node.cluster === undefined ? 0 : 1]];
}

const SECTIONS: Record<string, { title: string; build: (node: FakeNode) => Fields }> = {
  server: { title: "Server", build: serverSection },
  clients: { title: "Clients", build: clientsSection },
  memory: { title: "Memory", build: memorySection },
  persistence: { title: "Persistence", build: persistenceSection },
  stats: { title: "Stats", build: statsSection },
  replication: { title: "Replication", build: replicationSection },
  cluster: { title: "Cluster", build: clusterSection },
  keyspace: { title: "Keyspace", build: keyspaceSection },
};

const DEFAULT_SECTIONS = [
  "server",
  "clients",
  "memory",
  "persistence",
  "stats",
  "replication",
  "cluster",
  "keyspace",
];

/** The INFO text for the requested sections (default, all and everything list all of ours). */
export function infoText(node: FakeNode, requested: readonly string[]): string {
  const names = new Set<string>();
  for (const name of requested.length === 0 ? ["default"] : requested) {
    const lower = name.toLowerCase();
    if (lower === "default" || lower === "all" || lower === "everything") {
      for (const section of DEFAULT_SECTIONS) names.add(section);
    } else if (SECTIONS[lower] !== undefined) {
      names.add(lower);
    }
  }
  const blocks = DEFAULT_SECTIONS.filter((name) => names.has(name)).map((name) => {
    const section = SECTIONS[name] as { title: string; build: (node: FakeNode) => Fields };
    const lines = section.build(node).map(([field, value]) => `${field}:${value}`);
    return [`# ${section.title}`, ...lines].join("\r\n");
  });
  return blocks.length === 0 ? "" : `${blocks.join("\r\n\r\n")}\r\n`;
}
