/**
 * OpenTelemetry traces and metrics, GLIDE-compatible and opt-in.
 * @module @petrel/otel
 */
export * from "@petrel/otel";
