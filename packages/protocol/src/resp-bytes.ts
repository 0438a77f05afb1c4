// Byte values of the RESP type markers and delimiters, shared by the encoder and
// the decoder so the hot loops compare small integers instead of strings.

export const CR = 13;
export const LF = 10;
export const MINUS = 45;
export const PLUS = 43;
export const QUESTION = 63;
export const DIGIT_0 = 48;
export const DIGIT_9 = 57;

export const SIMPLE_STRING = 43; // +
export const SIMPLE_ERROR = 45; // -
export const INTEGER = 58; // :
export const BULK_STRING = 36; // $
export const ARRAY = 42; // *
export const NULL = 95; // _
export const MAP = 37; // %
export const SET = 126; // ~
export const ATTRIBUTE = 124; // |
export const PUSH = 62; // >
export const DOUBLE = 44; // ,
export const BOOLEAN = 35; // #
export const BIG_NUMBER = 40; // (
export const VERBATIM = 61; // =
export const BULK_ERROR = 33; // !
export const STREAM_CHUNK = 59; // ;
export const STREAM_END = 46; // .

/** Default `proto-max-bulk-len` of Valkey: 512 MiB. */
export const DEFAULT_MAX_BULK_LENGTH = 512 * 1024 * 1024;
