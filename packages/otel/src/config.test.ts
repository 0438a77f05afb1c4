import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigurationError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { parseEndpoint, validateConfig } from "./config.js";

const dir = mkdtempSync(join(tmpdir(), "petrel-otel-config-"));
mkdirSync(join(dir, "nested"));
const fileUrl = (path: string) => pathToFileURL(path).href;

describe("parseEndpoint", () => {
  it("maps http, https and grpc endpoints", () => {
    expect(parseEndpoint("http://localhost:4318/v1/traces", "f")).toEqual({
      kind: "http",
      url: "http://localhost:4318/v1/traces",
    });
    expect(parseEndpoint("https://collector:4318/v1/traces", "f").kind).toBe("http");
    expect(parseEndpoint("grpc://127.0.0.1:4317", "f")).toEqual({
      kind: "grpc",
      url: "http://127.0.0.1:4317",
    });
  });

  it("writes signals.json inside a directory or an extensionless path", () => {
    expect(parseEndpoint(fileUrl(dir), "f")).toEqual({
      kind: "file",
      path: join(dir, "signals.json"),
    });
    expect(parseEndpoint(fileUrl(join(dir, "nested")), "f")).toEqual({
      kind: "file",
      path: join(dir, "nested", "signals.json"),
    });
    expect(parseEndpoint(fileUrl(join(dir, "traces.json")), "f")).toEqual({
      kind: "file",
      path: join(dir, "traces.json"),
    });
  });

  it("requires the parent directory to exist", () => {
    expect(() => parseEndpoint(fileUrl(join(dir, "missing", "t.json")), "traces.endpoint")).toThrow(
      /traces\.endpoint: the directory .*missing does not exist/,
    );
    expect(() => parseEndpoint(fileUrl(join(dir, "missing-dir")), "traces.endpoint")).toThrow(
      /does not exist/,
    );
  });

  it("rejects unknown schemes and malformed file endpoints", () => {
    expect(() => parseEndpoint("udp://x:1", "metrics.endpoint")).toThrow(
      /metrics\.endpoint has an unsupported scheme/,
    );
    expect(() => parseEndpoint("file:relative/path.json", "traces.endpoint")).toThrow(
      /must start with file:\/\//,
    );
    expect(() => parseEndpoint("", "traces.endpoint")).toThrow(ConfigurationError);
  });
});

describe("validateConfig", () => {
  it("applies GLIDE's defaults", () => {
    const valid = validateConfig({ traces: { endpoint: "http://h:4318/v1/traces" } });
    expect(valid.traces?.samplePercentage).toBe(1);
    expect(valid.flushIntervalMs).toBe(5000);
    expect(valid.metrics).toBeUndefined();
  });

  it("needs traces or metrics", () => {
    expect(() => validateConfig({})).toThrow("at least one of traces or metrics");
  });

  it("checks the flush interval and the sample percentage", () => {
    const traces = { endpoint: "http://h:1/v1/traces" };
    expect(() => validateConfig({ traces, flushIntervalMs: 0 })).toThrow(
      /flushIntervalMs must be a positive integer/,
    );
    expect(() => validateConfig({ traces, flushIntervalMs: 1.5 })).toThrow(/flushIntervalMs/);
    expect(() => validateConfig({ traces: { ...traces, samplePercentage: 101 } })).toThrow(
      /traces\.samplePercentage must be a number between 0 and 100/,
    );
    expect(() => validateConfig({ traces: { ...traces, samplePercentage: -1 } })).toThrow(
      /samplePercentage/,
    );
    expect(
      validateConfig({ traces: { ...traces, samplePercentage: 0 } }).traces?.samplePercentage,
    ).toBe(0);
  });
});
