// The records the clients and batches are generated from. Each definitions file
// exports `<group>Commands` (methods every client has) and, where GlideClient or
// GlideClusterClient differ, `<group>StandaloneCommands` / `<group>ClusterCommands`.
// Each merge is marked pure, so an app bundle keeps only the records it uses
// (a standalone app drops the cluster variants).
import { bitmapCommands } from "./definitions/bitmaps.js";
import { connectionClusterCommands, connectionCommands } from "./definitions/connection.js";
import { diagnosticsClusterCommands, diagnosticsCommands } from "./definitions/diagnostics.js";
import {
  genericClusterCommands,
  genericCommands,
  genericStandaloneCommands,
} from "./definitions/generic.js";
import { geoCommands } from "./definitions/geo.js";
import { hashCommands } from "./definitions/hashes.js";
import { hyperLogLogCommands } from "./definitions/hyperloglog.js";
import { listCommands } from "./definitions/lists.js";
import {
  pubsubClusterCommands,
  pubsubCommands,
  pubsubStandaloneCommands,
} from "./definitions/pubsub.js";
import { replicationStandaloneCommands } from "./definitions/replication.js";
import {
  scriptingClusterCommands,
  scriptingCommands,
  scriptingStandaloneCommands,
} from "./definitions/scripting.js";
import { serverClusterCommands, serverCommands } from "./definitions/server.js";
import { setCommands } from "./definitions/sets.js";
import { sortedSetCommands } from "./definitions/sorted-sets.js";
import { streamGroupCommands } from "./definitions/stream-groups.js";
import { streamCommands } from "./definitions/streams.js";
import { stringCommands } from "./definitions/strings.js";

/** Methods of every client and batch (GLIDE's BaseClient / BaseBatch). */
export const baseCommands = /* @__PURE__ */ (() => ({
  ...stringCommands,
  ...bitmapCommands,
  ...genericCommands,
  ...hashCommands,
  ...listCommands,
  ...setCommands,
  ...sortedSetCommands,
  ...hyperLogLogCommands,
  ...geoCommands,
  ...streamCommands,
  ...streamGroupCommands,
  ...scriptingCommands,
  ...pubsubCommands,
}))();

/** Methods of `GlideClient` and `Batch`. */
export const standaloneCommands = /* @__PURE__ */ (() => ({
  ...baseCommands,
  ...genericStandaloneCommands,
  ...connectionCommands,
  ...serverCommands,
  ...diagnosticsCommands,
  ...scriptingStandaloneCommands,
  ...pubsubStandaloneCommands,
  ...replicationStandaloneCommands,
}))();

/** Methods of `GlideClusterClient` and `ClusterBatch`: same specs, cluster signatures. */
export const clusterCommands = /* @__PURE__ */ (() => ({
  ...baseCommands,
  ...genericClusterCommands,
  ...connectionClusterCommands,
  ...serverClusterCommands,
  ...diagnosticsClusterCommands,
  ...scriptingClusterCommands,
  ...pubsubClusterCommands,
}))();
