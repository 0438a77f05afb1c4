import { afterAll, describe, expect, it } from "vitest";
import { withAdminConnection } from "../src/index.js";
import { startStandalone } from "../src/topology/standalone.js";
import { topologyForSuite } from "../src/vitest/index.js";
import { expectProcessGone } from "./process-assertions.js";

describe("topologyForSuite", () => {
  const pids: number[] = [];

  describe("a suite with its own server", () => {
    const server = topologyForSuite(() => startStandalone());
    // Read while the file is collected, before any beforeAll ran.
    const readTooEarly = (() => {
      try {
        return server.description;
      } catch (error) {
        return error;
      }
    })();

    it("refuses to be read before the suite started it", () => {
      expect(readTooEarly).toBeInstanceOf(Error);
      expect((readTooEarly as Error).message).toContain("starts in beforeAll");
    });

    it("is running in the suite's tests", async () => {
      const [primary] = server.processes;
      expect(server.description.kind).toBe("standalone");
      expect(await withAdminConnection(primary!.admin, (c) => c.call("PING"))).toBe("PONG");
      pids.push(...server.processes.map((process) => process.pid));
    });
  });

  afterAll(() => {
    // The inner suite's afterAll ran first: its server is gone.
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) expectProcessGone(pid);
  });
});
