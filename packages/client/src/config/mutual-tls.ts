// Checks `tlsAdvancedConfiguration.mutualTls` (GLIDE main's `MutualTls`) and keeps
// what a connection needs. Messages contain GLIDE's wording ("mutualTls.cert cannot
// be empty", …) and never the PEM material itself.
import { ConfigurationError } from "@petrel/protocol";
import type { ResolvedMutualTls } from "./resolved.js";

const prefix = "advancedConfiguration.tlsAdvancedConfiguration.mutualTls";
const maxReloadIntervalSeconds = 2 ** 32 - 1;

function fail(field: string, problem: string): never {
  throw new ConfigurationError(`Invalid configuration: ${prefix}${field} ${problem}`);
}

const pem = (value: unknown, field: string): Buffer | string => {
  if (typeof value !== "string" && !Buffer.isBuffer(value))
    fail(field, "must be a Buffer or non-empty string");
  if (value.length === 0) fail(field, "cannot be empty");
  return value;
};

const filePath = (value: unknown, field: string): string => {
  if (typeof value !== "string" || value.length === 0) fail(field, "must be a non-empty string");
  return value;
};

/** Validates a user's `mutualTls` value. Throws ConfigurationError naming the field. */
export const resolveMutualTls = (value: unknown): ResolvedMutualTls => {
  if (typeof value !== "object" || value === null) fail("", "must be an object");
  const bag = value as Record<string, unknown>;
  if (bag.kind === "bytes") {
    return { kind: "bytes", cert: pem(bag.cert, ".cert"), key: pem(bag.key, ".key") };
  }
  if (bag.kind === "path") {
    const certPath = filePath(bag.certPath, ".certPath");
    const keyPath = filePath(bag.keyPath, ".keyPath");
    const interval = bag.reloadIntervalSeconds;
    if (
      interval !== undefined &&
      (typeof interval !== "number" ||
        !Number.isInteger(interval) ||
        interval <= 0 ||
        interval > maxReloadIntervalSeconds)
    ) {
      fail(".reloadIntervalSeconds", "must be a positive integer");
    }
    return { kind: "path", certPath, keyPath };
  }
  // Only the discriminant is echoed: the rest may be key material.
  throw new ConfigurationError(`Unsupported mutualTls variant: kind=${String(bag.kind)}`);
};
