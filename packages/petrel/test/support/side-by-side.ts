// The side-by-side harness: each case runs on Petrel and on GLIDE 2.5.2 against the same
// real servers (redis-server, standalone and a 3x1 cluster, RESP2 and RESP3), under its own
// hash-tagged keys, and the results (values, or errors with their class and message) must
// be the same once the key prefix is normalised.
import { startCluster, startStandalone } from "@petrel/test-servers";
import { topologyForSuite } from "@petrel/test-servers/vitest";
import * as Glide from "@valkey/valkey-glide";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Batch,
  ClusterBatch,
  GlideClient,
  GlideClusterClient,
  Logger,
  ProtocolVersion,
} from "../../src/index.js";

// Server errors are expected here; neither client should log each one.
Glide.Logger.setLoggerConfig("error");
Logger.setLoggerConfig("error");

// Both clients are driven through the same calls; GLIDE's and Petrel's method sets match.
// biome-ignore lint/suspicious/noExplicitAny: the case bodies call either client's API
export type AnyClient = any;
export type Case = (
  client: AnyClient,
  key: (name: string) => string,
  batch: (atomic?: boolean) => AnyClient,
) => Promise<unknown>;

export type Mode = "standalone" | "cluster";

/** A comparable form: Buffers, Sets, bigints and errors (class and message) made visible. */
export function comparable(value: unknown, prefix: string): string {
  const text = JSON.stringify(value, function (this: unknown, name, item: unknown) {
    const raw = (this as Record<string, unknown>)[name];
    if (Buffer.isBuffer(raw)) return { buffer: raw.toString("latin1") };
    if (raw instanceof Set) return { set: [...raw] };
    if (raw instanceof Error) return { error: raw.message, class: raw.constructor.name };
    if (typeof item === "bigint") return `${item}n`;
    return item;
  });
  return (text ?? "undefined").split(prefix).join("{K}");
}

/** The value, or the error, a call settles with. */
export async function outcome(run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    return error;
  }
}

/** `{ key: address, value }` lists (one entry per node) in address order, for comparison. */
export function byAddress(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return [...(value as { key: string }[])].sort((a, b) => (a.key < b.key ? -1 : 1));
}

const PROTOCOLS = [
  ["RESP3", ProtocolVersion.RESP3],
  ["RESP2", ProtocolVersion.RESP2],
] as const;

export interface SideBySide {
  /** Cases that must match on both topologies. */
  cases: Record<string, Case>;
  /** Cases that must match on the cluster only. */
  clusterCases?: Record<string, Case>;
  /** Further tests per protocol and topology, given both connected clients. */
  extra?: (
    mode: Mode,
    clients: () => { petrel: AnyClient; glide: AnyClient; addresses: unknown },
  ) => void;
}

/** Declares the suites: every case on both clients, per protocol and topology. */
export function describeSideBySide({ cases, clusterCases = {}, extra }: SideBySide): void {
  const standalone = topologyForSuite(() => startStandalone());
  const cluster = topologyForSuite(() =>
    startCluster({ shape: { primaries: 3, replicasPerPrimary: 1 } }),
  );

  describe.each(PROTOCOLS)("Petrel and GLIDE 2.5.2 over %s", (name, protocol) => {
    for (const mode of ["standalone", "cluster"] as const) {
      describe(mode, () => {
        let petrel: AnyClient;
        let glide: AnyClient;
        beforeAll(async () => {
          const topology = mode === "standalone" ? standalone : cluster;
          const config = {
            addresses: topology.description.addresses,
            protocol,
            requestTimeout: 5000,
          };
          if (mode === "standalone") {
            petrel = await GlideClient.createClient(config);
            glide = await Glide.GlideClient.createClient(config);
          } else {
            petrel = await GlideClusterClient.createClient(config);
            glide = await Glide.GlideClusterClient.createClient(config);
          }
        });
        afterAll(() => {
          petrel?.close();
          glide?.close();
        });

        const all = mode === "cluster" ? { ...cases, ...clusterCases } : cases;
        for (const [title, body] of Object.entries(all)) {
          it(title, async () => {
            const tag = `${name}:${mode}:${title.replace(/\W+/g, "-")}`;
            const run = async (client: AnyClient, side: string) => {
              const prefix = `{${side}:${tag}}`;
              const batch = (atomic = false) =>
                mode === "standalone"
                  ? side === "p"
                    ? new Batch(atomic)
                    : new Glide.Batch(atomic)
                  : side === "p"
                    ? new ClusterBatch(atomic)
                    : new Glide.ClusterBatch(atomic);
              return comparable(
                await outcome(() => body(client, (key) => `${prefix}${key}`, batch)),
                prefix,
              );
            };
            const ours = await run(petrel, "p");
            const theirs = await run(glide, "g");
            expect(ours).toBe(theirs);
          });
        }

        extra?.(mode, () => ({
          petrel,
          glide,
          addresses: (mode === "standalone" ? standalone : cluster).description.addresses,
        }));
      });
    }
  });
}

/** The standalone server's addresses, for tests outside the side-by-side suites. */
export { startStandalone };
