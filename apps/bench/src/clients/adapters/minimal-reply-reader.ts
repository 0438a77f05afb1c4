// Just enough RESP2 reply parsing for the raw-socket floor client: simple
// strings, errors, integers and bulk strings (GET, SET and PING replies),
// across chunk boundaries. A byte-at-a-time state machine that keeps nothing
// between chunks but a few numbers: no per-reply allocation, no joined chunks.
// A bulk reply is its length (the floor does not decode values); "OK" and
// "PONG" are shared constants, and only an error or another status allocates.

export type MinimalReply = string | number | null | Error;

const CR = 13;
const LF = 10;
const MINUS = 45;
const PLUS = 43;
const COLON = 58;
const DOLLAR = 36;

const STATE_TYPE = 0;
const STATE_LINE = 1;
const STATE_LF = 2;
const STATE_PAYLOAD = 3;

/** Longest status or error text kept; the rest of a longer line is dropped. */
const LINE_BYTES = 256;

export class MinimalReplyReader {
  private state = STATE_TYPE;
  private type = 0;
  private negative = false;
  private integer = 0;
  private readonly line = Buffer.alloc(LINE_BYTES);
  private lineLength = 0;
  /** Payload bytes plus CRLF still to skip. */
  private skip = 0;
  private bulkLength = 0;

  constructor(private readonly onReply: (reply: MinimalReply) => void) {}

  feed(chunk: Buffer): void {
    const end = chunk.length;
    let pos = 0;
    while (pos < end) {
      switch (this.state) {
        case STATE_TYPE: {
          const type = chunk[pos++] as number;
          if (type !== PLUS && type !== MINUS && type !== COLON && type !== DOLLAR) {
            throw new Error(
              `Unexpected RESP type byte ${JSON.stringify(String.fromCharCode(type))}`,
            );
          }
          this.type = type;
          this.negative = false;
          this.integer = 0;
          this.lineLength = 0;
          this.state = STATE_LINE;
          break;
        }
        case STATE_LINE: {
          const byte = chunk[pos++] as number;
          if (byte === CR) this.state = STATE_LF;
          else if (this.type === PLUS || this.type === MINUS) {
            if (this.lineLength < LINE_BYTES) this.line[this.lineLength++] = byte;
          } else if (byte === MINUS) this.negative = true;
          else this.integer = this.integer * 10 + (byte - 48);
          break;
        }
        case STATE_LF: {
          if (chunk[pos++] !== LF) throw new Error("RESP line not ended by CRLF");
          this.state = STATE_TYPE;
          this.lineEnded();
          break;
        }
        default: {
          const taken = Math.min(this.skip, end - pos);
          pos += taken;
          this.skip -= taken;
          if (this.skip === 0) {
            this.state = STATE_TYPE;
            this.onReply(this.bulkLength);
          }
        }
      }
    }
  }

  private lineEnded(): void {
    const value = this.negative ? -this.integer : this.integer;
    switch (this.type) {
      case PLUS:
        this.onReply(this.status());
        return;
      case MINUS:
        this.onReply(new Error(this.line.toString("latin1", 0, this.lineLength)));
        return;
      case COLON:
        this.onReply(value);
        return;
      default:
        if (value < 0) {
          this.onReply(null);
          return;
        }
        this.bulkLength = value;
        this.skip = value + 2;
        this.state = STATE_PAYLOAD;
    }
  }

  private status(): string {
    const line = this.line;
    if (this.lineLength === 2 && line[0] === 79 && line[1] === 75) return "OK";
    if (this.lineLength === 4 && line.toString("latin1", 0, 4) === "PONG") return "PONG";
    return line.toString("latin1", 0, this.lineLength);
  }
}
