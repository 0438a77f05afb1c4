// GLIDE's OpenTelemetry configuration and its validation. Every rule throws
// synchronously from `OpenTelemetry.init`, with the field named.
import { existsSync, statSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GlideOpenTelemetryConfig } from "@petrel/client";
import { ConfigurationError } from "@petrel/protocol";

export type {
  GlideOpenTelemetryConfig,
  GlideSpanContext,
  OpenTelemetryConfig,
  OpenTelemetryMetricsConfig,
  OpenTelemetryTracesConfig,
} from "@petrel/client";

export const DEFAULT_SAMPLE_PERCENTAGE = 1;
export const DEFAULT_FLUSH_INTERVAL_MS = 5000;

/** Where one signal goes. */
export type Endpoint =
  | { readonly kind: "http"; readonly url: string }
  | { readonly kind: "grpc"; readonly url: string }
  | { readonly kind: "file"; readonly path: string };

/** Parses and checks an endpoint; `field` names it in errors. */
export function parseEndpoint(endpoint: unknown, field: string): Endpoint {
  if (typeof endpoint !== "string" || endpoint.length === 0) {
    throw new ConfigurationError(`${field} must be a non-empty string`);
  }
  const scheme = endpoint.slice(0, endpoint.indexOf(":") + 1).toLowerCase();
  if (scheme === "http:" || scheme === "https:") return { kind: "http", url: endpoint };
  if (scheme === "grpc:") return { kind: "grpc", url: `http:${endpoint.slice("grpc:".length)}` };
  if (scheme === "file:") return { kind: "file", path: resolveFilePath(endpoint, field) };
  throw new ConfigurationError(
    `${field} has an unsupported scheme: use http://, https://, grpc:// or file:// (got "${endpoint}")`,
  );
}

// A directory, or a path without an extension, means `signals.json` inside it.
function resolveFilePath(endpoint: string, field: string): string {
  if (!endpoint.startsWith("file://")) {
    throw new ConfigurationError(
      `${field}: a file endpoint must start with file:// (got "${endpoint}")`,
    );
  }
  let path: string;
  try {
    path = fileURLToPath(endpoint);
  } catch {
    throw new ConfigurationError(`${field}: "${endpoint}" is not a valid file:// URL`);
  }
  const isDirectory = existsSync(path) && statSync(path).isDirectory();
  const file = isDirectory || extname(path) === "" ? join(path, "signals.json") : path;
  const parent = dirname(file);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) {
    throw new ConfigurationError(`${field}: the directory ${parent} does not exist`);
  }
  return file;
}

export function validateSamplePercentage(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new ConfigurationError(
      `${field} must be a number between 0 and 100 (got ${String(value)})`,
    );
  }
  return value;
}

export interface ValidatedConfig {
  readonly traces: { readonly endpoint: Endpoint; readonly samplePercentage: number } | undefined;
  readonly metrics: { readonly endpoint: Endpoint } | undefined;
  readonly flushIntervalMs: number;
}

export function validateConfig(config: GlideOpenTelemetryConfig): ValidatedConfig {
  if (typeof config !== "object" || config === null) {
    throw new ConfigurationError("OpenTelemetry config must be an object");
  }
  if (!config.traces && !config.metrics) {
    throw new ConfigurationError("OpenTelemetry config needs at least one of traces or metrics");
  }
  const flushIntervalMs = config.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
  if (!Number.isInteger(flushIntervalMs) || flushIntervalMs <= 0) {
    throw new ConfigurationError(
      `flushIntervalMs must be a positive integer (got ${String(config.flushIntervalMs)})`,
    );
  }
  if (
    config.parentSpanContextProvider !== undefined &&
    typeof config.parentSpanContextProvider !== "function"
  ) {
    throw new ConfigurationError("parentSpanContextProvider must be a function");
  }
  return {
    traces: config.traces
      ? {
          endpoint: parseEndpoint(config.traces.endpoint, "traces.endpoint"),
          samplePercentage: validateSamplePercentage(
            config.traces.samplePercentage ?? DEFAULT_SAMPLE_PERCENTAGE,
            "traces.samplePercentage",
          ),
        }
      : undefined,
    metrics: config.metrics
      ? { endpoint: parseEndpoint(config.metrics.endpoint, "metrics.endpoint") }
      : undefined,
    flushIntervalMs,
  };
}
