import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findServerBinaries } from "./server-binaries.js";

describe("findServerBinaries", () => {
  let first: string;
  let second: string;

  async function executable(directory: string, name: string): Promise<void> {
    const file = path.join(directory, name);
    await writeFile(file, "#!/bin/sh\n");
    await chmod(file, 0o755);
  }

  beforeEach(async () => {
    first = await mkdtemp(path.join(os.tmpdir(), "petrel-bin-a-"));
    second = await mkdtemp(path.join(os.tmpdir(), "petrel-bin-b-"));
  });

  afterEach(async () => {
    await rm(first, { recursive: true, force: true });
    await rm(second, { recursive: true, force: true });
  });

  it("finds nothing on an empty PATH", () => {
    expect(findServerBinaries(`${first}${path.delimiter}${second}`)).toBeUndefined();
  });

  it("prefers valkey-server, wherever it is on PATH, with its own CLI", async () => {
    await executable(first, "redis-server");
    await executable(first, "redis-cli");
    await executable(second, "valkey-server");
    expect(findServerBinaries(`${first}${path.delimiter}${second}`)).toEqual({
      flavor: "valkey",
      server: path.join(second, "valkey-server"),
      cli: undefined,
    });
  });

  it("falls back to redis-server and redis-cli", async () => {
    await executable(second, "redis-server");
    await executable(second, "redis-cli");
    expect(findServerBinaries(second)).toEqual({
      flavor: "redis",
      server: path.join(second, "redis-server"),
      cli: path.join(second, "redis-cli"),
    });
  });
});
