/**
 * `petrel/otel`: GLIDE's OpenTelemetry API, from the optional `@petrel/otel`.
 * @module petrel/otel
 */
export * from "petrel/otel";
