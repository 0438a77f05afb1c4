import { channels } from "@petrel/client";
import { afterAll, describe, expect, it } from "vitest";
import { OpenTelemetry } from "../src/index.js";
import { type HttpReceiver, startHttpReceiver, waitFor } from "./support/receivers.js";
import { simulateRequest } from "./support/simulate.js";

interface JsonSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

let receiver: HttpReceiver;

function spans(): JsonSpan[] {
  return receiver.bodies
    .filter((b) => b.path === "/v1/traces")
    .flatMap((b) =>
      (
        b.json as { resourceSpans: { scopeSpans: { spans: JsonSpan[] }[] }[] }
      ).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)),
    );
}

describe("OpenTelemetry over OTLP/HTTP", () => {
  afterAll(async () => {
    await OpenTelemetry.shutdown();
    await receiver.close();
  });

  it("exports spans and GLIDE's counters to an HTTP collector", async () => {
    receiver = await startHttpReceiver();
    OpenTelemetry.init({
      traces: { endpoint: `${receiver.url}/v1/traces`, samplePercentage: 100 },
      metrics: { endpoint: `${receiver.url}/v1/metrics` },
      flushIntervalMs: 100,
    });
    simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "key"] });
    channels.timeout.publish({ requestId: 1, timeoutMs: 250 });
    channels.retry.publish({ requestId: 1, reason: "tryAgain", attempt: 1 });
    channels.redirect.publish({
      requestId: 1,
      kind: "MOVED",
      slot: 1,
      host: "127.0.0.1",
      port: 7002,
    });
    channels.redirect.publish({
      requestId: 1,
      kind: "ASK",
      slot: 1,
      host: "127.0.0.1",
      port: 7002,
    });
    await OpenTelemetry.forceFlush();
    await waitFor(() => spans().some((s) => s.name === "Get"));
    const get = spans().find((s) => s.name === "Get");
    const send = spans().find((s) => s.name === "send_command");
    expect(send?.parentSpanId).toBe(get?.spanId);
    expect(get?.attributes.find((a) => a.key === "db.query.text")?.value).toEqual({
      stringValue: "GET ?",
    });

    const metricBody = JSON.stringify(
      receiver.bodies.filter((b) => b.path === "/v1/metrics").map((b) => b.json),
    );
    for (const name of ["glide.timeout_errors", "glide.retry_attempts", "glide.moved_errors"]) {
      expect(metricBody).toContain(name);
    }
  });
});
