// Where the story runs: the embedded fake cluster (3 shards × 1 replica, with
// its control API), or a real server given on the command line.
import { type FakeCluster, startCluster } from "@petrel/fake-valkey";
import {
  configFromUri,
  GlideClient,
  type GlideClientConfiguration,
  GlideClusterClient,
  type GlideClusterClientConfiguration,
  type ReadFrom,
  type UriConfiguration,
} from "petrel";

export type Mode = "cluster" | "standalone";

export type DemoClient = GlideClient | GlideClusterClient;

export interface Target {
  readonly mode: Mode;
  /** Human-readable: "embedded fake cluster" or the address. */
  readonly label: string;
  /** The configuration every client of the story starts from (one seed address). */
  readonly config: UriConfiguration;
  /** The fake's control API; undefined against a real server. */
  readonly fake: FakeCluster | undefined;
  stop(): Promise<void>;
}

/** Starts the in-process fake cluster: 3 shards, 1 replica each, on free loopback ports. */
export async function startFakeTarget(): Promise<Target> {
  const fake = await startCluster({ shards: 3, replicas: 1 });
  const seed = fake.seeds[0];
  if (seed === undefined) throw new Error("the fake cluster has no nodes");
  return {
    mode: "cluster",
    label: "embedded fake cluster (3 shards × 1 replica)",
    config: { addresses: [seed] },
    fake,
    stop: () => fake.stop(),
  };
}

/** A real server, from `host:port` or a valkey:// / redis:// URI. */
export function realTarget(mode: Mode, address: string): Target {
  const uri = /^[a-z][a-z0-9+.-]*:\/\//i.test(address) ? address : `valkey://${address}`;
  return {
    mode,
    label: `${mode} server at ${address}`,
    config: configFromUri(uri),
    fake: undefined,
    stop: async () => {},
  };
}

/** A client of the target's kind; reads go where `readFrom` says. */
export async function connect(target: Target, readFrom: ReadFrom = "primary"): Promise<DemoClient> {
  const config = { ...target.config, readFrom, requestTimeout: 2000 };
  return target.mode === "cluster"
    ? GlideClusterClient.createClient({
        ...config,
        periodicChecks: "disabled",
      } satisfies GlideClusterClientConfiguration)
    : GlideClient.createClient(config satisfies GlideClientConfiguration);
}
