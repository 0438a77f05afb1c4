/**
 * The RESP2/RESP3 codec and GLIDE's error classes.
 * @module @petrel/protocol
 */
export * from "@petrel/protocol";
