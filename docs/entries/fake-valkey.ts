/**
 * An in-memory Valkey server and cluster with a control API, for tests.
 * @module @petrel/fake-valkey
 */
export * from "@petrel/fake-valkey";
