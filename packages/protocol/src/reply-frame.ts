// A reply as a server writes it, with its exact RESP type. Servers and tests
// build these; `encodeReplyFrame` writes them for RESP3 or downgrades them to
// RESP2 the way Valkey does (map → flat array, double → bulk string, …).

export type ReplyFrame =
  | { readonly type: "simple"; readonly value: string }
  | { readonly type: "error"; readonly value: string }
  | { readonly type: "integer"; readonly value: number | bigint }
  /** `null` value: RESP2 `$-1`, RESP3 `_`. */
  | { readonly type: "bulk"; readonly value: string | Buffer | null }
  /** `null` value: RESP2 `*-1`, RESP3 `_`. */
  | { readonly type: "array"; readonly value: readonly ReplyFrame[] | null }
  | { readonly type: "null" }
  | { readonly type: "map"; readonly value: readonly (readonly [ReplyFrame, ReplyFrame])[] }
  | { readonly type: "set"; readonly value: readonly ReplyFrame[] }
  | { readonly type: "push"; readonly value: readonly ReplyFrame[] }
  | { readonly type: "double"; readonly value: number }
  | { readonly type: "boolean"; readonly value: boolean }
  | { readonly type: "bignum"; readonly value: bigint }
  | { readonly type: "verbatim"; readonly format: string; readonly value: string | Buffer }
  | { readonly type: "bulkError"; readonly value: string }
  /** Metadata before a value; dropped in RESP2. */
  | {
      readonly type: "attribute";
      readonly attributes: readonly (readonly [ReplyFrame, ReplyFrame])[];
      readonly value: ReplyFrame;
    }
  /** RESP3 streamed string `$?` sent in the given chunks. */
  | { readonly type: "streamedString"; readonly chunks: readonly (string | Buffer)[] }
  /** RESP3 streamed aggregate `*?` / `~?` / `%?` (map items are flattened pairs). */
  | {
      readonly type: "streamedAggregate";
      readonly kind: "array" | "set" | "map";
      readonly value: readonly ReplyFrame[];
    }
  /** Bytes written as they are: for malformed-reply tests. */
  | { readonly type: "raw"; readonly bytes: Buffer };
