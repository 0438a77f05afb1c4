// Beyond GLIDE: instrument through the application's own OpenTelemetry setup.
// Spans join the application's traces and go to its exporters; nothing here
// exports anything itself.
import { type MeterProvider, metrics, type TracerProvider, trace } from "@opentelemetry/api";
import { validateSamplePercentage } from "./config.js";
import { CommandRecorder } from "./recorder.js";

export interface InstrumentOptions {
  /** Default: the global provider registered with @opentelemetry/api. */
  tracerProvider?: TracerProvider;
  /** Default: the global provider; `false` records no metrics. */
  meterProvider?: MeterProvider | false;
  /** Percentage of commands traced, 0–100; default 100 (the application's sampler still applies). */
  samplePercentage?: number;
}

/** Starts instrumenting every Petrel client in the process. Returns a function that stops it. */
export function instrument(options: InstrumentOptions = {}): () => void {
  const percentage = validateSamplePercentage(options.samplePercentage ?? 100, "samplePercentage");
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer("petrel");
  const meter =
    options.meterProvider === false
      ? undefined
      : (options.meterProvider ?? metrics.getMeterProvider()).getMeter("petrel");
  const recorder = new CommandRecorder({
    tracer,
    meter,
    shouldSample: () => percentage >= 100 || (percentage > 0 && Math.random() * 100 < percentage),
    mayTrace: () => percentage > 0,
    parentSpanContext: () => undefined,
  });
  recorder.start();
  return () => recorder.stop();
}
