/**
 * Pure cluster decisions: slot map, topology, routing, redirects, aggregation, cluster SCAN.
 * @module @petrel/cluster
 */
export * from "@petrel/cluster";
