// The @example of each client method's doc comment (packages/commands/scripts/method-examples.mjs)
// runs against the fake, standalone and cluster, and prints what its comments say.
import { inspect } from "node:util";
import { type FakeStandalone, fakeClusterHarness, startStandalone } from "@petrel/fake-valkey";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { methodExamples } from "../../commands/scripts/method-examples.mjs";
import { GlideClient, GlideClusterClient } from "../src/index.js";

type AnyClient = GlideClient | GlideClusterClient;
const AsyncFunction = (async () => {}).constructor as new (
  ...params: string[]
) => (...args: unknown[]) => Promise<void>;

/** What each `console.log(…); // value` line of `lines` says it prints. */
function expectedOutput(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const match = /^console\.log\(.*\); \/\/ (.*)$/.exec(line);
    return match ? [match[1] as string] : [];
  });
}

/** Runs one example on an emptied database and returns what it printed, one line per call. */
async function run(client: AnyClient, lines: readonly string[]): Promise<string[]> {
  await client.flushall();
  const printed: string[] = [];
  const console = {
    log: (value: unknown) => printed.push(inspect(value, { breakLength: Infinity })),
  };
  await new AsyncFunction("client", "console", lines.join("\n"))(client, console);
  return printed;
}

const examples = Object.entries(methodExamples);

describe("doc comment examples", () => {
  it("cover at least the 60 most used commands, each stating what it prints", () => {
    expect(examples.length).toBeGreaterThanOrEqual(60);
    for (const [name, lines] of examples) {
      expect(expectedOutput(lines).length, name).toBeGreaterThan(0);
      expect(lines.join("\n"), name).toContain(`client.${name}(`);
    }
  });

  describe("on a standalone fake", () => {
    let fake: FakeStandalone;
    let client: GlideClient;
    beforeAll(async () => {
      fake = await startStandalone();
      client = await GlideClient.createClient({
        addresses: [{ host: fake.host, port: fake.port }],
      });
    });
    afterAll(async () => {
      client?.close();
      await fake?.stop();
    });

    it.each(examples)("%s", async (_name, lines) => {
      expect(await run(client, lines)).toEqual(expectedOutput(lines));
    });
  });

  describe("on a cluster fake", () => {
    const harness = fakeClusterHarness((addresses) =>
      GlideClusterClient.createClient({ addresses, periodicChecks: "disabled" }),
    );
    let client: GlideClusterClient;
    beforeAll(async () => {
      client = await harness.clusterClient(await harness.fakeCluster());
    });
    afterAll(harness.cleanup);

    it.each(examples)("%s", async (_name, lines) => {
      expect(await run(client, lines)).toEqual(expectedOutput(lines));
    });
  });
});
