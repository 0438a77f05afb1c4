// A fan-out command with no combining rule inside a cluster pipeline answers
// as the single command does: one value per node, keyed "host:port".
import { describe, expect, it } from "vitest";
import { customCommand } from "../../src/custom-command.js";
import { clusterClient, fakeCluster } from "./helpers/fake-cluster.js";

describe("cluster pipeline fan-out", () => {
  it("INFO in a pipeline returns Record<host:port, string> like the single command", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    const single = (await client.customCommand(["INFO", "server"], undefined)) as Record<
      string,
      string
    >;
    const results = await client.exec(
      {
        isAtomic: false,
        commands: [
          customCommand(["SET", "fan:key", "v"], undefined),
          customCommand(["INFO", "server"], undefined),
          customCommand(["GET", "fan:key"], undefined),
        ],
      },
      true,
    );
    expect(results?.[0]).toBe("OK");
    expect(results?.[2]).toBe("v");
    const perNode = results?.[1] as unknown as Record<string, string>;
    expect(Object.keys(perNode).sort()).toEqual(Object.keys(single).sort());
    expect(Object.keys(perNode).sort()).toEqual(
      cluster.primaries.map((node) => `${node.host}:${node.port}`).sort(),
    );
    for (const text of Object.values(perNode)) expect(text).toContain("# Server");
  });
});
