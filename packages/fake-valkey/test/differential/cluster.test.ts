// Cluster redirections compared with a real redis-server cluster: the same
// CLUSTER SETSLOT steps run on both, and MOVED / ASK / TRYAGAIN / CROSSSLOT
// replies must match once addresses are replaced by node roles.

import { startCluster as startRealCluster } from "@petrel/test-servers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeCluster, keySlot, startCluster } from "../../src/index.js";
import { sortDeep } from "../support/differential.js";
import { type CommandInput, RawClient } from "../support/raw-client.js";
import type { WireFrame } from "../support/wire-reader.js";

interface Side {
  /** Port of the primary serving each shard, in slot order. */
  readonly ports: number[];
  readonly ids: string[];
}

type Role = "source" | "target" | "third";

async function describeSide(port: number): Promise<Side> {
  const client = await RawClient.connect(port);
  try {
    const slots = (await client.call(["CLUSTER", "SLOTS"])) as WireFrame[][];
    const sorted = [...slots].sort(
      (a, b) => Number(String(a[0]).slice(1)) - Number(String(b[0]).slice(1)),
    );
    const primaries = sorted.map((range) => range[2] as WireFrame[]);
    return {
      ports: primaries.map((node) => Number(String(node[1]).slice(1))),
      ids: primaries.map((node) => String(node[2]).slice(1)),
    };
  } finally {
    client.close();
  }
}

describe("differential: cluster redirections (slot-migration-response)", () => {
  let fake: FakeCluster;
  let real: Awaited<ReturnType<typeof startRealCluster>>;
  beforeAll(async () => {
    [fake, real] = await Promise.all([
      startCluster({ shards: 3, replicas: 0 }),
      startRealCluster({ shape: { primaries: 3, replicasPerPrimary: 0 } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await fake?.stop();
    await real?.stop();
  });

  it("reports the same topology once slots are assigned alike", async () => {
    const realSide = await describeSide(real.description.addresses[0]?.port as number);
    const fakeSide = await describeSide(fake.seeds[0]?.port as number);
    // Give the fake the real cluster's slot split (its own default rounds like valkey-cli).
    const probe = await RawClient.connect(realSide.ports[0] as number);
    const ranges = (await probe.call(["CLUSTER", "SLOTS"])) as WireFrame[][];
    probe.close();
    for (const range of ranges) {
      const port = Number(String((range[2] as WireFrame[])[1]).slice(1));
      fake.topology.assign(
        Number(String(range[0]).slice(1)),
        Number(String(range[1]).slice(1)),
        realSide.ports.indexOf(port),
      );
    }
    const commands: CommandInput[] = [
      ["CLUSTER", "SLOTS"],
      ["CLUSTER", "SHARDS"],
      ["CLUSTER", "INFO"],
      ["CLUSTER", "NODES"],
      ["CLUSTER", "MYID"],
      ["CLUSTER", "KEYSLOT", "{user1000}.following"],
      ["CLUSTER", "COUNTKEYSINSLOT", "16384"],
      ["CLUSTER", "GETKEYSINSLOT", "0", "-1"],
      ["CLUSTER", "NOSUCH"],
      ["CLUSTER", "HELP"],
      ["CLUSTER", "REPLICAS", "{id1}"],
      ["CLUSTER", "SLAVES", "{id2}"],
      ["CLUSTER", "REPLICAS", "nosuch"],
      ["CLUSTER", "COUNT-FAILURE-REPORTS", "{id1}"],
      ["CLUSTER", "COUNT-FAILURE-REPORTS", "nosuch"],
      ["CLUSTER", "LINKS"],
      ["READONLY"],
      ["READWRITE"],
    ];
    const run = async (side: Side, resp: 2 | 3) => {
      const client = await RawClient.connect(side.ports[0] as number);
      const names = new Map<string, string>();
      for (const [index, port] of side.ports.entries()) names.set(String(port), `port${index}`);
      for (const [index, id] of side.ids.entries()) names.set(id, `id${index}`);
      try {
        if (resp === 3) await client.call(["HELLO", "3"]);
        const replies: string[] = [];
        for (const command of commands) {
          const reply = await client.call(
            command.map((word) =>
              typeof word === "string" && /^\{id\d\}$/.test(word)
                ? (side.ids[Number(word[3])] as string)
                : word,
            ),
          );
          let text = JSON.stringify(reply)
            .replace(/[0-9a-f]{40}/g, (id) => names.get(id) ?? "id?")
            .replace(/:(\d{4,5})"/g, (match, port: string) =>
              names.has(port) ? `:${names.get(port)}"` : match,
            )
            .replace(/"\$replication-offset",":\d+"/g, '"$replication-offset",":n"');
          if (command[1] === "SHARDS") text = JSON.stringify(sortDeep(JSON.parse(text)));
          if (command[1] === "NODES") {
            // Ping/pong times and epochs differ between runs; the rest must match.
            text = JSON.stringify(
              JSON.parse(text)
                .replace(/^[$=](txt:)?/, "")
                .trim()
                .split("\n")
                .map((line: string) =>
                  line
                    .split(" ")
                    .map((field, index) => {
                      if (index === 1)
                        return names.get(field.split(":")[1]?.split("@")[0] ?? "") ?? field;
                      return index >= 4 && index <= 6 ? "x" : field;
                    })
                    .join(" "),
                )
                .sort(),
            );
          }
          if (command[1] === "LINKS") {
            // Times and buffer sizes are the servers' own: keep directions, peers and field names.
            const fields = (link: WireFrame): string[] => {
              const pairs = Array.isArray(link)
                ? link
                : (link as { map: [WireFrame, WireFrame][] }).map.flat();
              const out: string[] = [];
              for (let i = 0; i < pairs.length; i += 2) {
                const name = String(pairs[i]);
                const value = String(pairs[i + 1]);
                out.push(name === "$direction" || name === "$node" ? `${name}=${value}` : name);
              }
              return out;
            };
            text = JSON.stringify(
              (JSON.parse(text) as WireFrame[]).map((link) => fields(link).join(" ")).sort(),
            );
          }
          if (command[1] === "INFO") text = text.split("\\r\\n").slice(0, 7).join("|");
          replies.push(text);
        }
        return replies;
      } finally {
        client.close();
      }
    };
    for (const resp of [2, 3] as const) {
      const fakeReplies = await run(fakeSide, resp);
      const realReplies = await run(realSide, resp);
      const mismatches = commands.flatMap((command, index) =>
        fakeReplies[index] === realReplies[index]
          ? []
          : [
              `RESP${resp} ${command.join(" ")}: fake ${fakeReplies[index]} != real ${realReplies[index]}`,
            ],
      );
      expect(mismatches).toEqual([]);
    }
  }, 30_000);

  it("answers the same redirections during a migration", async () => {
    // "{bar}" (5061) hashes into the first shard's range; it moves to the second shard.
    const slot = keySlot("{bar}");
    expect(slot).toBeLessThan(5461);
    const script: { on: Role; command: (ids: Record<Role, string>) => CommandInput }[] = [
      { on: "source", command: () => ["SET", "{bar}a", "1"] },
      { on: "target", command: () => ["SET", "{bar}a", "1"] },
      { on: "source", command: () => ["XADD", "{bar}s", "1-0", "f", "v"] },
      { on: "third", command: () => ["XLEN", "{bar}s"] },
      { on: "third", command: () => ["XREAD", "STREAMS", "{bar}s", "0"] },
      { on: "source", command: () => ["XREAD", "STREAMS", "{bar}s", "foo", "0", "0"] },
      { on: "source", command: () => ["GEOADD", "{bar}geo", "1", "1", "a"] },
      { on: "third", command: () => ["GEOPOS", "{bar}geo", "a"] },
      {
        on: "source",
        command: () => [
          "GEOSEARCHSTORE",
          "foo",
          "{bar}geo",
          "FROMLONLAT",
          "1",
          "1",
          "BYRADIUS",
          "1",
          "km",
        ],
      },
      {
        on: "source",
        command: () => ["GEORADIUS", "{bar}geo", "1", "1", "1", "km", "STORE", "foo"],
      },
      { on: "source", command: () => ["GEORADIUS_RO", "{bar}geo", "1", "1", "1", "km"] },
      { on: "source", command: () => ["DEL", "{bar}geo"] },
      {
        on: "target",
        command: (ids) => ["CLUSTER", "SETSLOT", String(slot), "MIGRATING", ids.source],
      },
      {
        on: "source",
        command: (ids) => ["CLUSTER", "SETSLOT", String(slot), "IMPORTING", ids.target],
      },
      {
        on: "source",
        command: () => ["CLUSTER", "SETSLOT", String(slot), "MIGRATING", "f".repeat(40)],
      },
      { on: "source", command: (ids) => ["CLUSTER", "SETSLOT", "16384", "MIGRATING", ids.target] },
      { on: "source", command: (ids) => ["CLUSTER", "SETSLOT", String(slot), "BOGUS", ids.target] },
      { on: "source", command: () => ["CLUSTER", "SETSLOT", String(slot), "MIGRATING"] },
      { on: "third", command: () => ["GET", "{bar}a"] },
      { on: "source", command: () => ["MSET", "{bar}a", "1", "foo", "2"] },
      {
        on: "target",
        command: (ids) => ["CLUSTER", "SETSLOT", String(slot), "IMPORTING", ids.source],
      },
      {
        on: "source",
        command: (ids) => ["CLUSTER", "SETSLOT", String(slot), "MIGRATING", ids.target],
      },
      { on: "target", command: () => ["SET", "{bar}new", "x"] },
      { on: "source", command: () => ["SET", "{bar}new", "x"] },
      { on: "source", command: () => ["MSET", "{bar}a", "2", "{bar}new", "3"] },
      { on: "source", command: () => ["MGET", "{bar}a", "{bar}new"] },
      { on: "source", command: () => ["XRANGE", "{bar}s", "-", "+"] },
      { on: "source", command: () => ["XADD", "{bar}snew", "1-0", "f", "v"] },
      { on: "source", command: () => ["XREAD", "STREAMS", "{bar}s", "{bar}gone", "0", "0"] },
      { on: "source", command: () => ["XGROUP", "CREATE", "{bar}s", "g", "$"] },
      { on: "source", command: () => ["XINFO", "STREAM", "{bar}gone"] },
      { on: "source", command: () => ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "{bar}s", ">"] },
      // Gone again, so CLUSTER GETKEYSINSLOT below (in hash-table order on the server) lists one key.
      { on: "source", command: () => ["DEL", "{bar}s"] },
      { on: "source", command: () => ["GET", "{bar}a"] },
      { on: "source", command: () => ["SET", "{bar}a", "changed"] },
      { on: "target", command: () => ["ASKING"] },
      { on: "target", command: () => ["SET", "{bar}new", "x"] },
      { on: "target", command: () => ["GET", "{bar}new"] },
      { on: "target", command: () => ["ASKING"] },
      { on: "target", command: () => ["MGET", "{bar}new", "{bar}missing"] },
      { on: "target", command: () => ["ASKING"] },
      { on: "target", command: () => ["MGET", "{bar}new", "{bar}new"] },
      { on: "target", command: () => ["ASKING"] },
      { on: "target", command: () => ["MULTI"] },
      { on: "target", command: () => ["GET", "{bar}new"] },
      { on: "target", command: () => ["EXEC"] },
      { on: "source", command: () => ["MULTI"] },
      { on: "source", command: () => ["GET", "{bar}zzz"] },
      { on: "source", command: () => ["EXEC"] },
      { on: "source", command: () => ["MULTI"] },
      { on: "source", command: () => ["SET", "{user1000}x", "1"] },
      { on: "source", command: () => ["SET", "{bar}b", "1"] },
      { on: "source", command: () => ["EXEC"] },
      { on: "source", command: () => ["GET", "{user1000}x"] },
      { on: "source", command: () => ["WATCH", "{user1000}x", "{bar}a"] },
      { on: "third", command: () => ["SELECT", "1"] },
      { on: "third", command: () => ["CLUSTER", "KEYSLOT", "{bar}a"] },
      { on: "source", command: () => ["CLUSTER", "COUNTKEYSINSLOT", String(slot)] },
      { on: "source", command: () => ["CLUSTER", "GETKEYSINSLOT", String(slot), "10"] },
      { on: "target", command: () => ["CLUSTER", "SETSLOT", String(slot), "STABLE"] },
      { on: "source", command: () => ["CLUSTER", "SETSLOT", String(slot), "STABLE"] },
      { on: "target", command: () => ["GET", "{bar}new"] },
      { on: "source", command: () => ["DEL", "{bar}a"] },
    ];
    const realSide = await describeSide(real.description.addresses[0]?.port as number);
    const fakeSide = await describeSide(fake.seeds[0]?.port as number);
    const run = async (side: Side) => {
      const clients = await Promise.all(side.ports.map((port) => RawClient.connect(port)));
      const roles: Record<Role, number> = { source: 0, target: 1, third: 2 };
      const ids: Record<Role, string> = {
        source: side.ids[0] ?? "",
        target: side.ids[1] ?? "",
        third: side.ids[2] ?? "",
      };
      const labels = new Map(
        side.ports.map((port, index) => [
          `127.0.0.1:${port}`,
          ["source", "target", "third"][index],
        ]),
      );
      const replies: string[] = [];
      try {
        for (const step of script) {
          const client = clients[roles[step.on]] as RawClient;
          const reply = JSON.stringify(await client.call(step.command(ids)));
          replies.push(
            reply.replace(/127\.0\.0\.1:\d+/g, (address) => labels.get(address) ?? address),
          );
        }
      } finally {
        for (const client of clients) client.close();
      }
      return replies;
    };
    const realReplies = await run(realSide);
    const fakeReplies = await run(fakeSide);
    const mismatches = script.flatMap((step, index) =>
      fakeReplies[index] === realReplies[index]
        ? []
        : [
            `#${index} ${step.on} ${step.command({ source: "S", target: "T", third: "X" }).join(" ")}: fake ${fakeReplies[index]} != real ${realReplies[index]}`,
          ],
    );
    expect(mismatches).toEqual([]);
  }, 30_000);
});
