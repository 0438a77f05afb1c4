import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RequestError } from "@petrel/protocol";
import { describe, expect, it, vi } from "vitest";
import { OpenTelemetry } from "../src/index.js";
import { simulateRequest } from "./support/simulate.js";

const dir = mkdtempSync(join(tmpdir(), "petrel-otel-file-"));
const file = join(dir, "signals.json");
writeFileSync(file, '{"signal":"earlier run"}\n');

function lines(): Record<string, unknown>[] {
  return readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("OpenTelemetry with a file:// endpoint", () => {
  it("validates before initialising", () => {
    expect(() => OpenTelemetry.init({ traces: { endpoint: "ftp://x" } })).toThrow(
      /unsupported scheme/,
    );
    expect(OpenTelemetry.isInitialized()).toBe(false);
    expect(() => OpenTelemetry.setSamplePercentage(5)).toThrow(/not initialized/);
  });

  it("writes spans and metrics as JSON lines, appended to the directory's signals.json", async () => {
    OpenTelemetry.init({
      traces: { endpoint: pathToFileURL(dir).href, samplePercentage: 100 },
      metrics: { endpoint: pathToFileURL(dir).href },
      flushIntervalMs: 60_000,
    });
    expect(OpenTelemetry.isInitialized()).toBe(true);
    expect(OpenTelemetry.getSamplePercentage()).toBe(100);

    simulateRequest({
      name: "SET",
      glideName: "Set",
      args: ["SET", "user:1", "top-secret"],
      port: 7001,
      database: 3,
    });
    simulateRequest({
      name: "LPOP",
      glideName: "LPop",
      args: ["LPOP", "k"],
      error: new RequestError("WRONGTYPE Operation against a key holding the wrong kind of value"),
    });
    await OpenTelemetry.forceFlush();

    const all = lines();
    expect(all[0]).toEqual({ signal: "earlier run" });
    const spans = all.filter((l) => l.signal === "span");
    const set = spans.find((s) => s.name === "Set");
    const setSend = spans.find((s) => s.name === "send_command" && s.parentSpanId === set?.spanId);
    expect(set).toBeDefined();
    expect(setSend).toBeDefined();
    expect(set?.attributes).toMatchObject({
      "db.system.name": "valkey",
      "db.operation.name": "SET",
      "db.namespace": "3",
      "db.query.text": "SET ? ?",
      "server.address": "127.0.0.1",
      "server.port": 7001,
    });
    expect(set?.status).toEqual({ code: 1 });
    const lpop = spans.find((s) => s.name === "LPop");
    expect(lpop?.status).toEqual({ code: 2, message: "RequestError" });
    expect(lpop?.attributes).toMatchObject({ "error.type": "RequestError" });

    const text = readFileSync(file, "utf8");
    expect(text).not.toContain("top-secret");
    expect(text).not.toContain("user:1");

    const metricNames = all.filter((l) => l.signal === "metric").map((l) => l.name);
    expect(metricNames).toContain("db.client.operation.duration");
  });

  it("samples at the rate set at runtime", async () => {
    const spansNamed = (name: string) =>
      lines().filter((l) => l.signal === "span" && l.name === name).length;
    OpenTelemetry.setSamplePercentage(0);
    expect(OpenTelemetry.shouldSample()).toBe(false);
    for (let i = 0; i < 50; i++)
      simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "k"] });
    await OpenTelemetry.forceFlush();
    expect(spansNamed("Get")).toBe(0);
    OpenTelemetry.setSamplePercentage(100);
    for (let i = 0; i < 5; i++)
      simulateRequest({ name: "GET", glideName: "Get", args: ["GET", "k"] });
    await OpenTelemetry.forceFlush();
    expect(spansNamed("Get")).toBe(5);
    expect(() => OpenTelemetry.setSamplePercentage(150)).toThrow(/between 0 and 100/);
  });

  it("nests spans under the parent span context the provider returns", async () => {
    OpenTelemetry.setParentSpanContextProvider(() => ({
      traceId: "0af7651916cd43dd8448eb211c80319c",
      spanId: "b7ad6b7169203331",
      traceFlags: 1,
    }));
    simulateRequest({ name: "INCR", glideName: "Incr", args: ["INCR", "n"] });
    OpenTelemetry.setParentSpanContextProvider(undefined);
    await OpenTelemetry.forceFlush();
    const incr = lines().find((l) => l.name === "Incr");
    expect(incr?.traceId).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(incr?.parentSpanId).toBe("b7ad6b7169203331");
  });

  it("ignores a second init with a warning", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    OpenTelemetry.init({
      traces: { endpoint: "http://127.0.0.1:1/v1/traces", samplePercentage: 3 },
    });
    expect(warn).toHaveBeenCalledOnce();
    expect(OpenTelemetry.getSamplePercentage()).toBe(100);
    warn.mockRestore();
  });
});
