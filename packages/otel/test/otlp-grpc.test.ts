import { channels } from "@petrel/client";
import { afterAll, describe, expect, it } from "vitest";
import { OpenTelemetry } from "../src/index.js";
import { decodeMetricNames, decodeTraceRequest } from "./support/protobuf.js";
import { type GrpcReceiver, startGrpcReceiver, waitFor } from "./support/receivers.js";
import { simulateRequest } from "./support/simulate.js";

let receiver: GrpcReceiver;

describe("OpenTelemetry over OTLP/gRPC", () => {
  afterAll(async () => {
    await OpenTelemetry.shutdown();
    await receiver.close();
  });

  it("exports nested spans and metrics to a gRPC collector", async () => {
    receiver = await startGrpcReceiver();
    OpenTelemetry.init({
      traces: { endpoint: receiver.endpoint, samplePercentage: 100 },
      metrics: { endpoint: receiver.endpoint },
      flushIntervalMs: 100,
    });
    simulateRequest({ name: "HSET", glideName: "HSet", args: ["HSET", "h", "f", "v"], port: 7005 });
    channels.timeout.publish({ requestId: 2, timeoutMs: 250 });
    await OpenTelemetry.forceFlush();
    await waitFor(() => receiver.traces.length > 0 && receiver.metrics.length > 0);
    const spans = receiver.traces.flatMap(decodeTraceRequest);
    const hset = spans.find((s) => s.name === "HSet");
    const send = spans.find((s) => s.name === "send_command");
    expect(hset?.attributes["db.query.text"]).toBe("HSET ? ? ?");
    expect(hset?.attributes["server.port"]).toBe(7005);
    expect(hset?.statusCode).toBe(1);
    expect(send?.parentSpanId).toBe(hset?.spanId);
    const names = receiver.metrics.flatMap(decodeMetricNames);
    expect(names).toContain("glide.timeout_errors");
    expect(names).toContain("db.client.operation.duration");
  });
});
