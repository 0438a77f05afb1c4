// GLIDE's OpenTelemetry configuration types. @petrel/otel implements them; they live
// here so that \`petrel\`'s main entry can type its OpenTelemetry facade without naming
// that optional package.

/** A parent span context, as `parentSpanContextProvider` returns it. */
export interface GlideSpanContext {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 1 when sampled. */
  traceFlags: number;
  /** W3C trace state, e.g. "vendor=value". */
  traceState?: string;
}

export interface OpenTelemetryTracesConfig {
  /** `http(s)://…` (OTLP/HTTP), `grpc://host:port` (OTLP/gRPC) or `file://…` (JSON lines). */
  endpoint: string;
  /** Percentage of commands traced, 0–100; default 1. */
  samplePercentage?: number;
}

export interface OpenTelemetryMetricsConfig {
  /** Same schemes as traces. */
  endpoint: string;
}

export interface OpenTelemetryConfig {
  traces?: OpenTelemetryTracesConfig;
  metrics?: OpenTelemetryMetricsConfig;
  /** How often data is exported, in ms; default 5000. */
  flushIntervalMs?: number;
}

/** GLIDE's extended configuration: adds the parent span context callback. */
export interface GlideOpenTelemetryConfig extends OpenTelemetryConfig {
  parentSpanContextProvider?: () => GlideSpanContext | undefined;
}
