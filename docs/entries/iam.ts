/**
 * AWS IAM authentication for ElastiCache and MemoryDB, opt-in.
 * @module @petrel/iam
 */
export * from "@petrel/iam";
