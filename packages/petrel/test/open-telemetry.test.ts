// `OpenTelemetry` from the main entry: a facade that loads @petrel/otel on the first
// call. It must offer every call of @petrel/otel's class; without the package, the calls that need
// it throw a ConfigurationError saying what to install. Under vitest the facade is
// handed @petrel/otel's sources; the require() of the installed package is run by
// tooling/runtime-smoke on Node, Bun and Deno.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type FakeStandalone, startStandalone } from "@petrel/fake-valkey";
import * as Otel from "@petrel/otel";
import { afterAll, afterEach, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { ConfigurationError, GlideClient, OpenTelemetry } from "../src/index.js";
import { setOtelLoader } from "../src/open-telemetry.js";

/** How Node, Bun and Deno fail to require() a package that is not installed. */
const requireMissing = () => {
  throw Object.assign(new Error("Cannot find module '@petrel/otel'\nRequire stack:\n- /app/x.js"), {
    code: "MODULE_NOT_FOUND",
  });
};

afterEach(() => setOtelLoader());

describe("OpenTelemetry from the main entry", () => {
  it("offers every call of @petrel/otel's class, with the same arguments", () => {
    type Statics<T> = { [K in keyof T as K extends "prototype" ? never : K]: T[K] };
    expectTypeOf<Statics<typeof OpenTelemetry>>().toExtend<Statics<typeof Otel.OpenTelemetry>>();
  });

  it("throws a ConfigurationError naming the package to install when it is missing", () => {
    setOtelLoader(requireMissing);
    let thrown: unknown;
    try {
      OpenTelemetry.init({ traces: { endpoint: "file:///tmp/never.json" } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as Error).message).toBe(
      'OpenTelemetry needs the optional package @petrel/otel, which is not installed: run "npm install @petrel/otel"',
    );
    expect((thrown as { cause?: { code?: string } }).cause?.code).toBe("MODULE_NOT_FOUND");
    expect(() => OpenTelemetry.setSamplePercentage(5)).toThrow(ConfigurationError);
    expect(() => OpenTelemetry.setParentSpanContextProvider(null)).toThrow(ConfigurationError);
  });

  it("answers that nothing is initialized when the package is missing", async () => {
    setOtelLoader(requireMissing);
    expect(OpenTelemetry.isInitialized()).toBe(false);
    expect(OpenTelemetry.getSamplePercentage()).toBeUndefined();
    expect(OpenTelemetry.shouldSample()).toBe(false);
    await expect(OpenTelemetry.forceFlush()).resolves.toBeUndefined();
  });

  it("names the runtime when it cannot require() the ES module", () => {
    setOtelLoader(() => {
      throw Object.assign(new Error("require() of ES Module not supported"), {
        code: "ERR_REQUIRE_ESM",
      });
    });
    expect(() => OpenTelemetry.init({})).toThrow(
      `OpenTelemetry from "petrel" loads @petrel/otel with require(), and Node ${process.versions.node} cannot require() ES modules (Node 20.19 or later can): import { OpenTelemetry } from "petrel/otel" instead`,
    );
  });

  it("passes any other load failure on with its cause", () => {
    const cause = new SyntaxError("Unexpected token");
    setOtelLoader(() => {
      throw cause;
    });
    expect(() => OpenTelemetry.init({})).toThrow(
      `OpenTelemetry could not load @petrel/otel on Node ${process.versions.node}: Unexpected token`,
    );
    setOtelLoader(() => ({}));
    expect(() => OpenTelemetry.init({})).toThrow("@petrel/otel has no OpenTelemetry class");
  });

  describe("with @petrel/otel installed", () => {
    let fake: FakeStandalone;
    let scratch: string;
    beforeAll(async () => {
      fake = await startStandalone();
      scratch = mkdtempSync(path.join(tmpdir(), "petrel-otel-facade-"));
    });
    afterAll(async () => {
      await Otel.OpenTelemetry.shutdown();
      await fake?.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it("loads it on the first call and records commands", async () => {
      setOtelLoader(() => Otel);
      const file = path.join(scratch, "signals.json");
      expect(OpenTelemetry.isInitialized()).toBe(false);
      OpenTelemetry.init({ traces: { endpoint: `file://${file}`, samplePercentage: 100 } });
      expect(OpenTelemetry.isInitialized()).toBe(true);
      expect(OpenTelemetry.getSamplePercentage()).toBe(100);
      expect(() => OpenTelemetry.setSamplePercentage(101)).toThrow(ConfigurationError);
      OpenTelemetry.setParentSpanContextProvider(null);
      const client = await GlideClient.createClient({
        addresses: [{ host: fake.host, port: fake.port }],
      });
      try {
        await client.set("otel-facade", "1");
      } finally {
        client.close();
      }
      await OpenTelemetry.forceFlush();
      const spans = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes('"signal":"span"'))
        .map((line) => (JSON.parse(line) as { name: string }).name);
      expect(spans).toContain("Set");
    });
  });
});
