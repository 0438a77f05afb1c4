// `petrel`: the package users install. It re-exports the GLIDE-compatible
// surface of the @petrel/* packages, so `from "@valkey/valkey-glide"` becomes
// `from "petrel"`. OpenTelemetry lives at `petrel/otel`, with a facade here that
// loads it on first use; IAM is in `@petrel/iam`.

// Batch classes come from @petrel/batch; the client's own ClusterBatch is the
// same shape, and exec accepts either.
export {
  BaseBatch,
  type BaseBatchOptions,
  Batch,
  type BatchOptions,
  type BatchRetryStrategy,
  ClusterBatch,
  type ClusterBatchOptions,
  type ClusterBatchRetryStrategy,
  ClusterTransaction,
  Transaction,
} from "@petrel/batch";
export * from "@petrel/client";
export * from "@petrel/commands";
export { OpenTelemetry } from "./open-telemetry.js";
