// The runtime smoke scenario. `run.mjs` copies this file into a scratch project
// where `petrel`, `@petrel/fake-valkey` and `@petrel/otel` are installed from
// their packed tarballs, then runs it under Node, Bun and Deno against servers
// it started on loopback. It uses only what a user's program would: the
// packages' public entries and the runtime's `node:` modules.
// Input: PETREL_SMOKE, JSON { standalone, tls: { host, port, caPath }, cluster, otelFile },
// or { withoutOtel: true } when run.mjs has moved @petrel/otel out of node_modules.
// Output: one line per check ("ok   name" or "FAIL name: reason"), then
// "smoke-result <passed> <failed>".
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const setup = JSON.parse(process.env.PETREL_SMOKE ?? "{}");
const runtime =
  typeof globalThis.Deno !== "undefined"
    ? `deno ${globalThis.Deno.version.deno}`
    : typeof globalThis.Bun !== "undefined"
      ? `bun ${globalThis.Bun.version}`
      : `node ${process.versions.node}`;
let passed = 0;
let failed = 0;

/** Runs one check with a deadline; a check that throws or overruns fails with the reason. */
async function check(name, body, deadlineMs = 15_000) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    const detail = await Promise.race([body(), deadline]);
    passed++;
    console.log(`ok   ${name}${detail ? ` (${detail})` : ""}`);
  } catch (error) {
    failed++;
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.log(`FAIL ${name}: ${reason.split("\n")[0]}`);
  } finally {
    clearTimeout(timer);
  }
}

function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

/** Resolves when `predicate()` holds, asking every 5 ms, at most `limit` times. */
async function until(predicate, what, limit = 2_000) {
  for (let i = 0; i < limit; i++) {
    if (await predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${what} did not happen`);
}

/** Closes the client however the body ends. */
async function withClient(clientPromise, body) {
  const client = await clientPromise;
  try {
    return await body(client);
  } finally {
    client.close();
  }
}

console.log(`== ${runtime}`);
let petrel;
await check("import petrel (ESM)", async () => {
  petrel = await import("petrel");
  return `${Object.keys(petrel).length} exports`;
});
await check('require("petrel") (CommonJS loading the ES module)', () => {
  const required = createRequire(import.meta.url)("petrel");
  expectEqual(typeof required.GlideClient?.createClient, "function", "GlideClient.createClient");
});
if (petrel && setup.withoutOtel) {
  await check(
    "OpenTelemetry from petrel without @petrel/otel: a ConfigurationError naming it",
    () => {
      expectEqual(petrel.OpenTelemetry.isInitialized(), false, "isInitialized()");
      let thrown;
      try {
        petrel.OpenTelemetry.init({ traces: { endpoint: "file:///dev/null" } });
      } catch (error) {
        thrown = error;
      }
      expectEqual(thrown instanceof petrel.ConfigurationError, true, "a ConfigurationError");
      if (!thrown.message.includes('"npm install @petrel/otel"')) throw thrown;
    },
  );
} else if (petrel) await scenarios(petrel);
console.log(`smoke-result ${passed} ${failed}`);
process.exit(failed === 0 ? 0 : 1);

async function scenarios({
  Batch,
  ClusterBatch,
  configFromUri,
  GlideClient,
  GlideClusterClient,
  GlideClientConfiguration,
}) {
  const { host, port } = setup.standalone;
  const uri = `valkey://${host}:${port}/1?clientName=smoke&requestTimeout=2000`;
  const tag = runtime.split(" ")[0];

  await check("configFromUri and a standalone client", () =>
    withClient(GlideClient.createClient(configFromUri(uri)), async (client) => {
      await client.set(`smoke:${tag}:k`, "v");
      expectEqual(await client.get(`smoke:${tag}:k`), "v", "GET");
      expectEqual(await client.clientGetName(), "smoke", "CLIENT GETNAME");
      expectEqual(
        await client.customCommand(["CLIENT", "INFO"]).then((i) => /db=1/.test(i)),
        true,
        "db 1",
      );
    }),
  );

  await check("a batch and a transaction", () =>
    withClient(GlideClient.createClient(configFromUri(uri)), async (client) => {
      const key = `smoke:${tag}:counter`;
      await client.del([key]);
      const pipeline = await client.exec(new Batch(false).incr(key).incrBy(key, 4).get(key), true);
      expectEqual(pipeline, [1, 5, "5"], "pipeline");
      const transaction = await client.exec(new Batch(true).incr(key).get(key), true);
      expectEqual(transaction, [6, "6"], "transaction");
    }),
  );

  await check("Pub/Sub: a subscriber receives a published message", async () => {
    const received = [];
    const channel = `smoke:${tag}:news`;
    const subscriber = await GlideClient.createClient({
      ...configFromUri(uri),
      pubsubSubscriptions: {
        channelsAndPatterns: {
          [GlideClientConfiguration.PubSubChannelModes.Exact]: new Set([channel]),
        },
        callback: (message) => received.push(String(message.message)),
      },
    });
    try {
      await withClient(GlideClient.createClient(configFromUri(uri)), async (publisher) => {
        await until(
          async () => (await publisher.publish("hello", channel)) === 1,
          "the subscription showing on the server",
        );
        await until(() => received.length > 0, "the message arriving");
      });
      expectEqual(received[0], "hello", "message");
    } finally {
      subscriber.close();
    }
  });

  await check("reconnects after the server drops the connection (CLIENT KILL)", () =>
    withClient(GlideClient.createClient(configFromUri(uri)), (client) =>
      withClient(GlideClient.createClient(configFromUri(uri)), async (admin) => {
        const before = await client.customCommand(["CLIENT", "ID"]);
        expectEqual(
          await admin.customCommand(["CLIENT", "KILL", "ID", String(before)]),
          1,
          "killed",
        );
        let after;
        await until(async () => {
          after = await client.customCommand(["CLIENT", "ID"]).catch(() => undefined);
          return after !== undefined && after !== before;
        }, "a new connection serving requests");
        expectEqual(await client.ping(), "PONG", "PING after the reconnect");
        return `client id ${before} → ${after}`;
      }),
    ),
  );

  const tlsClient = (tlsAdvancedConfiguration) =>
    GlideClient.createClient({
      addresses: [{ host: setup.tls.host, port: setup.tls.port }],
      useTLS: true,
      requestTimeout: 2000,
      advancedConfiguration: { tlsAdvancedConfiguration },
    });
  await check("TLS with the server's CA as root certificate", () =>
    withClient(
      tlsClient({ rootCertificates: readFileSync(setup.tls.caPath, "utf8") }),
      async (client) => {
        await client.set(`smoke:${tag}:tls`, "secure");
        expectEqual(await client.get(`smoke:${tag}:tls`), "secure", "GET over TLS");
      },
    ),
  );
  await check("TLS: an unknown CA is refused, insecure mode connects", async () => {
    const refused = await tlsClient({}).then(
      (client) => {
        client.close();
        return "connected";
      },
      (error) => error.message,
    );
    if (!/certificate/.test(refused)) throw new Error(`without the CA: ${refused}`);
    await withClient(tlsClient({ insecure: true }), async (client) =>
      expectEqual(await client.ping(), "PONG", "PING in insecure mode"),
    );
  });

  await check("cluster client: keys on every shard, a cross-slot MGET, a ClusterBatch", () =>
    withClient(
      GlideClusterClient.createClient({
        addresses: setup.cluster.slice(0, 1),
        requestTimeout: 2000,
      }),
      async (client) => {
        const keys = Array.from({ length: 12 }, (_, i) => `smoke:${tag}:${i}`);
        for (const key of keys) await client.set(key, key.toUpperCase());
        expectEqual(
          await client.mget(keys),
          keys.map((k) => k.toUpperCase()),
          "MGET",
        );
        const batch = new ClusterBatch(true).set(`{smoke:${tag}}a`, "1").incr(`{smoke:${tag}}a`);
        expectEqual(await client.exec(batch, true), ["OK", 2], "transaction");
        return `${setup.cluster.length} primaries`;
      },
    ),
  );

  await check("the fake cluster from @petrel/fake-valkey", async () => {
    const { startCluster } = await import("@petrel/fake-valkey");
    const fake = await startCluster({ shards: 3, replicas: 1 });
    try {
      await withClient(
        GlideClusterClient.createClient({
          addresses: fake.seeds.slice(0, 1),
          requestTimeout: 2000,
        }),
        async (client) => {
          const keys = ["a", "b", "c", "d", "e", "f"].map((k) => `fake:${k}`);
          await client.mset(Object.fromEntries(keys.map((k) => [k, k])));
          expectEqual(await client.mget(keys), keys, "MGET across shards");
        },
      );
    } finally {
      await fake.stop();
    }
  });

  await check(
    "OpenTelemetry from petrel loads @petrel/otel and writes spans to a file",
    async () => {
      const { OpenTelemetry } = await import("petrel");
      const file = `${setup.otelFile}.${tag}`;
      OpenTelemetry.init({ traces: { endpoint: `file://${file}`, samplePercentage: 100 } });
      const subpath = await import("petrel/otel");
      expectEqual(subpath.OpenTelemetry.isInitialized(), true, "petrel/otel sees the same init");
      await withClient(GlideClient.createClient(configFromUri(uri)), async (client) => {
        await client.set(`smoke:${tag}:otel`, "1");
        await client.get(`smoke:${tag}:otel`);
      });
      await OpenTelemetry.forceFlush();
      const spans = readFileSync(file, "utf8")
        .split("\n")
        .filter((line) => line.includes('"signal":"span"'))
        .map((line) => JSON.parse(line).name);
      await OpenTelemetry.shutdown();
      for (const name of ["Set", "Get", "send_command"])
        if (!spans.includes(name))
          throw new Error(`no "${name}" span among ${JSON.stringify(spans)}`);
      return `${spans.length} spans`;
    },
  );
}
