// Commands to RESP: each command is an array of bulk strings. Consecutive
// string and number arguments, across commands, are built as one JavaScript
// string and encoded in one call; Buffer arguments, and long ASCII strings, are
// kept by reference and reach the socket as they are.

import { RequestError } from "../errors.js";
import { DEFAULT_MAX_BULK_LENGTH } from "../resp-bytes.js";
import type { CommandArg } from "../types.js";

export interface CommandEncoderOptions {
  /** Largest argument accepted, in bytes. Default 512 MiB (`proto-max-bulk-len`). */
  maxBulkLength?: number;
}

/**
 * Buffers at least this large are handed to the socket by reference; smaller pieces are
 * joined, since a syscall segment costs more than copying a few KiB.
 */
export const LARGE_BUFFER_BYTES = 16 * 1024;

/**
 * Strings at least this long are not copied into the pending text. An ASCII one is handed
 * on as it is (a string chunk): the socket encodes it straight into its own write storage,
 * which costs far less than a fresh Buffer of that size per command (a JavaScript
 * allocation the garbage collector tracks, and fresh pages). Any other one is encoded to a
 * Buffer of its own and handed on like a large Buffer argument.
 */
const LARGE_STRING_CHARS = LARGE_BUFFER_BYTES;

/**
 * What `take` returns, in order: Buffers, and strings of ASCII characters only, so that one
 * character is one byte (write them to a socket with the `latin1` encoding, which copies).
 */
export type WriteChunk = Buffer | string;

function numberText(value: number): string {
  if (Number.isFinite(value)) {
    // String() switches to exponent form from 1e21; integers stay in plain decimal digits.
    return Math.abs(value) >= 1e21 && Number.isInteger(value)
      ? BigInt(value).toString()
      : String(value);
  }
  if (value === Number.POSITIVE_INFINITY) return "+inf";
  if (value === Number.NEGATIVE_INFINITY) return "-inf";
  throw new RequestError("Command argument is NaN");
}

const CRLF = "\r\n";
/** Headers are looked up, not formatted, for the lengths most arguments have. */
const CACHED_HEADERS = 1024;
const BULK_HEADERS = Array.from({ length: CACHED_HEADERS }, (_, length) => `$${length}\r\n`);
const ARRAY_HEADERS = Array.from({ length: CACHED_HEADERS }, (_, count) => `*${count}\r\n`);

/** `$length\r\n`. */
function bulkHeader(length: number): string {
  return length < CACHED_HEADERS ? (BULK_HEADERS[length] as string) : `$${length}\r\n`;
}

/** `*count\r\n`. */
function arrayHeader(count: number): string {
  return count < CACHED_HEADERS ? (ARRAY_HEADERS[count] as string) : `*${count}\r\n`;
}

function describeArg(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function notAnArgument(index: number, arg: unknown): RequestError {
  return new RequestError(
    `Command argument ${index} must be a string, Buffer or number, got ${describeArg(arg)}`,
  );
}

/** Coalesces many commands into one write. */
export class CommandEncoder {
  readonly #maxBulkLength: number;
  /** RESP text not yet encoded to bytes. */
  #text = "";
  /** UTF-8 size of `text`; equal to its length when it is all ASCII. */
  #textBytes = 0;
  /** Encoded pieces and long ASCII strings, in order, before `text`. */
  #pieces: WriteChunk[] = [];
  #piecesBytes = 0;

  constructor(options: CommandEncoderOptions = {}) {
    this.#maxBulkLength = options.maxBulkLength ?? DEFAULT_MAX_BULK_LENGTH;
  }

  /** Bytes pending. */
  get pendingBytes(): number {
    return this.#piecesBytes + this.#textBytes;
  }

  /**
   * Appends one command. Throws RequestError (not ProtocolError) if an argument exceeds
   * maxBulkLength or is not string/Buffer/number; nothing of that command is kept then.
   */
  push(args: readonly CommandArg[]): void {
    if (!Array.isArray(args) || args.length === 0) {
      throw new RequestError("A command needs at least one argument");
    }
    const header = arrayHeader(args.length);
    let text = this.#text + header;
    let textBytes = this.#textBytes + header.length;
    let flushed: WriteChunk[] | undefined;
    let flushedBytes = 0;
    for (let i = 0; i < args.length; i++) {
      const arg: unknown = args[i];
      if (typeof arg === "string" && arg.length >= LARGE_STRING_CHARS) {
        // No copy into the pending text: ASCII goes on as it is, anything else is encoded once.
        const length = Buffer.byteLength(arg, "utf8");
        if (length > this.#maxBulkLength) throw this.#tooLong(i, length);
        const value = length === arg.length ? arg : Buffer.from(arg, "utf8");
        const head = `$${length}\r\n`;
        text += head;
        textBytes += head.length;
        flushed ??= [];
        flushed.push(encodeText(text, textBytes), value);
        flushedBytes += textBytes + length;
        text = "\r\n";
        textBytes = 2;
      } else if (typeof arg === "string") {
        const length = arg.length === 0 ? 0 : Buffer.byteLength(arg, "utf8");
        if (length > this.#maxBulkLength) throw this.#tooLong(i, length);
        const head = bulkHeader(length);
        text += head + arg + CRLF;
        textBytes += head.length + length + 2;
      } else if (typeof arg === "number") {
        const digits = numberText(arg);
        const head = bulkHeader(digits.length);
        text += head + digits + CRLF;
        textBytes += head.length + digits.length + 2;
      } else if (Buffer.isBuffer(arg)) {
        if (arg.length > this.#maxBulkLength) throw this.#tooLong(i, arg.length);
        const head = `$${arg.length}\r\n`;
        text += head;
        textBytes += head.length;
        flushed ??= [];
        flushed.push(encodeText(text, textBytes), arg);
        flushedBytes += textBytes + arg.length;
        text = "\r\n";
        textBytes = 2;
      } else {
        throw notAnArgument(i, arg);
      }
    }
    if (flushed !== undefined) {
      for (const piece of flushed) this.#pieces.push(piece);
      this.#piecesBytes += flushedBytes;
    }
    this.#text = text;
    this.#textBytes = textBytes;
  }

  /**
   * Throws what `push(args)` would throw, encoding nothing. Lets a caller check a long
   * request first and then write it in chunks while it is encoded.
   */
  check(args: readonly CommandArg[]): void {
    if (!Array.isArray(args) || args.length === 0) {
      throw new RequestError("A command needs at least one argument");
    }
    for (let i = 0; i < args.length; i++) {
      const arg: unknown = args[i];
      if (typeof arg === "string") {
        // UTF-8 needs at most 3 bytes per UTF-16 unit: only a string that long can be too long.
        if (arg.length * 3 > this.#maxBulkLength) {
          const length = Buffer.byteLength(arg, "utf8");
          if (length > this.#maxBulkLength) throw this.#tooLong(i, length);
        }
      } else if (typeof arg === "number") {
        numberText(arg);
      } else if (Buffer.isBuffer(arg)) {
        if (arg.length > this.#maxBulkLength) throw this.#tooLong(i, arg.length);
      } else {
        throw notAnArgument(i, arg);
      }
    }
  }

  /**
   * Takes everything pushed so far when it is one chunk (no large argument kept by
   * reference): the common case, without the arrays `take` builds. Undefined otherwise,
   * and then nothing is taken.
   */
  takeChunk(): Buffer | undefined {
    if (this.#pieces.length > 0 || this.#text.length === 0) return undefined;
    const chunk = encodeText(this.#text, this.#textBytes);
    this.#text = "";
    this.#textBytes = 0;
    return chunk;
  }

  /**
   * Takes everything pushed so far as chunks for socket.writev/cork: small pieces joined,
   * large Buffers and long ASCII strings by reference (see WriteChunk). Empty array when
   * nothing is pending.
   */
  take(): WriteChunk[] {
    const pieces = this.#pieces;
    if (this.#text.length > 0) pieces.push(encodeText(this.#text, this.#textBytes));
    this.#pieces = [];
    this.#piecesBytes = 0;
    this.#text = "";
    this.#textBytes = 0;
    const chunks: WriteChunk[] = [];
    let run: Buffer[] = [];
    let runBytes = 0;
    for (const piece of pieces) {
      if (typeof piece === "string" || piece.length >= LARGE_BUFFER_BYTES) {
        if (run.length > 0) chunks.push(join(run, runBytes));
        run = [];
        runBytes = 0;
        chunks.push(piece);
      } else if (piece.length > 0) {
        run.push(piece);
        runBytes += piece.length;
      }
    }
    if (run.length > 0) chunks.push(join(run, runBytes));
    return chunks;
  }

  #tooLong(index: number, length: number): RequestError {
    return new RequestError(
      `Command argument ${index} is ${length} bytes, over the limit of ${this.#maxBulkLength}`,
    );
  }
}

function encodeText(text: string, bytes: number): Buffer {
  // All-ASCII text (the common case) encodes faster as latin1, with identical bytes.
  return Buffer.from(text, bytes === text.length ? "latin1" : "utf8");
}

function join(pieces: Buffer[], bytes: number): Buffer {
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, bytes);
}

/** A chunk `take` returned, as bytes. */
export function chunkBytes(chunk: WriteChunk): Buffer {
  return typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk;
}

/** One command as a single Buffer. */
export function encodeCommand(args: readonly CommandArg[]): Buffer {
  const encoder = new CommandEncoder();
  encoder.push(args);
  const chunks = encoder.take().map(chunkBytes);
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}
