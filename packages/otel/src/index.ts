export {
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_SAMPLE_PERCENTAGE,
  type GlideOpenTelemetryConfig,
  type GlideSpanContext,
  type OpenTelemetryConfig,
  type OpenTelemetryMetricsConfig,
  type OpenTelemetryTracesConfig,
} from "./config.js";
export { type InstrumentOptions, instrument } from "./instrument.js";
export { maskedQueryText } from "./masking.js";
export { OpenTelemetry } from "./open-telemetry.js";
export { metricNames } from "./recorder.js";
