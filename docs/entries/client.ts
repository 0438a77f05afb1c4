/**
 * GLIDE-compatible GlideClient and GlideClusterClient: connections, routing, Pub/Sub, scripting, instrumentation channels, connection URIs.
 * @module @petrel/client
 */
export * from "@petrel/client";
