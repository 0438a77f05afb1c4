// GLIDE's OpenTelemetry entry point: once per process, its own exporters.
// It builds private tracer and meter providers rather than registering global
// ones, so it never replaces an application's own OpenTelemetry setup.

import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ConfigurationError } from "@petrel/protocol";
import {
  type GlideOpenTelemetryConfig,
  type GlideSpanContext,
  validateConfig,
  validateSamplePercentage,
} from "./config.js";
import { createMetricExporter, createSpanExporter } from "./exporters.js";
import { CommandRecorder } from "./recorder.js";

const instrumentationName = "petrel";

interface State {
  samplePercentage: number | undefined;
  parentProvider: (() => GlideSpanContext | undefined) | undefined;
  recorder: CommandRecorder;
  tracerProvider: BasicTracerProvider | undefined;
  meterProvider: MeterProvider | undefined;
}

let state: State | undefined;

export class OpenTelemetry {
  /**
   * Starts exporting traces and/or metrics. Only the first call in a process takes effect;
   * later calls are ignored with a warning. Invalid configuration throws synchronously.
   */
  static init(config: GlideOpenTelemetryConfig): void {
    if (state) {
      process.emitWarning(
        "OpenTelemetry.init was already called in this process; this call is ignored",
        { code: "PETREL_OTEL_ALREADY_INITIALIZED" },
      );
      return;
    }
    const valid = validateConfig(config);
    const resource = resourceFromAttributes({ "service.name": "petrel" });
    const tracerProvider = valid.traces
      ? new BasicTracerProvider({
          resource,
          spanProcessors: [
            new BatchSpanProcessor(createSpanExporter(valid.traces.endpoint), {
              scheduledDelayMillis: valid.flushIntervalMs,
            }),
          ],
        })
      : undefined;
    const meterProvider = valid.metrics
      ? new MeterProvider({
          resource,
          readers: [
            new PeriodicExportingMetricReader({
              exporter: createMetricExporter(valid.metrics.endpoint),
              exportIntervalMillis: valid.flushIntervalMs,
            }),
          ],
        })
      : undefined;
    const current: State = {
      samplePercentage: valid.traces?.samplePercentage,
      parentProvider: config.parentSpanContextProvider,
      tracerProvider,
      meterProvider,
      recorder: new CommandRecorder({
        tracer: tracerProvider?.getTracer(instrumentationName),
        meter: meterProvider?.getMeter(instrumentationName),
        shouldSample: () => OpenTelemetry.shouldSample(),
        mayTrace: () => (current.samplePercentage ?? 0) > 0,
        parentSpanContext: () => current.parentProvider?.(),
      }),
    };
    current.recorder.start();
    state = current;
  }

  static isInitialized(): boolean {
    return state !== undefined;
  }

  /** The trace sample percentage, or undefined without traces. */
  static getSamplePercentage(): number | undefined {
    return state?.samplePercentage;
  }

  /** True for the share of calls given by the sample percentage. */
  static shouldSample(): boolean {
    const percentage = state?.samplePercentage;
    if (percentage === undefined || percentage <= 0) return false;
    return percentage >= 100 || Math.random() * 100 < percentage;
  }

  /** Changes the sample percentage at runtime. Throws when traces are not configured. */
  static setSamplePercentage(percentage: number): void {
    if (!state || state.samplePercentage === undefined) {
      throw new ConfigurationError("OpenTelemetry traces are not initialized");
    }
    state.samplePercentage = validateSamplePercentage(percentage, "samplePercentage");
    state.recorder.refresh();
  }

  /** Registers or replaces (or, with undefined, removes) the parent span context callback. */
  static setParentSpanContextProvider(
    provider: (() => GlideSpanContext | undefined) | undefined,
  ): void {
    if (!state) throw new ConfigurationError("OpenTelemetry is not initialized");
    if (provider !== undefined && typeof provider !== "function") {
      throw new ConfigurationError("parentSpanContextProvider must be a function");
    }
    state.parentProvider = provider;
  }

  /** Petrel extension: exports everything recorded so far. */
  static async forceFlush(): Promise<void> {
    await Promise.all([state?.tracerProvider?.forceFlush(), state?.meterProvider?.forceFlush()]);
  }

  /** Petrel extension: flushes and stops recording. `init` stays spent for this process. */
  static async shutdown(): Promise<void> {
    if (!state) return;
    state.recorder.stop();
    await Promise.all([state.tracerProvider?.shutdown(), state.meterProvider?.shutdown()]);
  }
}
