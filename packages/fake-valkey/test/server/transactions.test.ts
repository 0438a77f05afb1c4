import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeStandalone, startStandalone } from "../../src/index.js";
import { rawClientsPerTest } from "../support/raw-clients-per-test.js";

describe("MULTI / EXEC / WATCH", () => {
  let server: FakeStandalone;
  const open = rawClientsPerTest(() => server.port);
  beforeAll(async () => {
    server = await startStandalone();
  });
  afterEach(async () => {
    server.keyspace().flush();
  });
  afterAll(() => server.stop());

  it("queues commands and runs them on EXEC", async () => {
    const client = await open();
    expect(await client.call(["MULTI"])).toBe("+OK");
    expect(await client.call(["SET", "k", "1"])).toBe("+QUEUED");
    expect(await client.call(["GET", "k"])).toBe("+QUEUED");
    expect(await client.call(["EXEC"])).toEqual(["+OK", "$1"]);
    expect(await client.call(["EXEC"])).toBe("-ERR EXEC without MULTI");
    expect(await client.call(["DISCARD"])).toBe("-ERR DISCARD without MULTI");
  });

  it("aborts with EXECABORT when a queued command was rejected", async () => {
    const client = await open();
    await client.call(["MULTI"]);
    expect(await client.call(["SET", "k"])).toBe(
      "-ERR wrong number of arguments for 'set' command",
    );
    expect(await client.call(["NOPE"])).toBe(
      "-ERR unknown command 'NOPE', with args beginning with: ",
    );
    expect(await client.call(["EXEC"])).toBe(
      "-EXECABORT Transaction discarded because of previous errors.",
    );
    expect(await client.call(["GET", "k"])).toEqual({ nil: "$" });
  });

  it("returns a null array when a watched key changed, and runs when it did not", async () => {
    const a = await open();
    const b = await open();
    expect(await a.call(["WATCH", "k"])).toBe("+OK");
    await b.call(["SET", "k", "other"]);
    await a.call(["MULTI"]);
    await a.call(["SET", "k", "mine"]);
    expect(await a.call(["EXEC"])).toEqual({ nil: "*" });
    expect(await a.call(["GET", "k"])).toBe("$other");
    await a.call(["WATCH", "k"]);
    await a.call(["MULTI"]);
    await a.call(["SET", "k", "mine"]);
    expect(await a.call(["EXEC"])).toEqual(["+OK"]);
  });

  it("refuses MULTI and WATCH inside MULTI, and the transaction then aborts (Valkey's NO_MULTI)", async () => {
    const client = await open();
    for (const refused of [["MULTI"], ["WATCH", "x"]]) {
      expect(await client.call(["MULTI"])).toBe("+OK");
      expect(await client.call(["SET", "k", "1"])).toBe("+QUEUED");
      expect(await client.call(refused)).toBe("-ERR Command not allowed inside a transaction");
      expect(await client.call(["EXEC"])).toBe(
        "-EXECABORT Transaction discarded because of previous errors.",
      );
    }
    expect(await client.call(["GET", "k"])).toEqual({ nil: "$" });
  });

  it("answers RESP3 null for an aborted watch", async () => {
    const a = await open();
    await a.call(["HELLO", "3"]);
    await a.call(["WATCH", "k"]);
    server.keyspace().put(Buffer.from("k"), { type: "string", value: Buffer.from("x") });
    await a.call(["MULTI"]);
    await a.call(["GET", "k"]);
    expect(await a.call(["EXEC"])).toBeNull();
  });

  it("DISCARD drops the queue", async () => {
    const client = await open();
    await client.call(["MULTI"]);
    await client.call(["SET", "k", "1"]);
    expect(await client.call(["DISCARD"])).toBe("+OK");
    expect(await client.call(["GET", "k"])).toEqual({ nil: "$" });
  });
});
