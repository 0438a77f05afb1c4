export * from "./errors.js";
export type * from "./types.js";
export type * from "./reply-frame.js";
