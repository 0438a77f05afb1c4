// `petrel/otel`: GLIDE's OpenTelemetry entry, from the optional @petrel/otel.
// A separate subpath so that importing `petrel` alone never loads OpenTelemetry.
export * from "@petrel/otel";
