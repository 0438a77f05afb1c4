// A minimal protobuf reader for the OTLP messages the gRPC test receives:
// enough wire-format decoding to walk fields by number, nothing more.

export type Field =
  | { no: number; wire: 0; value: bigint }
  | { no: number; wire: 1; value: Buffer }
  | { no: number; wire: 2; value: Buffer }
  | { no: number; wire: 5; value: Buffer };

function readVarint(buf: Buffer, start: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  let pos = start;
  for (;;) {
    const byte = buf[pos++];
    if (byte === undefined) throw new Error("truncated varint");
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

export function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    pos = afterKey;
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      out.push({ no, wire, value });
      pos = next;
    } else if (wire === 1) {
      out.push({ no, wire, value: buf.subarray(pos, pos + 8) });
      pos += 8;
    } else if (wire === 2) {
      const [length, next] = readVarint(buf, pos);
      const end = next + Number(length);
      out.push({ no, wire, value: buf.subarray(next, end) });
      pos = end;
    } else if (wire === 5) {
      out.push({ no, wire, value: buf.subarray(pos, pos + 4) });
      pos += 4;
    } else {
      throw new Error(`unsupported wire type ${wire}`);
    }
  }
  return out;
}

export function messages(buf: Buffer, no: number): Buffer[] {
  return fields(buf)
    .filter((f): f is Extract<Field, { wire: 2 }> => f.no === no && f.wire === 2)
    .map((f) => f.value);
}

export function text(buf: Buffer, no: number): string | undefined {
  return messages(buf, no)[0]?.toString("utf8");
}

export function varint(buf: Buffer, no: number): bigint | undefined {
  const field = fields(buf).find((f) => f.no === no && f.wire === 0);
  return field?.wire === 0 ? field.value : undefined;
}

export interface DecodedSpan {
  name: string;
  spanId: string;
  parentSpanId: string;
  attributes: Record<string, string | number | boolean>;
  statusCode: number;
}

function anyValue(buf: Buffer): string | number | boolean {
  for (const f of fields(buf)) {
    if (f.no === 1 && f.wire === 2) return f.value.toString("utf8");
    if (f.no === 2 && f.wire === 0) return f.value !== 0n;
    if (f.no === 3 && f.wire === 0) return Number(BigInt.asIntN(64, f.value));
    if (f.no === 4 && f.wire === 1) return f.value.readDoubleLE(0);
  }
  return "";
}

/** ExportTraceServiceRequest → spans. */
export function decodeTraceRequest(buf: Buffer): DecodedSpan[] {
  const spans: DecodedSpan[] = [];
  for (const resourceSpans of messages(buf, 1)) {
    for (const scopeSpans of messages(resourceSpans, 2)) {
      for (const span of messages(scopeSpans, 2)) {
        const attributes: DecodedSpan["attributes"] = {};
        for (const kv of messages(span, 9)) {
          const key = text(kv, 1) ?? "";
          const value = messages(kv, 2)[0];
          attributes[key] = value ? anyValue(value) : "";
        }
        const status = messages(span, 15)[0];
        spans.push({
          name: text(span, 5) ?? "",
          spanId: (messages(span, 2)[0] ?? Buffer.alloc(0)).toString("hex"),
          parentSpanId: (messages(span, 4)[0] ?? Buffer.alloc(0)).toString("hex"),
          attributes,
          statusCode: status ? Number(varint(status, 3) ?? 0n) : 0,
        });
      }
    }
  }
  return spans;
}

/** ExportMetricsServiceRequest → metric names. */
export function decodeMetricNames(buf: Buffer): string[] {
  const names: string[] = [];
  for (const resourceMetrics of messages(buf, 1)) {
    for (const scopeMetrics of messages(resourceMetrics, 2)) {
      for (const metric of messages(scopeMetrics, 2)) names.push(text(metric, 1) ?? "");
    }
  }
  return names;
}
