// Streaming RESP2/RESP3 decoder. Bytes go in through `feed` in whatever chunks
// the socket delivers; complete replies come out through callbacks.
//
// Values are sliced from the chunk they arrive in and copied only when they
// cross a chunk boundary. Aggregates use an explicit stack (no recursion), so a
// hostile nesting depth produces a ProtocolError, not a stack overflow.

import { constants as bufferConstants } from "node:buffer";
import { ConfigurationError, ProtocolError } from "../errors.js";
import { serverErrorReply } from "../errors-server.js";
import {
  ARRAY,
  ATTRIBUTE,
  BIG_NUMBER,
  BOOLEAN,
  BULK_ERROR,
  BULK_STRING,
  CR,
  DEFAULT_MAX_BULK_LENGTH,
  DIGIT_0,
  DIGIT_9,
  DOUBLE,
  INTEGER,
  LF,
  MAP,
  MINUS,
  NULL,
  PUSH,
  QUESTION,
  SET,
  SIMPLE_ERROR,
  SIMPLE_STRING,
  STREAM_CHUNK,
  STREAM_END,
  VERBATIM,
} from "../resp-bytes.js";
import type { RespMap, RespValue } from "../types.js";
import {
  AggregateFrame,
  FRAME_ARRAY,
  FRAME_ATTRIBUTE,
  FRAME_MAP,
  FRAME_PUSH,
  FRAME_SET,
  FRAME_STREAMED_STRING,
  STREAMED,
} from "./aggregate-frame.js";
import { BulkPayload } from "./bulk-payload.js";
import {
  DEFAULT_MAX_DEPTH,
  type DecoderCallbacks,
  type DecoderOptions,
} from "./decoder-options.js";
import {
  findLineEnd,
  LENGTH_NULL,
  LENGTH_STREAMED,
  type LineCursor,
  lineTooLong,
  MAX_NUMBER_LINE,
  NEED_MORE,
  parseInteger,
  parseLength,
  protocolError,
} from "./lines.js";
import { describeByte, parseBigNumber, parseDouble } from "./scalars.js";
import { SHORT_STRING_BYTES, TextWindow } from "./text-window.js";

const STATE_TYPE = 0;
const STATE_LINE = 1;
const STATE_BULK = 2;

/** Longest double line; servers print at most 17 significant digits plus exponent. */
const MAX_DOUBLE_LINE = 512;
/** JavaScript arrays hold at most 2^32 - 1 elements. */
const MAX_AGGREGATE_LENGTH = 2 ** 32 - 1;
const COLON = 58;
const LETTER_T = 116;
const LETTER_F = 102;
const LETTER_O = 79;
const LETTER_K = 75;

export class RespDecoder {
  readonly #callbacks: DecoderCallbacks;
  readonly #maxBulkLength: number;
  readonly #maxDepth: number;
  readonly #pushAsBuffers: boolean;
  readonly #maxStringLength: number;

  readonly #frames: AggregateFrame[] = [];
  #depth = 0;
  /** The innermost open frame is a streamed string (only `;` chunks may follow). */
  #inStreamedString = false;

  /** String mode of the top-level value being decoded. */
  #asBuffers = false;
  #modeChosen = false;
  #topIsPush = false;

  #state = STATE_TYPE;
  #failed = false;
  /** Inside `feed`; `abandoned`: a callback called reset(), so the chunk's rest is dropped. */
  #feeding = false;
  #abandoned = false;
  /** Index just past the line the last parse call read. */
  readonly #at: LineCursor = { cursor: 0 };

  /** A header or simple line cut by the end of a chunk. */
  #lineType = 0;
  #lineParts: Buffer[] = [];
  #lineLength = 0;

  /** Decodes short strings (see TextWindow). */
  readonly #shortStrings = new TextWindow();

  /** A bulk payload cut by the end of a chunk. */
  #bulkType = 0;
  #bulkRemaining = 0;
  #crlfSeen = 0;
  readonly #bulk = new BulkPayload();
  /** The last `feed` handed out or kept views of its chunk. */
  #keptInput = false;

  constructor(callbacks: DecoderCallbacks, options: DecoderOptions = {}) {
    this.#callbacks = callbacks;
    this.#maxBulkLength = options.maxBulkLength ?? DEFAULT_MAX_BULK_LENGTH;
    this.#maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.#pushAsBuffers = options.pushAsBuffers ?? false;
    this.#maxStringLength = Math.min(
      options.maxStringLength ?? bufferConstants.MAX_STRING_LENGTH,
      bufferConstants.MAX_STRING_LENGTH,
    );
    if (!(this.#maxBulkLength >= 0) || !(this.#maxDepth >= 1) || !(this.#maxStringLength >= 0)) {
      throw new ConfigurationError(
        "RespDecoder needs maxBulkLength >= 0, maxStringLength >= 0 and maxDepth >= 1",
      );
    }
  }

  /** Bytes held while waiting for the rest of a value. */
  get bufferedBytes(): number {
    let streamed = 0;
    const top = this.#depth > 0 ? this.#frames[this.#depth - 1] : undefined;
    if (top !== undefined && top.kind === FRAME_STREAMED_STRING) streamed = top.chunkBytes;
    return this.#lineLength + this.#bulk.received + streamed;
  }

  /**
   * Whether the last `feed` handed out or kept views of its chunk (Buffer values, the start
   * of a long payload). When it did not, the caller may reuse the chunk's memory.
   */
  get keptInput(): boolean {
    return this.#keptInput;
  }

  /**
   * The rest of a bulk payload that crosses chunks, when it is bytes in an allocation of its
   * own: a reader may read into it and feed that view, which is then not copied again.
   * Undefined otherwise.
   */
  get payloadRoom(): Buffer | undefined {
    return this.#state === STATE_BULK && this.#bulkRemaining > 0 && !this.#failed
      ? this.#bulk.room()
      : undefined;
  }

  /**
   * Decodes as much of `chunk` as completes replies. The decoder may keep views into the
   * chunk (returned Buffers are views too), so the caller must not reuse its memory.
   * Malformed input is reported once through `onError`. An exception thrown by a callback
   * propagates out of `feed`; either way the decoder then ignores input until `reset()`.
   */
  feed(chunk: Buffer): void {
    this.#keptInput = false;
    if (this.#failed) return;
    this.#feeding = true;
    try {
      this.#decode(chunk);
    } catch (error) {
      this.#clearPartial();
      this.#failed = true;
      if (error instanceof ProtocolError) this.#callbacks.onError(error);
      // Anything else was thrown by a callback: surface it to whoever fed the bytes.
      else throw error;
    } finally {
      this.#feeding = false;
      this.#abandoned = false;
    }
  }

  /**
   * Drops partial state and accepts input again (after a reconnect). Called from a callback
   * during `feed`, it also discards the rest of the chunk being decoded.
   */
  reset(): void {
    this.#clearPartial();
    this.#failed = false;
    if (this.#feeding) this.#abandoned = true;
  }

  #clearPartial(): void {
    this.#state = STATE_TYPE;
    this.#lineParts = [];
    this.#lineLength = 0;
    this.#bulk.clear();
    for (let i = 0; i < this.#depth; i++) this.#frames[i]?.take();
    this.#depth = 0;
    this.#inStreamedString = false;
    this.#modeChosen = false;
    this.#topIsPush = false;
  }

  #decode(buf: Buffer): void {
    const end = buf.length;
    let pos = 0;
    while (pos < end) {
      if (this.#state === STATE_TYPE) pos = this.#parseItem(buf, pos, end);
      else if (this.#state === STATE_BULK) pos = this.#continueBulk(buf, pos, end);
      else pos = this.#resumeLine(buf, pos, end);
      if (pos < 0 || this.#abandoned) break;
    }
    // Let the chunk go once decoded; the window text is a copy and may stay.
    this.#shortStrings.release();
  }

  /**
   * Parses the item starting at `pos`; returns the position after it, or -1 once the chunk
   * is exhausted. Only the hottest case lives here, so the compiler can inline all of it.
   */
  #parseItem(buf: Buffer, pos: number, end: number): number {
    const type = buf[pos] as number;
    if (this.#depth === 0) this.#beginTopLevel(type);
    if (type === BULK_STRING && !this.#inStreamedString) {
      // A whole bulk string inside this chunk.
      const length = parseLength(buf, pos + 1, end, this.#at);
      const start = this.#at.cursor;
      const stop = start + length;
      if (length >= 0 && stop + 2 <= end && length <= this.#maxBulkLength) {
        if (buf[stop] !== CR || buf[stop + 1] !== LF) {
          throw protocolError("bulk not followed by CRLF");
        }
        this.#complete(this.#text(buf, start, stop));
        return stop + 2;
      }
      if (length === NEED_MORE) return this.#stashLine(type, buf, pos, end);
      return this.#startBulk(type, length, buf, start, end);
    }
    return this.#parseOtherItem(type, buf, pos, end);
  }

  #parseOtherItem(type: number, buf: Buffer, pos: number, end: number): number {
    if (this.#inStreamedString !== (type === STREAM_CHUNK)) {
      throw protocolError(
        type === STREAM_CHUNK
          ? "';' outside a streamed string"
          : `expected ';' inside a streamed string, got ${describeByte(type)}`,
      );
    }
    switch (type) {
      case VERBATIM:
      case BULK_ERROR:
      case STREAM_CHUNK: {
        const length = parseLength(buf, pos + 1, end, this.#at);
        if (length === NEED_MORE) return this.#stashLine(type, buf, pos, end);
        return this.#startBulk(type, length, buf, this.#at.cursor, end);
      }
      case ARRAY:
      case MAP:
      case SET:
      case PUSH:
      case ATTRIBUTE: {
        const length = parseLength(buf, pos + 1, end, this.#at);
        if (length === NEED_MORE) return this.#stashLine(type, buf, pos, end);
        const next = this.#at.cursor;
        this.#openAggregate(type, length);
        return next;
      }
      case INTEGER: {
        const value = parseInteger(buf, pos + 1, end, this.#at);
        if (value === undefined) return this.#stashLine(type, buf, pos, end);
        const next = this.#at.cursor;
        this.#complete(value);
        return next;
      }
      case BOOLEAN:
      case SIMPLE_STRING:
      case SIMPLE_ERROR:
      case DOUBLE:
      case BIG_NUMBER:
      case NULL:
      case STREAM_END: {
        if (type === BOOLEAN && pos + 1 < end) this.#checkBooleanByte(buf[pos + 1] as number);
        const lineEnd = findLineEnd(buf, pos + 1, end, this.#lineLimit(type));
        if (lineEnd === NEED_MORE) return this.#stashLine(type, buf, pos, end);
        this.#completeLine(type, buf, pos + 1, lineEnd);
        return lineEnd + 2;
      }
      default:
        throw protocolError(`unknown reply type ${describeByte(type)}`);
    }
  }

  #beginTopLevel(type: number): void {
    if (type === PUSH) {
      this.#asBuffers = this.#pushAsBuffers;
      this.#topIsPush = true;
      this.#modeChosen = true;
    } else if (!this.#modeChosen) {
      const callbacks = this.#callbacks;
      this.#asBuffers =
        callbacks.replyAsBuffers !== undefined && callbacks.replyAsBuffers() === true;
      this.#modeChosen = true;
    }
  }

  #checkBooleanByte(c: number): void {
    if (c !== LETTER_T && c !== LETTER_F && c !== CR) {
      throw protocolError(`invalid boolean ${JSON.stringify(String.fromCharCode(c))}`);
    }
  }

  #lineLimit(type: number): number {
    switch (type) {
      case DOUBLE:
        return MAX_DOUBLE_LINE;
      case BOOLEAN:
        return 1;
      case NULL:
      case STREAM_END:
        return 0;
      case SIMPLE_STRING:
      case SIMPLE_ERROR:
      case BIG_NUMBER:
        // These always become strings, so they cannot exceed the JavaScript string limit.
        return Math.min(this.#maxBulkLength, this.#maxStringLength);
      default:
        return MAX_NUMBER_LINE;
    }
  }

  #completeLine(type: number, buf: Buffer, start: number, lineEnd: number): void {
    switch (type) {
      case SIMPLE_STRING:
        // GLIDE: a reply's status follows the decoder like any string, except "OK", always
        // text. A push's stay text: its kind ("invalidate"…) says where it goes.
        if (this.#asBuffers && !this.#topIsPush && !isOk(buf, start, lineEnd)) {
          this.#complete(Buffer.from(buf.subarray(start, lineEnd)));
          return;
        }
        this.#complete(
          lineEnd - start <= SHORT_STRING_BYTES
            ? this.#shortStrings.read(buf, start, lineEnd)
            : buf.toString("utf8", start, lineEnd),
        );
        return;
      case SIMPLE_ERROR:
        this.#complete(serverErrorReply(buf.toString("utf8", start, lineEnd)));
        return;
      case DOUBLE:
        this.#complete(parseDouble(buf.toString("latin1", start, lineEnd)));
        return;
      case BIG_NUMBER:
        this.#complete(parseBigNumber(buf.toString("latin1", start, lineEnd)));
        return;
      case BOOLEAN: {
        const c = buf[start];
        if (lineEnd - start === 1 && (c === LETTER_T || c === LETTER_F)) {
          this.#complete(c === LETTER_T);
          return;
        }
        throw protocolError(
          `invalid boolean ${JSON.stringify(buf.toString("latin1", start, lineEnd))}`,
        );
      }
      case NULL:
        this.#complete(null);
        return;
      default:
        this.#endStreamedAggregate();
    }
  }

  /** Keeps the unfinished line that starts at `pos`; the next chunk resumes it. */
  #stashLine(type: number, buf: Buffer, pos: number, end: number): number {
    this.#state = STATE_LINE;
    this.#lineType = type;
    // A copy (a few bytes), so the chunk's memory is free once feed returns.
    this.#lineParts.push(Buffer.from(buf.subarray(pos, end)));
    this.#lineLength = end - pos;
    return -1;
  }

  /**
   * Continues a line cut by a chunk boundary. Only the new bytes are scanned for the line
   * end (and checked as they come); once found, the pieces are joined and parsed as one line.
   */
  #resumeLine(buf: Buffer, pos: number, end: number): number {
    const type = this.#lineType;
    const numeric = this.#lineLimit(type) === MAX_NUMBER_LINE;
    const parts = this.#lineParts;
    const last = parts[parts.length - 1] as Buffer;
    let previous = last[last.length - 1] as number;
    // type byte + content + CRLF
    const room = this.#lineLimit(type) + 3 - this.#lineLength;
    const stop = Math.min(end, pos + room);
    let lineFeed = -1;
    for (let i = pos; i < stop; i++) {
      const c = buf[i] as number;
      if (previous === CR) {
        if (c !== LF) throw protocolError("expected LF after CR");
        lineFeed = i;
        break;
      }
      if (c === LF) throw protocolError("LF without CR");
      if (type === BOOLEAN && this.#lineLength === 1 && i === pos) this.#checkBooleanByte(c);
      if (numeric && c !== CR && c !== MINUS && c !== QUESTION && (c < DIGIT_0 || c > DIGIT_9)) {
        // Parsing the line up to the bad byte raises the same error as an unsplit line.
        parts.push(buf.subarray(pos, i + 1));
        const partial = Buffer.concat(parts);
        this.#parseItem(partial, 0, partial.length);
        throw protocolError(`invalid byte ${describeByte(c)} in a length or integer`);
      }
      previous = c;
    }
    if (lineFeed < 0) {
      if (stop < end) throw lineTooLong(this.#lineLimit(type));
      parts.push(Buffer.from(buf.subarray(pos, end)));
      this.#lineLength += end - pos;
      return -1;
    }
    parts.push(buf.subarray(pos, lineFeed + 1));
    const line = Buffer.concat(parts, this.#lineLength + lineFeed + 1 - pos);
    this.#lineParts = [];
    this.#lineLength = 0;
    this.#state = STATE_TYPE;
    // The line is complete, so this either finishes the item or enters STATE_BULK
    // having consumed nothing of the payload, which continues from `buf`.
    this.#parseItem(line, 0, line.length);
    return lineFeed + 1;
  }

  #startBulk(type: number, length: number, buf: Buffer, pos: number, end: number): number {
    if (length < 0) {
      if (type === BULK_STRING && length === LENGTH_NULL) {
        this.#complete(null);
        return pos;
      }
      if (type === BULK_STRING && length === LENGTH_STREAMED) {
        this.#openFrame(FRAME_STREAMED_STRING, STREAMED);
        return pos;
      }
      throw protocolError(
        `${describeByte(type)} does not accept length ${length === LENGTH_NULL ? "-1" : "?"}`,
      );
    }
    if (length > this.#maxBulkLength) {
      throw protocolError(`bulk length ${length} exceeds the limit of ${this.#maxBulkLength}`);
    }
    if (type === VERBATIM && length < 4) throw protocolError(`verbatim string of length ${length}`);
    if (type === STREAM_CHUNK) {
      const frame = this.#frames[this.#depth - 1] as AggregateFrame;
      if (length === 0) {
        this.#finishStreamedString(frame);
        return pos;
      }
      if (frame.chunkBytes + length > this.#maxBulkLength) {
        throw protocolError(`streamed string exceeds the limit of ${this.#maxBulkLength}`);
      }
    }
    const stop = pos + length;
    if (stop + 2 <= end) {
      if (buf[stop] !== CR || buf[stop + 1] !== LF)
        throw protocolError("bulk not followed by CRLF");
      this.#completeBulk(type, buf, pos, stop);
      return stop + 2;
    }
    this.#state = STATE_BULK;
    this.#bulkType = type;
    this.#bulkRemaining = length;
    this.#crlfSeen = 0;
    this.#bulk.begin(
      length,
      type === BULK_STRING && !this.#asBuffers && length <= this.#maxStringLength,
    );
    return this.#continueBulk(buf, pos, end);
  }

  /** Collects a payload that crosses chunks (see BulkPayload), then its CRLF. */
  #continueBulk(buf: Buffer, pos: number, end: number): number {
    const remaining = this.#bulkRemaining;
    if (remaining > 0) {
      const stop = Math.min(end, pos + remaining);
      if (stop > pos && this.#bulk.collect(buf, pos, stop)) this.#keptInput = true;
      this.#bulkRemaining = remaining - (stop - pos);
      if (this.#bulkRemaining > 0) return -1;
      pos = stop;
    }
    while (this.#crlfSeen < 2) {
      if (pos >= end) return -1;
      if (buf[pos] !== (this.#crlfSeen === 0 ? CR : LF)) {
        throw protocolError("bulk not followed by CRLF");
      }
      pos++;
      this.#crlfSeen++;
    }
    this.#state = STATE_TYPE;
    const payload = this.#bulk.finish();
    if (typeof payload === "string") this.#complete(payload);
    else {
      // The payload is its own allocation, or a view already counted when it was collected.
      const kept = this.#keptInput;
      this.#completeBulk(this.#bulkType, payload, 0, payload.length);
      this.#keptInput = kept;
    }
    return pos;
  }

  #completeBulk(type: number, buf: Buffer, start: number, stop: number): void {
    switch (type) {
      case BULK_STRING:
        this.#complete(this.#text(buf, start, stop));
        return;
      case VERBATIM:
        if (buf[start + 3] !== COLON) throw protocolError("verbatim string without 'fmt:' prefix");
        this.#complete(this.#text(buf, start + 4, stop));
        return;
      case BULK_ERROR:
        // An error message is always text; one beyond the string limit is cut there.
        this.#complete(
          serverErrorReply(
            buf.toString("utf8", start, Math.min(stop, start + this.#maxStringLength)),
          ),
        );
        return;
      default: {
        const frame = this.#frames[this.#depth - 1] as AggregateFrame;
        this.#keptInput = true;
        frame.chunks.push(buf.subarray(start, stop));
        frame.chunkBytes += stop - start;
      }
    }
  }

  /** A string in string mode, unless too long for a JavaScript string: then a Buffer. */
  #text(buf: Buffer, start: number, stop: number): string | Buffer {
    const length = stop - start;
    if (this.#asBuffers || length > this.#maxStringLength) {
      this.#keptInput = true;
      return buf.subarray(start, stop);
    }
    if (length <= SHORT_STRING_BYTES) return this.#shortStrings.read(buf, start, stop);
    return buf.toString("utf8", start, stop);
  }

  #finishStreamedString(frame: AggregateFrame): void {
    const chunks = frame.chunks;
    const payload =
      chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, frame.chunkBytes);
    frame.take();
    this.#depth--;
    this.#inStreamedString = false;
    this.#complete(this.#text(payload, 0, payload.length));
  }

  #openAggregate(type: number, length: number): void {
    if (type === PUSH && this.#depth !== 0) throw protocolError("push frame inside another value");
    const kind =
      type === ARRAY
        ? FRAME_ARRAY
        : type === MAP
          ? FRAME_MAP
          : type === SET
            ? FRAME_SET
            : type === PUSH
              ? FRAME_PUSH
              : FRAME_ATTRIBUTE;
    if (length === LENGTH_NULL) {
      if (kind === FRAME_ARRAY || kind === FRAME_MAP || kind === FRAME_SET) {
        this.#complete(null);
        return;
      }
      throw protocolError(`${describeByte(type)} does not accept length -1`);
    }
    if (length === LENGTH_STREAMED) {
      if (kind === FRAME_PUSH || kind === FRAME_ATTRIBUTE) {
        throw protocolError(`${describeByte(type)} cannot be streamed`);
      }
      this.#openFrame(kind, STREAMED);
      return;
    }
    if (length > MAX_AGGREGATE_LENGTH) {
      throw protocolError(`aggregate length ${length} exceeds ${MAX_AGGREGATE_LENGTH}`);
    }
    if (length === 0) {
      if (kind === FRAME_ATTRIBUTE) this.#callbacks.onAttribute?.([]);
      else this.#complete(kind === FRAME_SET ? new Set<RespValue>() : []);
      return;
    }
    this.#openFrame(kind, kind === FRAME_MAP || kind === FRAME_ATTRIBUTE ? length * 2 : length);
  }

  #openFrame(kind: number, remaining: number): void {
    if (this.#depth >= this.#maxDepth) {
      throw protocolError(`nesting deeper than the limit of ${this.#maxDepth}`);
    }
    let frame = this.#frames[this.#depth];
    if (frame === undefined) {
      frame = new AggregateFrame();
      this.#frames.push(frame);
    }
    frame.open(kind, remaining);
    this.#depth++;
    this.#inStreamedString = kind === FRAME_STREAMED_STRING;
  }

  #endStreamedAggregate(): void {
    const frame = this.#depth > 0 ? this.#frames[this.#depth - 1] : undefined;
    if (frame === undefined || frame.remaining !== STREAMED) {
      throw protocolError("'.' outside a streamed aggregate");
    }
    if (frame.hasKey) throw protocolError("streamed map ended between a key and its value");
    this.#depth--;
    this.#complete(frame.take());
  }

  /** Hands a finished value to its parent aggregate, closing every aggregate it completes. */
  #complete(value: RespValue): void {
    let current = value;
    while (this.#depth > 0) {
      const frame = this.#frames[this.#depth - 1] as AggregateFrame;
      frame.add(current);
      if (frame.remaining === STREAMED || --frame.remaining > 0) return;
      this.#depth--;
      current = frame.take();
      if (frame.kind === FRAME_ATTRIBUTE) {
        this.#callbacks.onAttribute?.(current as RespMap);
        return;
      }
    }
    const isPush = this.#topIsPush;
    this.#modeChosen = false;
    this.#topIsPush = false;
    if (isPush) this.#callbacks.onPush(current as RespValue[]);
    else this.#callbacks.onReply(current);
  }
}

/** The status line is exactly `OK`. */
function isOk(buf: Buffer, start: number, lineEnd: number): boolean {
  return lineEnd - start === 2 && buf[start] === LETTER_O && buf[start + 1] === LETTER_K;
}
