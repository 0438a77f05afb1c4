import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
import { RawClient } from "../support/raw-client.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("connection commands", () => {
  let server: FakeStandalone;
  const open = rawClientsPerTest(() => server.port);

  beforeAll(async () => {
    server = await startStandalone({ seed: 3 });
  });
  afterAll(() => server.stop());

  it("answers PING, ECHO and pipelined requests in order", async () => {
    const client = await open();
    client.writeRaw("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$2\r\nhi\r\nPING x\r\n");
    expect([await client.read(), await client.read(), await client.read()]).toEqual([
      "+PONG",
      "$hi",
      "$x",
    ]);
    expect(await client.call(["PING", "a", "b"])).toBe(
      "-ERR wrong number of arguments for 'ping' command",
    );
  });

  it("switches protocol with HELLO and reports the connection", async () => {
    const client = await open();
    const reply = await client.call(["HELLO", "3", "SETNAME", "app"]);
    expect(reply).toEqual({
      map: [
        ["$server", "$valkey"],
        ["$version", "$8.1.1"],
        ["$proto", ":3"],
        ["$id", expect.stringMatching(/^:\d+$/)],
        ["$mode", "$standalone"],
        ["$role", "$master"],
        ["$modules", []],
      ],
    });
    expect(await client.call(["CLIENT", "GETNAME"])).toBe("$app");
    expect(await client.call(["GET", "missing"])).toBeNull();
    expect(await client.call(["HELLO", "4"])).toBe("-NOPROTO unsupported protocol version");
    expect(await client.call(["HELLO", "3", "BOGUS"])).toBe(
      "-ERR Syntax error in HELLO option 'BOGUS'",
    );
  });

  it("answers unknown commands and subcommands like the server", async () => {
    const client = await open();
    expect(await client.call(["FOO", "a", "b"])).toBe(
      "-ERR unknown command 'FOO', with args beginning with: 'a' 'b' ",
    );
    expect(await client.call(["CLIENT", "NOPE"])).toBe(
      "-ERR unknown subcommand 'NOPE'. Try CLIENT HELP.",
    );
    expect(await client.call(["CLIENT"])).toBe(
      "-ERR wrong number of arguments for 'client' command",
    );
    expect(await client.call(["CLIENT", "SETNAME"])).toBe(
      "-ERR wrong number of arguments for 'client|setname' command",
    );
  });

  it("keeps names, databases and ids per connection", async () => {
    const a = await open();
    const b = await open();
    expect(await a.call(["CLIENT", "SETNAME", "has space"])).toBe(
      "-ERR Client names cannot contain spaces, newlines or special characters.",
    );
    expect(await a.call(["CLIENT", "SETNAME", "alpha"])).toBe("+OK");
    expect(await a.call(["SELECT", "3"])).toBe("+OK");
    expect(await a.call(["SELECT", "16"])).toBe("-ERR DB index is out of range");
    expect(await a.call(["SELECT", "x"])).toBe("-ERR value is not an integer or out of range");
    expect(await a.call(["SET", "k", "in-3"])).toBe("+OK");
    expect(await b.call(["GET", "k"])).toEqual({ nil: "$" });
    expect(await a.call(["CLIENT", "SETINFO", "LIB-NAME", "petrel"])).toBe("+OK");
    const idA = await a.call(["CLIENT", "ID"]);
    const idB = await b.call(["CLIENT", "ID"]);
    expect(idA).not.toEqual(idB);
    const states = server.connections(server.primary);
    const alpha = states.find((state) => state.name === "alpha");
    expect(alpha).toMatchObject({ db: 3, resp: 2, libName: "petrel" });
    expect(alpha?.commands.get("client|setname")).toBe(2);
    const list = await b.call(["CLIENT", "LIST"]);
    expect(list).toEqual(expect.stringContaining("name=alpha"));
    expect(list).toEqual(expect.stringContaining("db=3"));
  });

  it("kills clients by id", async () => {
    const a = await open();
    const b = await open();
    const id = String(await b.call(["CLIENT", "ID"])).slice(1);
    expect(await a.call(["CLIENT", "KILL", "ID", id])).toBe(":1");
    await b.waitClosed();
    expect(await a.call(["CLIENT", "KILL", "1.2.3.4:5"])).toBe("-ERR No such client");
  });

  it("stores and returns a 32 MiB value", async () => {
    const client = await open();
    // 32 MiB through a loopback socket: a busy machine needs longer than the default wait.
    const slowCall = (command: (string | Buffer)[]) => {
      client.send(command);
      return client.read(20_000);
    };
    const value = Buffer.alloc(32 * 1024 * 1024, 0x7a);
    expect(await slowCall(["SET", "big", value])).toBe("+OK");
    expect(await slowCall(["STRLEN", "big"])).toBe(`:${value.length}`);
    const reply = await slowCall(["GET", "big"]);
    expect(typeof reply === "string" && reply.length).toBe(value.length + 1);
    expect(await slowCall(["DEL", "big"])).toBe(":1");
  }, 90_000);

  it("answers a protocol error, then closes the connection", async () => {
    const client = await open();
    client.writeRaw("*1\r\n:1\r\n");
    expect(await client.read()).toBe("-ERR Protocol error: expected '$', got ':'");
    await client.waitClosed();
  });

  it("refuses arguments above proto-max-bulk-len", async () => {
    const admin = await open();
    expect(await admin.call(["CONFIG", "SET", "proto-max-bulk-len", "1048576"])).toBe("+OK");
    const client = await open();
    client.writeRaw("*2\r\n$3\r\nGET\r\n$2000000\r\n");
    expect(await client.read()).toBe("-ERR Protocol error: invalid bulk length");
    await client.waitClosed();
    expect(await admin.call(["CONFIG", "SET", "proto-max-bulk-len", "536870912"])).toBe("+OK");
  });

  it("QUIT answers OK then closes; RESET restores defaults", async () => {
    const client = await open();
    await client.call(["HELLO", "3"]);
    await client.call(["SELECT", "2"]);
    const id = Number(String(await client.call(["CLIENT", "ID"])).slice(1));
    const state = () => server.connections(server.primary).find((s) => s.id === id);
    expect(state()).toMatchObject({ resp: 3, db: 2 });
    expect(await client.call(["RESET"])).toBe("+RESET");
    expect(state()).toMatchObject({ resp: 2, db: 0 });
    expect(await client.call(["QUIT"])).toBe("+OK");
    await client.waitClosed();
  });

  it("reports watch, traffic and command counts in CLIENT INFO, and writes in INFO persistence", async () => {
    const client = await open();
    const field = (line: unknown, name: string) =>
      Number(new RegExp(` ${name}=(\\d+)`).exec(String(line))?.[1] ?? "-1");
    const changes = async () =>
      Number(
        /rdb_changes_since_last_save:(\d+)/.exec(
          String(await client.call(["INFO", "persistence"])),
        )?.[1],
      );
    const before = await changes();
    await client.call(["WATCH", "a", "b"]);
    await client.call(["MSET", "a", "1", "b", "2"]);
    const first = await client.call(["CLIENT", "INFO"]);
    expect(field(first, "watch")).toBe(2);
    expect(field(first, "tot-net-in")).toBeGreaterThan(0);
    expect(field(first, "tot-net-out")).toBeGreaterThan(0);
    const second = await client.call(["CLIENT", "INFO"]);
    expect(field(second, "tot-cmds")).toBe(field(first, "tot-cmds") + 1);
    expect(field(second, "tot-net-in")).toBeGreaterThan(field(first, "tot-net-in"));
    expect(String(second)).toMatch(
      / multi=-1 watch=2 qbuf=.* lib-ver= tot-net-in=\d+ tot-net-out=\d+ tot-cmds=\d+\n$/,
    );
    expect(await changes()).toBe(before + 2);
    expect(await client.call(["MEMORY", "USAGE", "a"])).toMatch(/^:\d+$/);
    expect(await client.call(["MEMORY", "USAGE", "nosuch"])).toEqual({ nil: "$" });
  });

  it("names each command's COMMAND DOCS group after the file that defines it", async () => {
    const client = await open();
    const docs = (await client.call([
      "COMMAND",
      "DOCS",
      "setbit",
      "pfadd",
      "dbsize",
      "bzpopmin",
      "blpop",
      "xadd",
      "geoadd",
      "sort",
    ])) as unknown[];
    const groups: Record<string, unknown> = {};
    for (let i = 0; i < docs.length; i += 2) {
      const fields = docs[i + 1] as unknown[];
      groups[String(docs[i]).slice(1)] = fields[fields.indexOf("$group") + 1];
    }
    expect(groups).toEqual({
      setbit: "$bitmap",
      pfadd: "$hyperloglog",
      dbsize: "$server",
      bzpopmin: "$sorted-set",
      blpop: "$list",
      xadd: "$stream",
      geoadd: "$geo",
      sort: "$generic",
    });
  });

  it("reports INFO sections, CONFIG and TIME from the server clock", async () => {
    const client = await open();
    expect(await client.call(["CONFIG", "SET", "availability-zone", "az-b"])).toBe("+OK");
    const info = String(await client.call(["INFO", "server"]));
    expect(info).toContain("# Server\r\n");
    expect(info).toContain("redis_version:7.2.4\r\n");
    expect(info).toContain("valkey_version:8.1.1\r\n");
    expect(info).toContain("availability_zone:az-b\r\n");
    expect(info).not.toContain("# Clients");
    expect(await client.call(["CONFIG", "GET", "availability-zone"])).toEqual([
      "$availability-zone",
      "$az-b",
    ]);
    expect(await client.call(["CONFIG", "SET", "nope", "1"])).toBe(
      "-ERR Unknown option or number of arguments for CONFIG SET - 'nope'",
    );
    const time = await client.call(["TIME"]);
    expect(time).toEqual([expect.stringMatching(/^\$\d+$/), expect.stringMatching(/^\$\d+$/)]);
    expect(String(await client.call(["INFO"]))).toContain("# Persistence\r\nloading:0\r\n");
    const keyspace = String(await client.call(["INFO", "keyspace"]));
    expect(keyspace.startsWith("$# Keyspace")).toBe(true);
  });

  it("describes its commands through COMMAND", async () => {
    const client = await open();
    const count = await client.call(["COMMAND", "COUNT"]);
    expect(Number(String(count).slice(1))).toBeGreaterThan(50);
    const info = await client.call(["COMMAND", "INFO", "get", "nosuch"]);
    expect(Array.isArray(info) && info[0]).toEqual([
      "$get",
      ":2",
      expect.anything(),
      ":1",
      ":1",
      ":1",
      [],
      [],
      [],
      [],
    ]);
    expect(Array.isArray(info) && info[1]).toEqual({ nil: "$" });
    expect(await client.call(["COMMAND", "GETKEYS", "MSET", "a", "1", "b", "2"])).toEqual([
      "$a",
      "$b",
    ]);
    await client.call(["HELLO", "3"]);
    const docs = await client.call(["COMMAND", "DOCS", "get", "hset", "nosuch", "pubsub"]);
    expect(docs).toEqual({
      map: [
        ["$get", { map: [["$group", "$string"]] }],
        ["$hset", { map: [["$group", "$hash"]] }],
        [
          "$pubsub",
          {
            map: [
              ["$group", "$pubsub"],
              ["$subcommands", { map: expect.any(Array) }],
            ],
          },
        ],
      ],
    });
    const list = await client.call(["COMMAND", "LIST"]);
    expect(list).toEqual(expect.arrayContaining(["$get", "$cluster", "$hello"]));
  });
});

describe("authentication", () => {
  let server: FakeStandalone;
  beforeAll(async () => {
    server = await startStandalone({
      password: "secret",
      users: [{ name: "app", passwords: ["apppw"] }],
    });
  });
  afterAll(() => server.stop());

  it("requires AUTH, accepts the password and ACL users", async () => {
    const client = await RawClient.connect(server.port);
    try {
      expect(await client.call(["GET", "k"])).toBe("-NOAUTH Authentication required.");
      expect(await client.call(["AUTH", "wrong"])).toBe(
        "-WRONGPASS invalid username-password pair or user is disabled.",
      );
      expect(await client.call(["AUTH", "secret"])).toBe("+OK");
      expect(await client.call(["AUTH", "app", "apppw"])).toBe("+OK");
      expect(server.connections(server.primary)[0]?.user).toBe("app");
    } finally {
      client.close();
    }
  });

  it("authenticates within HELLO, or refuses HELLO before AUTH", async () => {
    const client = await RawClient.connect(server.port);
    try {
      expect(String(await client.call(["HELLO", "3"]))).toMatch(/^-NOAUTH HELLO must be called/);
      const reply = await client.call(["HELLO", "3", "AUTH", "app", "apppw", "SETNAME", "n"]);
      expect(reply).toMatchObject({ map: expect.arrayContaining([["$proto", ":3"]]) });
      expect(await client.call(["CLIENT", "GETNAME"])).toBe("$n");
    } finally {
      client.close();
    }
  });

  it("rotates passwords and users through the control API", async () => {
    const client = await RawClient.connect(server.port);
    try {
      server.setPassword("rotated");
      expect(await client.call(["AUTH", "secret"])).toBe(
        "-WRONGPASS invalid username-password pair or user is disabled.",
      );
      expect(await client.call(["AUTH", "rotated"])).toBe("+OK");
      server.setUser({ name: "app", passwords: ["x"], enabled: false });
      expect(await client.call(["AUTH", "app", "x"])).toBe(
        "-WRONGPASS invalid username-password pair or user is disabled.",
      );
      server.setPassword("apppw2", "app");
      expect(await client.call(["AUTH", "app", "apppw2"])).toBe("+OK");
    } finally {
      server.setPassword("secret");
      server.setUser({ name: "app", passwords: ["apppw"] });
      client.close();
    }
  });

  it("closes unauthenticated connections that send oversized requests", async () => {
    const client = await RawClient.connect(server.port);
    try {
      client.send(Array.from({ length: 11 }, () => "x"));
      expect(await client.read()).toBe("-ERR Protocol error: unauthenticated multibulk length");
      await client.waitClosed();
    } finally {
      client.close();
    }
  });
});
