// A fan-out command with no combining rule inside a cluster pipeline answers
// as the single command does: one value per node, keyed "host:port".
import { describe, expect, it } from "vitest";
import { customCommand } from "../../src/custom-command.js";
import { convertGlideRecordToRecord, type GlideRecord } from "../../src/index.js";
import { clusterClient, fakeCluster } from "./helpers/fake-cluster.js";

describe("cluster pipeline fan-out", () => {
  it("INFO in a pipeline returns GLIDE's { key: address, value } list like the single command", async () => {
    const cluster = await fakeCluster({ shards: 3 });
    const client = await clusterClient(cluster);
    // customCommand gives several nodes' replies as GLIDE does: { key: address, value } entries.
    const single = convertGlideRecordToRecord(
      (await client.customCommand(["INFO", "server"], undefined)) as GlideRecord<string>,
    );
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
    const perNode = convertGlideRecordToRecord(results?.[1] as unknown as GlideRecord<string>);
    expect(Object.keys(perNode).sort()).toEqual(Object.keys(single).sort());
    expect(Object.keys(perNode).sort()).toEqual(
      cluster.primaries.map((node) => `${node.host}:${node.port}`).sort(),
    );
    for (const text of Object.values(perNode)) expect(text).toContain("# Server");
  });
});
