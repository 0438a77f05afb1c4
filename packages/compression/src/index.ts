// @petrel/compression: GLIDE-compatible transparent value compression, opt-in.
export {
  CompressionBackend,
  type CompressionConfiguration,
} from "@petrel/client";
export type { Codec } from "./codecs/codec.js";
export { type Codecs, loadCodecs } from "./codecs/load.js";
export { createCommandCompressor } from "./command-compressor.js";
export { formatSize } from "./errors.js";
export { BACKEND_ID, FORMAT_VERSION, HEADER_SIZE, hasHeader, MAGIC } from "./header.js";
export { registerCompression } from "./register.js";
export { COMPRESSED_VALUES, DECOMPRESSED_REPLIES, REFUSED, refusalMessage } from "./rules.js";
export { COMPRESSION_DEFAULTS, resolveSettings } from "./settings.js";
export { ValueCompressor } from "./value-compressor.js";
