// What OpenTelemetry.init leaves running at 0% sampling without metrics: nothing
// per command and nothing process-wide. Its own file, since init is once per process.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { context, ROOT_CONTEXT } from "@opentelemetry/api";
import { channels } from "@petrel/client";
import { describe, expect, it } from "vitest";
import { OpenTelemetry } from "../src/index.js";

const perCommand = ["commandStart", "commandEnd", "sendStart", "sendEnd"] as const;

function count(resources: readonly string[], kind: string): number {
  return resources.filter((resource) => resource === kind).length;
}

describe("OpenTelemetry.init at 0% sampling, traces only", () => {
  it("subscribes to no per-command channel, registers no global and starts no timer", async () => {
    const before = process.getActiveResourcesInfo();
    const dir = mkdtempSync(join(tmpdir(), "petrel-otel-zero-"));
    OpenTelemetry.init({ traces: { endpoint: pathToFileURL(dir).href, samplePercentage: 0 } });

    for (const name of perCommand) expect(channels[name].hasSubscribers).toBe(false);
    // No global context manager (no AsyncLocalStorage, no async hooks) and no global
    // provider: the private providers leave the application's OpenTelemetry untouched.
    expect(
      (globalThis as Record<symbol, unknown>)[Symbol.for("opentelemetry.js.api.1")],
    ).toBeUndefined();
    expect(context.active()).toBe(ROOT_CONTEXT);
    // The batch span processor arms its timer only once a span ends.
    const after = process.getActiveResourcesInfo();
    expect(count(after, "Timeout")).toBe(count(before, "Timeout"));

    // Raising the percentage subscribes; lowering it back to 0 unsubscribes again.
    OpenTelemetry.setSamplePercentage(1);
    for (const name of perCommand) expect(channels[name].hasSubscribers).toBe(true);
    OpenTelemetry.setSamplePercentage(0);
    for (const name of perCommand) expect(channels[name].hasSubscribers).toBe(false);
    await OpenTelemetry.shutdown();
  });
});
