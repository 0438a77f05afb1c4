// Just enough RESP2 reply parsing for the raw-socket floor client: simple
// strings, errors, integers and bulk strings (GET, SET and PING replies),
// across chunk boundaries.

export type MinimalReply = string | number | null | Error;

const CR = 13;

export class MinimalReplyReader {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly onReply: (reply: MinimalReply) => void) {}

  feed(chunk: Buffer): void {
    this.buffer =
      this.offset < this.buffer.length
        ? Buffer.concat([this.buffer.subarray(this.offset), chunk])
        : chunk;
    this.offset = 0;
    while (this.offset < this.buffer.length) {
      const next = this.parseOne(this.offset);
      if (next < 0) return;
      this.offset = next;
    }
  }

  /** Parses the reply at `start`; returns the offset after it, or -1 if it is incomplete. */
  private parseOne(start: number): number {
    const buffer = this.buffer;
    const lineEnd = buffer.indexOf(CR, start);
    if (lineEnd < 0 || lineEnd + 1 >= buffer.length) return -1;
    const line = buffer.toString("latin1", start + 1, lineEnd);
    const type = String.fromCharCode(buffer[start] as number);
    switch (type) {
      case "+":
        this.onReply(line);
        return lineEnd + 2;
      case "-":
        this.onReply(new Error(line));
        return lineEnd + 2;
      case ":":
        this.onReply(Number(line));
        return lineEnd + 2;
      case "$": {
        const length = Number(line);
        if (length < 0) {
          this.onReply(null);
          return lineEnd + 2;
        }
        const payloadStart = lineEnd + 2;
        const payloadEnd = payloadStart + length;
        if (payloadEnd + 2 > buffer.length) return -1;
        this.onReply(buffer.toString("utf8", payloadStart, payloadEnd));
        return payloadEnd + 2;
      }
      default:
        throw new Error(`Unexpected RESP type byte ${JSON.stringify(type)}`);
    }
  }
}
