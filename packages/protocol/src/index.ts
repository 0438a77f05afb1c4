export {
  DEFAULT_MAX_DEPTH,
  type DecoderCallbacks,
  type DecoderOptions,
} from "./decoder/decoder-options.js";
export { RespDecoder } from "./decoder/resp-decoder.js";
export {
  CommandEncoder,
  type CommandEncoderOptions,
  chunkBytes,
  encodeCommand,
  LARGE_BUFFER_BYTES,
  type WriteChunk,
} from "./encoder/command-encoder.js";
export { encodeReplyFrame, formatDouble } from "./encoder/reply-frame-encoder.js";
export * from "./errors.js";
export {
  glideErrorFor,
  glideServerError,
  glideServerErrorMessage,
  serverErrorCode,
  serverErrorReply,
} from "./errors-server.js";
export type * from "./reply-frame.js";
export { DEFAULT_MAX_BULK_LENGTH } from "./resp-bytes.js";
export type * from "./types.js";
