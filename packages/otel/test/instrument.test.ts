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
import { type CacheMessage, channels } from "@petrel/client";
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

  it("counts the client-side cache's events", async () => {
    const stop = instrument();
    const events: CacheMessage["event"][] = ["hit", "hit", "miss", "eviction", "invalidation"];
    for (const event of events) {
      channels.cache.publish({ cacheId: "c1", event, count: event === "invalidation" ? 3 : 1 });
    }
    stop();
    await reader.forceFlush();
    const points = new Map<string, number>();
    for (const resource of metricExporter.getMetrics())
      for (const scope of resource.scopeMetrics)
        for (const metric of scope.metrics)
          for (const point of metric.dataPoints)
            if (metric.descriptor.name.startsWith("petrel.client_side_cache."))
              points.set(metric.descriptor.name, point.value as number);
    expect(Object.fromEntries(points)).toMatchObject({
      "petrel.client_side_cache.hits": 2,
      "petrel.client_side_cache.misses": 1,
      "petrel.client_side_cache.evictions": 1,
      "petrel.client_side_cache.invalidations": 3,
    });
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
