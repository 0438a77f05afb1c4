// Which circuit breaker a connection reports to. GLIDE's breaker is client-wide;
// a cluster client keeps one per node address instead, so a node that is down
// refuses its own requests while the other shards keep serving theirs. A
// node's breaker outlives its connection (replaced after a topology change).
import { CircuitBreakerError } from "@petrel/protocol";
import type { WireRequest } from "../connection/wire-request.js";
import {
  CIRCUIT_BREAKER_OPEN_MESSAGE,
  CircuitBreaker,
  type ResolvedCircuitBreaker,
} from "./circuit-breaker.js";

export class CircuitBreakers {
  readonly #config: ResolvedCircuitBreaker | undefined;
  readonly #perNode: Map<string, CircuitBreaker> | undefined;
  readonly #shared: CircuitBreaker | undefined;

  /** No breakers when `config` is undefined; one per node address when `perNode`. */
  constructor(config: ResolvedCircuitBreaker | undefined, perNode: boolean) {
    this.#config = config;
    this.#perNode = config !== undefined && perNode ? new Map() : undefined;
    this.#shared =
      config !== undefined && !perNode ? new CircuitBreaker(config, "client") : undefined;
  }

  /**
   * Client-wide breaker only: fails `request` with CircuitBreakerError when the breaker is
   * open, for requests held before they reach a connection (while the primary is unknown).
   */
  refused(request: WireRequest): boolean {
    if (this.#shared === undefined || this.#shared.allows()) return false;
    request.fail(new CircuitBreakerError(CIRCUIT_BREAKER_OPEN_MESSAGE));
    return true;
  }

  /** The breaker of the connection to `addressKey`, if breakers are on. */
  for(addressKey: string): CircuitBreaker | undefined {
    const perNode = this.#perNode;
    if (perNode === undefined) return this.#shared;
    let breaker = perNode.get(addressKey);
    if (breaker === undefined) {
      breaker = new CircuitBreaker(this.#config as ResolvedCircuitBreaker, addressKey);
      perNode.set(addressKey, breaker);
    }
    return breaker;
  }
}
