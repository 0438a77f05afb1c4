// The decoder's contract with the connection layer: where decoded values go,
// and the limits that protect the client from a broken or hostile server.

import type { ProtocolError } from "../errors.js";
import type { RespMap, RespValue } from "../types.js";

export interface DecoderCallbacks {
  onReply(value: RespValue): void;
  onPush(value: RespValue[]): void;
  /** Attributes (`|`) are metadata about the value that follows, never replies. */
  onAttribute?(value: RespMap): void;
  /** Fatal: after this the decoder ignores input until reset(). */
  onError(error: ProtocolError): void;
  /** Asked when a top-level reply (not a push) begins: true decodes its strings as Buffers. Default: false. */
  replyAsBuffers?(): boolean;
}

export interface DecoderOptions {
  /** Largest bulk string, verbatim string, bulk error or simple line accepted. Default 512 MiB (`proto-max-bulk-len`). */
  maxBulkLength?: number;
  /** Deepest aggregate nesting accepted. Default 128. */
  maxDepth?: number;
  /** Decode the strings of push frames as Buffers. Default false. */
  pushAsBuffers?: boolean;
  /**
   * Longest bulk, in bytes, returned as a string in string mode; longer ones come back as
   * Buffers. Default and maximum: `buffer.constants.MAX_STRING_LENGTH`.
   */
  maxStringLength?: number;
}

export const DEFAULT_MAX_DEPTH = 128;
