// One exporter per signal and endpoint. OTLP over HTTP and gRPC come from the
// OpenTelemetry JS SDK; only the file exporter is written here.
import { OTLPMetricExporter as GrpcMetricExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import { OTLPMetricExporter as HttpMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as HttpTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import type { PushMetricExporter } from "@opentelemetry/sdk-metrics";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { Endpoint } from "./config.js";
import { FileMetricExporter, FileSpanExporter } from "./file-exporter.js";

export function createSpanExporter(endpoint: Endpoint): SpanExporter {
  switch (endpoint.kind) {
    case "http":
      return new HttpTraceExporter({ url: endpoint.url });
    case "grpc":
      return new GrpcTraceExporter({ url: endpoint.url });
    case "file":
      return new FileSpanExporter(endpoint.path);
  }
}

export function createMetricExporter(endpoint: Endpoint): PushMetricExporter {
  switch (endpoint.kind) {
    case "http":
      return new HttpMetricExporter({ url: endpoint.url });
    case "grpc":
      return new GrpcMetricExporter({ url: endpoint.url });
    case "file":
      return new FileMetricExporter(endpoint.path);
  }
}
