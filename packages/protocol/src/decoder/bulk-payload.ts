// A bulk payload that crosses chunk boundaries, taken in piece by piece as the chunks
// arrive so that the chunks themselves are not kept: as text, each piece is decoded at
// once; as bytes, the pieces are copied into memory of exactly the payload's length,
// allocated once, so nothing is joined at the end.

import { StringDecoder } from "node:string_decoder";

/**
 * Payloads up to this length are allocated when their first piece arrives; a longer one
 * once an eighth of it has arrived, so a false length never costs more than eight times
 * the bytes received.
 */
const EAGER_BYTES = 1024 * 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Payloads up to SLAB_PAYLOAD_BYTES are carved, in arrival order, from blocks of
 * SLAB_BYTES shared by every decoder, rather than allocated one by one. A malloc and free
 * of 64 KiB or more per reply makes glibc trim its heap now and then and fault the pages
 * back in, reply after reply: runs of 64 KiB GETs as bytes fell to a third of their
 * throughput (page faults x5). The price: a reply kept for long keeps its whole block.
 */
const SLAB_BYTES = 512 * 1024;
const SLAB_PAYLOAD_BYTES = 128 * 1024;
let slab: Buffer | undefined;
let slabOffset = 0;

/** Memory for a payload of `length` bytes that the decoder fills. */
function payloadMemory(length: number): Buffer {
  if (length > SLAB_PAYLOAD_BYTES) return Buffer.allocUnsafe(length);
  if (slab === undefined || SLAB_BYTES - slabOffset < length) {
    slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
    slabOffset = 0;
  }
  const memory = slab.subarray(slabOffset, slabOffset + length);
  // 8-byte aligned, as typed-array views of a reply may need.
  slabOffset += (length + 7) & ~7;
  return memory;
}

export class BulkPayload {
  /** Payload bytes received so far. */
  received = 0;
  #length = 0;
  #asText = false;
  #text = "";
  /** Carries a UTF-8 sequence split between pieces. */
  readonly #utf8 = new StringDecoder("utf8");
  /** The payload's one allocation, once made. */
  #target: Buffer | undefined;
  /** Pieces not copied yet: the whole payload in one chunk, or a long one's first pieces. */
  #parts: Buffer[] = [];

  /** Starts a payload of `length` bytes, decoded as UTF-8 text or kept as bytes. */
  begin(length: number, asText: boolean): void {
    this.#length = length;
    this.#asText = asText;
  }

  /**
   * The payload's bytes still to come, when it is bytes in its own allocation: a reader may
   * read into it and collect that view, which is then not copied.
   */
  room(): Buffer | undefined {
    const target = this.#target;
    return target === undefined ? undefined : target.subarray(this.received);
  }

  /**
   * Takes in `buf[start, stop)`, the next piece. Returns true when the piece is kept as a
   * view of `buf` (the payload sits in that one chunk, or it is long and an eighth of it has
   * not arrived yet), false when it was decoded or copied.
   */
  collect(buf: Buffer, start: number, stop: number): boolean {
    const size = stop - start;
    const received = this.received + size;
    this.received = received;
    if (this.#asText) {
      this.#text += this.#utf8.write(buf.subarray(start, stop));
      return false;
    }
    let target = this.#target;
    if (target === undefined) {
      const length = this.#length;
      if (
        (received === size && received === length) ||
        (length > EAGER_BYTES && received * 8 < length)
      ) {
        this.#parts.push(buf.subarray(start, stop));
        return true;
      }
      target = payloadMemory(length);
      let offset = 0;
      for (const part of this.#parts) {
        part.copy(target, offset);
        offset += part.length;
      }
      this.#parts = [];
      this.#target = target;
    }
    // Read straight into its place (see room()): nothing to copy.
    if (
      buf.buffer === target.buffer &&
      buf.byteOffset + start === target.byteOffset + received - size
    ) {
      return false;
    }
    buf.copy(target, received - size, start, stop);
    return false;
  }

  /** The whole payload, once every byte was collected: text, or its bytes. */
  finish(): string | Buffer {
    const value = this.#asText
      ? this.#text + this.#utf8.end()
      : // No target: the payload sat in one chunk (or was empty).
        (this.#target ?? this.#parts[0] ?? EMPTY);
    this.#asText = false;
    this.clear();
    return value;
  }

  /** Drops what was collected. */
  clear(): void {
    this.received = 0;
    this.#target = undefined;
    if (this.#parts.length > 0) this.#parts = [];
    if (this.#text !== "") this.#text = "";
    // Forgets a partial UTF-8 sequence.
    if (this.#asText) this.#utf8.end();
    this.#asText = false;
  }
}
