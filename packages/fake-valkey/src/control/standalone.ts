// A standalone fake server: one primary with 16 databases, optionally with
// replicas that copy every write (for replica discovery through INFO/ROLE).

import type { Keyspace } from "../data/types.js";
import type { UserSpec } from "../server/auth.js";
import { FakeNode } from "../server/node.js";
import { randomNodeId, type ServerClock, SystemClock, seededRandom } from "./clock.js";
import { Deployment } from "./deployment.js";

export interface StandaloneOptions {
  /** Port of the primary; a free port when absent. Replicas take the next ports when it is set. */
  readonly port?: number;
  /** `requirepass` of the default user. */
  readonly password?: string;
  readonly users?: readonly UserSpec[];
  readonly replicas?: number;
  readonly databases?: number;
  readonly seed?: number;
  readonly clock?: ServerClock;
  /** Initial CONFIG values, e.g. `{ "availability-zone": "az-1" }`. */
  readonly config?: Readonly<Record<string, string>>;
}

export class FakeStandalone extends Deployment {
  readonly primary: FakeNode;
  readonly replicas: FakeNode[];

  private constructor(
    primary: FakeNode,
    replicas: FakeNode[],
    clock: ServerClock,
    random: () => number,
  ) {
    super(clock, random);
    this.primary = primary;
    this.replicas = replicas;
  }

  static async start(options: StandaloneOptions = {}): Promise<FakeStandalone> {
    const clock = options.clock ?? new SystemClock();
    const random = seededRandom(options.seed ?? 1);
    const make = (index: number) =>
      new FakeNode({
        id: randomNodeId(random),
        ...(options.port === undefined ? {} : { port: options.port + index }),
        clock,
        random,
        databases: options.databases ?? 16,
        ...(options.password === undefined ? {} : { password: options.password }),
        ...(options.users === undefined ? {} : { users: options.users }),
        ...(options.config === undefined ? {} : { config: options.config }),
      });
    const primary = make(0);
    const replicas = Array.from({ length: options.replicas ?? 0 }, (_, i) => make(i + 1));
    const deployment = new FakeStandalone(primary, replicas, clock, random);
    try {
      for (const node of deployment.nodes) await node.start();
    } catch (failure) {
      await deployment.stop();
      throw failure;
    }
    for (const replica of replicas) replica.replicateFrom(primary);
    return deployment;
  }

  get nodes(): readonly FakeNode[] {
    return [this.primary, ...this.replicas];
  }

  get host(): string {
    return this.primary.host;
  }

  get port(): number {
    return this.primary.port;
  }

  /** `host:port` of the primary. */
  get address(): string {
    return this.primary.address;
  }

  /** The primary's database, with writes replicated. */
  keyspace(db = 0): Keyspace {
    return this.nodeKeyspace(this.primary, db);
  }

  /** A restarted replica resynchronises from its primary, as after a real restart. */
  protected override nodeStateChanged(node: FakeNode, alive: boolean): void {
    if (alive && node.primary !== undefined) node.replicateFrom(node.primary);
  }

  /** Delays replication to every replica by `ms` on the deployment's clock. */
  setReplicationLag(ms: number): void {
    this.primary.replicationLagMs = ms;
  }
}

export function startStandalone(options: StandaloneOptions = {}): Promise<FakeStandalone> {
  return FakeStandalone.start(options);
}
