// ioredis and node-redis (clients no one here wrote) make the same ACL calls
// against the fake and against redis-server 7.0; what each client returns
// (its own parsing of the replies, errors included) must be the same on both.
// Where Redis 7.2 changed the texts (NOPERM wording, `sanitize-payload`
// among the flags, newer ACL LOG fields), both sides are reduced to what
// 7.0 and Valkey share.

import { Redis } from "ioredis";
import { createClient } from "redis";
import { peersSuite } from "../support/peers.js";

const LOG_FIELDS = new Set(["count", "reason", "context", "object", "username"]);

/** What 7.0 and Valkey share: no `sanitize-payload`, no clock readings, NOPERM by its code. */
function shared(value: unknown): unknown {
  if (typeof value === "string") {
    return value.replace(/NOPERM .*/, "NOPERM").replace(/ sanitize-payload\b/g, "");
  }
  if (value instanceof Error) return { error: shared(value.message) };
  if (Array.isArray(value)) {
    // CLIENT SETINFO (sent by ioredis) is a command 7.0 lacks, denied on the fake.
    const kept = value.filter((item) => item !== "sanitize-payload" && !deniedSetinfo(item));
    // ioredis reads an ACL LOG entry as a flat list of field, value.
    if (kept.length >= 14 && kept[0] === "count") {
      const pairs: unknown[] = [];
      for (let i = 0; i + 1 < kept.length; i += 2)
        if (LOG_FIELDS.has(String(kept[i]))) pairs.push(kept[i], shared(kept[i + 1]));
      return pairs;
    }
    return kept.map(shared);
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    const isLog = entries.some(([key]) => key === "client-info" || key === "clientInfo");
    return Object.fromEntries(
      entries
        .filter(([key]) => !isLog || LOG_FIELDS.has(key))
        .map(([key, item]) => [key, shared(item)]),
    );
  }
  return value;
}

/** An ACL LOG entry for CLIENT SETINFO (sent by the clients), a command 7.0 lacks. */
function deniedSetinfo(item: unknown): boolean {
  if (Array.isArray(item)) return item.includes("client|setinfo");
  return (
    item !== null && typeof item === "object" && Object.values(item).includes("client|setinfo")
  );
}

async function settle<T>(call: Promise<T>): Promise<unknown> {
  try {
    return shared(await call);
  } catch (thrown) {
    return shared(thrown);
  }
}

async function ioredisScenario(port: number): Promise<unknown[]> {
  const admin = new Redis({ port, host: "127.0.0.1", lazyConnect: true, maxRetriesPerRequest: 1 });
  await admin.connect();
  const out: unknown[] = [];
  try {
    await admin.acl("DELUSER", "reader");
    await admin.acl("LOG", "RESET");
    out.push(
      await settle(admin.acl("SETUSER", "reader", "on", ">pw", "~app:*", "&news", "+@read")),
    );
    out.push(await settle(admin.acl("GETUSER", "reader")));
    out.push(await settle(admin.acl("LIST")));
    out.push(await settle(admin.acl("USERS")));
    out.push(await settle(admin.acl("WHOAMI")));
    out.push(await settle(admin.acl("CAT")));
    out.push(await settle(admin.acl("DRYRUN", "reader", "get", "app:1")));
    out.push(await settle(admin.acl("SETUSER", "reader", "+nosuch")));
    out.push(await settle(admin.acl("GETUSER", "nobody")));
    const reader = new Redis({
      port,
      host: "127.0.0.1",
      username: "reader",
      password: "pw",
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    await reader.connect();
    try {
      out.push(await settle(reader.get("app:1")));
      out.push(await settle(reader.get("other")));
      out.push(await settle(reader.set("app:1", "v")));
      out.push(await settle(reader.publish("sports", "m")));
      out.push(await settle(reader.multi().get("app:1").get("other").exec()));
      out.push(await settle(reader.eval("return redis.call('get', 'other')", 0)));
    } finally {
      reader.disconnect();
    }
    const wrong = new Redis({
      port,
      host: "127.0.0.1",
      username: "reader",
      password: "nope",
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    out.push(await settle(wrong.connect()));
    wrong.disconnect();
    out.push(await settle(admin.acl("LOG")));
    out.push(await settle(admin.acl("LOG", "RESET")));
    out.push(await settle(admin.acl("DELUSER", "reader", "nobody")));
    return out;
  } finally {
    admin.disconnect();
  }
}

async function nodeRedisScenario(port: number, RESP: 2 | 3): Promise<unknown[]> {
  const admin = createClient({ url: `redis://127.0.0.1:${port}`, RESP });
  await admin.connect();
  const out: unknown[] = [];
  try {
    await admin.aclDelUser("writer");
    await admin.aclLogReset();
    out.push(
      await settle(
        admin.aclSetUser("writer", ["on", ">pw", "%W~out:*", "%R~in:*", "+@write", "+get"]),
      ),
    );
    out.push(await settle(admin.aclGetUser("writer")));
    out.push(await settle(admin.aclList()));
    out.push(await settle(admin.aclUsers()));
    out.push(await settle(admin.aclWhoAmI()));
    out.push(await settle(admin.aclCat("transaction").then((names) => names.sort())));
    out.push(await settle(admin.aclCat("geo").then((names) => names.sort())));
    out.push(await settle(admin.aclSetUser("writer", ["#abc"])));
    const writer = createClient({
      url: `redis://writer:pw@127.0.0.1:${port}`,
      RESP,
    });
    await writer.connect();
    try {
      out.push(await settle(writer.set("out:1", "v")));
      out.push(await settle(writer.get("in:1")));
      out.push(await settle(writer.get("out:1")));
      out.push(await settle(writer.set("in:1", "v")));
      out.push(await settle(writer.sendCommand(["ACL", "WHOAMI"])));
    } finally {
      writer.destroy();
    }
    out.push(await settle(admin.aclLog()));
    out.push(await settle(admin.aclLog(1)));
    out.push(await settle(admin.aclDelUser(["writer"])));
    return out;
  } finally {
    admin.destroy();
  }
}

peersSuite("ioredis and node-redis on ACL: the fake answers like redis-server", {
  ioredis: ioredisScenario,
  nodeRedis: nodeRedisScenario,
});
