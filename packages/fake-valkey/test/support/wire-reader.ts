// Reads server replies into a typed, comparable form that keeps every RESP
// type distinction (simple vs bulk string, integer vs double, map vs array),
// so differential tests compare exactly what went over the wire:
//   +OK → "+OK", -ERR x → "-ERR x", :5 → ":5", $abc → "$abc", ,1.5 → ",1.5",
//   #t → "#t", (12 → "(12", =txt:x → "=txt:x", !x → "!x", _ → null,
//   $-1 → { nil: "$" }, *-1 → { nil: "*" }, arrays → [..], maps → { map: [[k, v], ..] },
//   sets → { set: [..] }, pushes → { push: [..] }, attributes → { attribute: [[k, v], ..], value }.

export type WireFrame =
  | string
  | null
  | { readonly nil: "$" | "*" }
  | WireFrame[]
  | { readonly map: [WireFrame, WireFrame][] }
  | { readonly set: WireFrame[] }
  | { readonly push: WireFrame[] }
  | { readonly attribute: [WireFrame, WireFrame][]; readonly value: WireFrame };

const INCOMPLETE = Symbol("incomplete");

export class WireReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** Chunks kept apart until a large bulk string can be complete, so it is merged once. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private needed = 0;

  feed(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
  }

  /** Every complete frame buffered so far. */
  drain(): WireFrame[] {
    const frames: WireFrame[] = [];
    if (this.buffer.length + this.pendingBytes < this.needed) return frames;
    this.buffer = Buffer.concat([this.buffer, ...this.pending]);
    this.pending = [];
    this.pendingBytes = 0;
    this.needed = 0;
    for (;;) {
      const result = this.parse(0);
      if (result === INCOMPLETE) return frames;
      frames.push(result.frame);
      this.buffer = this.buffer.subarray(result.end);
    }
  }

  private line(from: number): { text: string; next: number } | typeof INCOMPLETE {
    const end = this.buffer.indexOf("\r\n", from, "latin1");
    if (end < 0) return INCOMPLETE;
    return { text: this.buffer.toString("latin1", from, end), next: end + 2 };
  }

  private parse(at: number): { frame: WireFrame; end: number } | typeof INCOMPLETE {
    if (at >= this.buffer.length) return INCOMPLETE;
    const marker = String.fromCharCode(this.buffer[at] as number);
    const header = this.line(at + 1);
    if (header === INCOMPLETE) return INCOMPLETE;
    const { text, next } = header;
    switch (marker) {
      case "+":
      case "-":
      case ":":
      case ",":
      case "#":
      case "(":
        return { frame: marker + text, end: next };
      case "_":
        return { frame: null, end: next };
      case "$":
      case "=":
      case "!": {
        const length = Number(text);
        if (length < 0) return { frame: { nil: "$" }, end: next };
        if (this.buffer.length < next + length + 2) {
          this.needed = Math.max(this.needed, next + length + 2);
          return INCOMPLETE;
        }
        return {
          frame: marker + this.buffer.toString("latin1", next, next + length),
          end: next + length + 2,
        };
      }
      case "*":
      case "~":
      case ">":
      case "%":
      case "|": {
        const count = Number(text);
        if (count < 0) return { frame: { nil: "*" }, end: next };
        const items = marker === "%" || marker === "|" ? count * 2 : count;
        const values: WireFrame[] = [];
        let position = next;
        for (let i = 0; i < items; i++) {
          const item = this.parse(position);
          if (item === INCOMPLETE) return INCOMPLETE;
          values.push(item.frame);
          position = item.end;
        }
        if (marker === "*") return { frame: values, end: position };
        if (marker === "~") return { frame: { set: values }, end: position };
        if (marker === ">") return { frame: { push: values }, end: position };
        const pairs: [WireFrame, WireFrame][] = [];
        for (let i = 0; i < values.length; i += 2)
          pairs.push([values[i] as WireFrame, values[i + 1] as WireFrame]);
        if (marker === "%") return { frame: { map: pairs }, end: position };
        const value = this.parse(position);
        if (value === INCOMPLETE) return INCOMPLETE;
        return { frame: { attribute: pairs, value: value.frame }, end: value.end };
      }
      default:
        throw new Error(`unexpected RESP type byte ${JSON.stringify(marker)}`);
    }
  }
}

/** Whether a frame is an error reply. */
export function isErrorFrame(frame: WireFrame): frame is string {
  return typeof frame === "string" && (frame.startsWith("-") || frame.startsWith("!"));
}
