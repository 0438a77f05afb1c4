// Short strings cut from a Latin-1 copy of the next few KiB of the chunk. While
// that stretch is ASCII, Latin-1 and UTF-8 agree, and a substring costs far less
// than one native Buffer-to-string call per value, which dominates decoding of
// small replies.

/** V8 copies substrings up to this length; longer ones would be views keeping the window alive. */
const COPIED_SUBSTRING = 12;
/** Strings up to this many bytes use the window, as one or two copied substrings. */
export const SHORT_STRING_BYTES = 2 * COPIED_SUBSTRING;
const WINDOW_BYTES = 4096;
const HIGH_BYTE = /[\u0080-\u00ff]/g;

export class TextWindow {
  #source: Buffer | null = null;
  #start = 0;
  #end = 0;
  #text = "";
  /** First byte >= 0x80 at or after the last searched position, or `end`; -1: not searched. */
  #highByte = -1;

  /**
   * `buf[start, stop)` decoded as UTF-8, for at most SHORT_STRING_BYTES bytes. Substrings
   * that short are copies, so they never keep the window text alive.
   */
  read(buf: Buffer, start: number, stop: number): string {
    if (start === stop) return "";
    if (buf !== this.#source || start < this.#start || stop > this.#end) {
      const end = Math.min(buf.length, start + WINDOW_BYTES);
      this.#source = buf;
      this.#start = start;
      this.#end = end;
      this.#text = buf.toString("latin1", start, end);
      this.#highByte = -1;
    }
    let high = this.#highByte;
    if (high < start) {
      HIGH_BYTE.lastIndex = start - this.#start;
      const found = HIGH_BYTE.exec(this.#text);
      high = found === null ? this.#end : this.#start + found.index;
      this.#highByte = high;
    }
    if (stop > high) return buf.toString("utf8", start, stop);
    const from = start - this.#start;
    const to = stop - this.#start;
    if (to - from <= COPIED_SUBSTRING) return this.#text.slice(from, to);
    // Two copied halves: V8 joins them with a small cons cell that holds no window.
    return (
      this.#text.slice(from, from + COPIED_SUBSTRING) +
      this.#text.slice(from + COPIED_SUBSTRING, to)
    );
  }

  /**
   * Forgets the chunk, which the caller may reuse once decoding returns. Also required
   * before reading from a Buffer whose bytes changed since the last read.
   */
  release(): void {
    this.#source = null;
  }
}
