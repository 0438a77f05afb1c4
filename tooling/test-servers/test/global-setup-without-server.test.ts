// The global setup when no server binary is installed: a loud skip locally,
// a failure with CI=true.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TestProject } from "vitest/node";
import setup from "../src/vitest/global-setup.js";
import type { ProvidedServers } from "../src/vitest/provided-context.js";

describe("global setup without a server binary", () => {
  const saved = { path: process.env.PATH, ci: process.env.CI };
  let emptyDirectory: string;
  const provided = new Map<string, unknown>();
  const project = {
    config: { provide: { petrelServerTopologies: ["standalone"] } },
    provide: (key: string, value: unknown) => provided.set(key, value),
  } as unknown as TestProject;

  beforeEach(async () => {
    emptyDirectory = await mkdtemp(path.join(os.tmpdir(), "petrel-empty-path-"));
    process.env.PATH = emptyDirectory;
    provided.clear();
  });

  afterEach(async () => {
    process.env.PATH = saved.path;
    if (saved.ci === undefined) delete process.env.CI;
    else process.env.CI = saved.ci;
    vi.restoreAllMocks();
    await rm(emptyDirectory, { recursive: true, force: true });
  });

  it("skips with one loud line saying how to install a server", async () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const teardown = await setup(project);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/SKIPPING.*apt-get install redis-server/);
    const servers = provided.get("petrelServers") as ProvidedServers;
    expect(servers.available).toBe(false);
    expect(servers.topologies).toEqual({});
    await teardown();
  });

  it("fails the run when CI=true", async () => {
    process.env.CI = "true";
    await expect(setup(project)).rejects.toThrow(/apt-get install redis-server.*CI=true/);
    expect(provided.size).toBe(0);
  });
});
