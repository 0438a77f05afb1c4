/**
 * Every command defined once: arguments, keys, reply decoding, routing, and GLIDE's option types.
 * @module @petrel/commands
 */
export * from "@petrel/commands";
