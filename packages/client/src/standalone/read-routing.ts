// Picks the node for a read, by the readFrom strategy. Writes never come here.
import type { ReadFrom } from "../config/types.js";

export interface RoutableNode {
  /** The node's availability zone, when it reports one. */
  readonly availabilityZone: string | undefined;
  /** False while the node's connection is failing. */
  readonly usable: boolean;
}

/** Round-robin over the candidates of each strategy, falling back in GLIDE's order. */
export class ReadRouter<N extends RoutableNode> {
  #counter = 0;
  readonly #readFrom: ReadFrom;
  readonly #clientAz: string | undefined;

  constructor(readFrom: ReadFrom, clientAz: string | undefined) {
    this.#readFrom = readFrom;
    this.#clientAz = clientAz;
  }

  pick(primary: N, replicas: readonly N[]): N {
    if (this.#readFrom === "primary" || replicas.length === 0) return primary;
    const usable = replicas.filter((node) => node.usable);
    if (this.#readFrom === "preferReplica") return this.#roundRobin(usable) ?? primary;
    if (this.#readFrom === "allNodes") return this.#roundRobin([primary, ...usable]) ?? primary;
    const local = usable.filter((node) => node.availabilityZone === this.#clientAz);
    const localReplica = this.#roundRobin(local);
    if (localReplica) return localReplica;
    if (
      this.#readFrom === "AZAffinityReplicasAndPrimary" &&
      primary.availabilityZone === this.#clientAz
    )
      return primary;
    return this.#roundRobin(usable) ?? primary;
  }

  #roundRobin(nodes: readonly N[]): N | undefined {
    if (nodes.length === 0) return undefined;
    const node = nodes[this.#counter % nodes.length];
    this.#counter = (this.#counter + 1) % 1_000_000_007;
    return node;
  }
}
