// The file:// exporter: one JSON object per line, appended. Spans and metric
// points share the file (GLIDE's `signals.json`), told apart by `signal`.
import { appendFile } from "node:fs/promises";
import { type ExportResult, ExportResultCode, hrTimeToNanoseconds } from "@opentelemetry/core";
import {
  AggregationTemporality,
  DataPointType,
  type PushMetricExporter,
  type ResourceMetrics,
} from "@opentelemetry/sdk-metrics";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/** Appends lines to one file, one write at a time, in order. */
class LineAppender {
  #queue: Promise<void> = Promise.resolve();
  constructor(readonly path: string) {}

  append(lines: string[], done: (result: ExportResult) => void): void {
    if (lines.length === 0) {
      done({ code: ExportResultCode.SUCCESS });
      return;
    }
    const text = `${lines.join("\n")}\n`;
    this.#queue = this.#queue.then(() =>
      appendFile(this.path, text).then(
        () => done({ code: ExportResultCode.SUCCESS }),
        (error: Error) => done({ code: ExportResultCode.FAILED, error }),
      ),
    );
  }

  drain(): Promise<void> {
    return this.#queue;
  }
}

const appenders = new Map<string, LineAppender>();
function appenderFor(path: string): LineAppender {
  let appender = appenders.get(path);
  if (!appender) {
    appender = new LineAppender(path);
    appenders.set(path, appender);
  }
  return appender;
}

export function spanToJson(span: ReadableSpan): Record<string, unknown> {
  const context = span.spanContext();
  return {
    signal: "span",
    name: span.name,
    traceId: context.traceId,
    spanId: context.spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    kind: span.kind,
    startTimeUnixNano: String(hrTimeToNanoseconds(span.startTime)),
    endTimeUnixNano: String(hrTimeToNanoseconds(span.endTime)),
    attributes: span.attributes,
    status: span.status,
    scope: span.instrumentationScope.name,
  };
}

export class FileSpanExporter implements SpanExporter {
  readonly #appender: LineAppender;
  constructor(path: string) {
    this.#appender = appenderFor(path);
  }
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.#appender.append(
      spans.map((span) => JSON.stringify(spanToJson(span))),
      resultCallback,
    );
  }
  forceFlush(): Promise<void> {
    return this.#appender.drain();
  }
  shutdown(): Promise<void> {
    return this.#appender.drain();
  }
}

export function metricsToJson(metrics: ResourceMetrics): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  for (const scope of metrics.scopeMetrics) {
    for (const metric of scope.metrics) {
      lines.push({
        signal: "metric",
        name: metric.descriptor.name,
        unit: metric.descriptor.unit,
        type: DataPointType[metric.dataPointType],
        dataPoints: metric.dataPoints.map((point) => ({
          attributes: point.attributes,
          startTimeUnixNano: String(hrTimeToNanoseconds(point.startTime)),
          endTimeUnixNano: String(hrTimeToNanoseconds(point.endTime)),
          value: point.value,
        })),
      });
    }
  }
  return lines;
}

export class FileMetricExporter implements PushMetricExporter {
  readonly #appender: LineAppender;
  constructor(path: string) {
    this.#appender = appenderFor(path);
  }
  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    this.#appender.append(
      metricsToJson(metrics).map((line) => JSON.stringify(line)),
      resultCallback,
    );
  }
  selectAggregationTemporality(): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }
  forceFlush(): Promise<void> {
    return this.#appender.drain();
  }
  shutdown(): Promise<void> {
    return this.#appender.drain();
  }
}
