// Reads the cluster's shape from its nodes: CLUSTER SHARDS where the server
// has it, CLUSTER SLOTS otherwise, from several nodes at once; the view most
// of them report wins (ties go to the one covering more slots). For the
// AZ-affinity read modes, nodes that announce no zone are asked `INFO server`.
import {
  buildTopology,
  type ClusterNode,
  chooseTopology,
  parseClusterShards,
  parseClusterSlots,
  type Topology,
  type TopologyChoice,
} from "@petrel/cluster";
import { RequestError, type RespValue } from "@petrel/protocol";
import type { ResolvedConfig } from "../config/resolved.js";
import type { NodeConnection } from "../connection/node-connection.js";
import { Logger } from "../logger.js";
import { parseReplicationInfo } from "../standalone/replication-info.js";

function replyText(reply: RespValue | undefined): string {
  if (typeof reply === "string") return reply;
  if (Buffer.isBuffer(reply)) return reply.toString();
  if (reply instanceof RequestError) throw reply;
  throw new RequestError("INFO returned an unexpected reply");
}

export class TopologyReader {
  /** False once a server refused CLUSTER SHARDS (Redis < 7): CLUSTER SLOTS from then on. */
  #shardsSupported = true;
  /** Zones read from INFO, by address (zones do not change while a node runs). */
  readonly #zones = new Map<string, string | undefined>();

  readonly #config: ResolvedConfig;
  readonly #queryTimeoutMs: number;

  constructor(config: ResolvedConfig, queryTimeoutMs: number) {
    this.#config = config;
    this.#queryTimeoutMs = queryTimeoutMs;
  }

  get #wantsZones(): boolean {
    const mode = this.#config.readFrom;
    return mode === "AZAffinity" || mode === "AZAffinityReplicasAndPrimary";
  }

  /** The view of one node, or undefined when it cannot be read. */
  async read(connection: NodeConnection): Promise<Topology | undefined> {
    // A node waiting out its reconnect backoff is down; asking it now would skip the backoff.
    if (connection.state === "backoff" || connection.state === "closed") return undefined;
    try {
      await connection.connect();
      const seedHost = connection.address.host;
      if (this.#shardsSupported) {
        const [reply] = await connection.execute([["CLUSTER", "SHARDS"]], this.#queryTimeoutMs);
        if (!(reply instanceof RequestError)) {
          try {
            return parseClusterShards(reply as RespValue, seedHost, {
              tls: this.#config.tls !== undefined,
            });
          } catch (error) {
            Logger.log("warn", "cluster", "unreadable CLUSTER SHARDS reply", error as Error);
          }
        } else if (/unknown subcommand|unknown command/i.test(reply.message)) {
          this.#shardsSupported = false;
        }
        // Any other failure of CLUSTER SHARDS: this node's CLUSTER SLOTS may still answer.
      }
      const [reply] = await connection.execute([["CLUSTER", "SLOTS"]], this.#queryTimeoutMs);
      if (reply instanceof RequestError) throw reply;
      return parseClusterSlots(reply as RespValue, seedHost);
    } catch (error) {
      Logger.log(
        "warn",
        "cluster",
        `reading the topology from ${connection.addressKey} failed`,
        error as Error,
      );
      return undefined;
    }
  }

  /** Asks every connection at once and picks one view; undefined when none answered with slots. */
  async discover(
    connections: readonly NodeConnection[],
    connectionFor: (node: ClusterNode) => NodeConnection,
  ): Promise<TopologyChoice<Topology> | undefined> {
    const views = await Promise.all(connections.map((connection) => this.read(connection)));
    const choice = chooseTopology(views.filter((view): view is Topology => view !== undefined));
    if (choice === undefined || !this.#wantsZones) return choice;
    return { ...choice, topology: await this.#withZones(choice.topology, connectionFor) };
  }

  /** The view with every node's zone, asking `INFO server` of nodes the view has none for. */
  async #withZones(
    topology: Topology,
    connectionFor: (node: ClusterNode) => NodeConnection,
  ): Promise<Topology> {
    const unknown = topology.nodes.filter(
      (node) => node.az === undefined && !this.#zones.has(node.address),
    );
    await Promise.all(
      unknown.map(async (node) => {
        try {
          const connection = connectionFor(node);
          await connection.connect();
          const [reply] = await connection.execute([["INFO", "server"]], this.#queryTimeoutMs);
          this.#zones.set(node.address, parseReplicationInfo(replyText(reply)).availabilityZone);
        } catch (error) {
          Logger.log(
            "warn",
            "cluster",
            `reading the zone of ${node.address} failed`,
            error as Error,
          );
        }
      }),
    );
    if (topology.nodes.every((node) => node.az !== undefined || !this.#zones.get(node.address)))
      return topology;
    const zoned = (node: ClusterNode): ClusterNode => ({
      ...node,
      az: node.az ?? this.#zones.get(node.address),
    });
    return buildTopology(
      topology.shards.map((shard) => ({
        id: shard.id,
        primary: zoned(shard.primary),
        replicas: shard.replicas.map(zoned),
        slotRanges: shard.slotRanges,
      })),
    );
  }
}
