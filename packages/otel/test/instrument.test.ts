// Beyond GLIDE: Petrel spans through the application's own global providers.
import { metrics, trace } from "@opentelemetry/api";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { channels } from "@petrel/client";
import { afterAll, describe, expect, it } from "vitest";
import { instrument } from "../src/index.js";
import { simulateRequest } from "./support/simulate.js";

const spans = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({
  spanProcessors: [new SimpleSpanProcessor(spans)],
});
const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
const reader = new PeriodicExportingMetricReader({
  exporter: metricExporter,
  exportIntervalMillis: 60_000,
});
const meterProvider = new MeterProvider({ readers: [reader] });
trace.setGlobalTracerProvider(tracerProvider);
metrics.setGlobalMeterProvider(meterProvider);

afterAll(async () => {
  await tracerProvider.shutdown();
  await meterProvider.shutdown();
});

describe("instrument()", () => {
  it("records through the globally registered providers, and stops when asked", async () => {
    const stop = instrument();
    simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "k"], port: 7100 });
    expect(
      spans
        .getFinishedSpans()
        .map((s) => s.name)
        .sort(),
    ).toEqual(["Get", "send_command"]);
    const get = spans.getFinishedSpans().find((s) => s.name === "Get");
    expect(get?.attributes["server.port"]).toBe(7100);

    await reader.forceFlush();
    const names = metricExporter
      .getMetrics()
      .flatMap((m) =>
        m.scopeMetrics.flatMap((s) => s.metrics.map((metric) => metric.descriptor.name)),
      );
    expect(names).toContain("db.client.operation.duration");

    stop();
    spans.reset();
    simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "k"] });
    expect(spans.getFinishedSpans()).toHaveLength(0);
  });

  it("honours its own sample percentage", () => {
    const stop = instrument({ samplePercentage: 0, meterProvider: false });
    // Nothing to record per command: the client must not even build the messages.
    expect(channels.commandStart.hasSubscribers).toBe(false);
    spans.reset();
    for (let i = 0; i < 20; i++)
      simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "k"] });
    expect(spans.getFinishedSpans()).toHaveLength(0);
    stop();
    expect(() => instrument({ samplePercentage: 200 })).toThrow(/between 0 and 100/);
  });
});
