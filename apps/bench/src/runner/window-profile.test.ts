import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseCpuProfile } from "../report/cpu-profile.js";
import { profiledWindow, WINDOW_PROFILE_ENV, WINDOW_PROFILE_FILE } from "./window-profile.js";

const directory = mkdtempSync(path.join(tmpdir(), "petrel-bench-window-"));
const file = path.join(directory, WINDOW_PROFILE_FILE);

afterEach(() => {
  delete process.env[WINDOW_PROFILE_ENV];
  rmSync(file, { force: true });
});

async function busy(): Promise<number> {
  let sum = 0;
  for (let round = 0; round < 20; round++) {
    for (let index = 0; index < 20_000; index++) sum += Math.sqrt(index);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return sum;
}

describe("profiledWindow", () => {
  it("only runs the measurement when --profile did not ask for a window profile", async () => {
    expect(await profiledWindow(async () => 42)).toBe(42);
    expect(existsSync(file)).toBe(false);
  });

  it("writes a V8 CPU profile of the measurement into the directory --profile named", async () => {
    process.env[WINDOW_PROFILE_ENV] = directory;
    const sum = await profiledWindow(busy);
    expect(sum).toBeGreaterThan(0);
    const profile = parseCpuProfile(readFileSync(file, "utf8"));
    expect(profile.samples.length).toBeGreaterThan(0);
    expect(profile.nodes.some((node) => node.callFrame.functionName === "busy")).toBe(true);
  });
});
