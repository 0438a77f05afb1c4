export * from "./collections.js";
export { glideCustomReply } from "./custom-replies.js";
export * from "./glide-types.js";
export * from "./scalars.js";
export { type ParseSite, unexpectedReply } from "./unexpected.js";
