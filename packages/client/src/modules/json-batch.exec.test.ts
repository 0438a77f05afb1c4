// A JsonBatch pipeline and transaction run through a real GlideClient, against
// a scripted server answering valkey-json's documented replies (no module server
// runs here), on RESP2 and RESP3: exec's results must be GlideJson's results
// for the same replies, slot by slot.
import { type Command, ConditionalChange } from "@petrel/commands";
import { encodeReplyFrame, type ReplyFrame, RequestError } from "@petrel/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { defaultAnswer, ScriptedServer } from "../../test/helpers/scripted-server.js";
import { GlideClient, ProtocolVersion } from "../index.js";
import { GlideJson } from "./glide-json.js";
import { JsonBatch } from "./json-batch.js";

const bulk = (value: string | null): ReplyFrame => ({ type: "bulk", value });
const int = (value: number): ReplyFrame => ({ type: "integer", value });
const array = (...value: ReplyFrame[]): ReplyFrame => ({ type: "array", value });
const simple = (value: string): ReplyFrame => ({ type: "simple", value });

const DOC = '{"a":1,"b":[1,2],"s":"x","f":true}';

/** valkey-json's replies as its documentation gives them, by command line. */
const RECORDED = new Map<string, ReplyFrame>([
  [`JSON.SET k $ ${DOC}`, simple("OK")],
  ["JSON.SET k $.a 5 NX", bulk(null)],
  ["JSON.GET k $", bulk(`[${DOC}]`)],
  ["JSON.GET k INDENT \t $.b", bulk("[\n\t[\n\t\t1,\n\t\t2\n\t]\n]")],
  ["JSON.MGET k missing $.b", array(bulk("[[1,2]]"), bulk(null))],
  ["JSON.ARRINSERT k $.b 0 0", array(int(3))],
  ["JSON.ARRPOP k $.b -1", array(bulk("2"))],
  ["JSON.ARRPOP k .b", bulk("1")],
  ["JSON.ARRLEN k $..b", array(int(2), { type: "null" })],
  ["JSON.ARRLEN k .s", { type: "error", value: "WRONGTYPE JSON element is not an array" }],
  ["JSON.ARRTRIM k $.b 0 0", array(int(1))],
  ["JSON.ARRINDEX k $.b 1", array(int(0))],
  ["JSON.TOGGLE k $.f", array({ type: "boolean", value: false })],
  ["JSON.TOGGLE k .f", { type: "boolean", value: true }],
  ["JSON.TOGGLE k $..*", array({ type: "boolean", value: true }, { type: "null" })],
  ["JSON.DEL k $.missing", int(0)],
  ["JSON.FORGET k $.a", int(1)],
  ["JSON.TYPE k $", array(bulk("object"))],
  ["JSON.TYPE k .s", bulk("string")],
  ["JSON.CLEAR k $.b", int(1)],
  [
    "JSON.RESP k",
    array(
      simple("{"),
      array(bulk("a"), int(1)),
      array(bulk("b"), array(simple("["), int(1), int(2))),
      array(bulk("s"), bulk("x")),
      array(bulk("f"), simple("true")),
    ),
  ],
  ["JSON.STRLEN k $.s", array(int(1))],
  ['JSON.STRAPPEND k $.s "y"', array(int(2))],
  ["JSON.ARRAPPEND k $.b 3 4", array(int(4))],
  ["JSON.DEBUG MEMORY k", int(87)],
  ["JSON.DEBUG FIELDS k $", array(int(5))],
  ["JSON.NUMINCRBY k $.a 2", bulk("[3]")],
  ["JSON.NUMMULTBY k $.a 1.5", bulk("[4.5]")],
  ["JSON.OBJLEN k $", array(int(4))],
  ["JSON.OBJKEYS k $", array(array(bulk("a"), bulk("b"), bulk("s"), bulk("f")))],
]);

/** Every JSON helper call of the test, once as a JsonBatch call and once as GlideJson's. */
type Step = readonly [
  queue: <B extends { addCommand(command: Command<unknown>): unknown }>(batch: B) => B,
  send: (client: GlideClient) => Promise<unknown>,
];

const STEPS: readonly Step[] = [
  [(b) => JsonBatch.set(b, "k", "$", DOC), (c) => GlideJson.set(c, "k", "$", DOC)],
  [
    (b) =>
      JsonBatch.set(b, "k", "$.a", "5", {
        conditionalChange: ConditionalChange.ONLY_IF_DOES_NOT_EXIST,
      }),
    (c) =>
      GlideJson.set(c, "k", "$.a", "5", {
        conditionalChange: ConditionalChange.ONLY_IF_DOES_NOT_EXIST,
      }),
  ],
  [(b) => JsonBatch.get(b, "k", { path: "$" }), (c) => GlideJson.get(c, "k", { path: "$" })],
  [
    (b) => JsonBatch.get(b, "k", { path: "$.b", indent: "\t" }),
    (c) => GlideJson.get(c, "k", { path: "$.b", indent: "\t" }),
  ],
  [
    (b) => JsonBatch.mget(b, ["k", "missing"], "$.b"),
    (c) => GlideJson.mget(c, ["k", "missing"], "$.b"),
  ],
  [
    (b) => JsonBatch.arrinsert(b, "k", "$.b", 0, ["0"]),
    (c) => GlideJson.arrinsert(c, "k", "$.b", 0, ["0"]),
  ],
  [
    (b) => JsonBatch.arrpop(b, "k", { path: "$.b", index: -1 }),
    (c) => GlideJson.arrpop(c, "k", { path: "$.b", index: -1 }),
  ],
  [
    (b) => JsonBatch.arrpop(b, "k", { path: ".b" }),
    (c) => GlideJson.arrpop(c, "k", { path: ".b" }),
  ],
  [
    (b) => JsonBatch.arrlen(b, "k", { path: "$..b" }),
    (c) => GlideJson.arrlen(c, "k", { path: "$..b" }),
  ],
  [
    (b) => JsonBatch.arrlen(b, "k", { path: ".s" }),
    (c) => GlideJson.arrlen(c, "k", { path: ".s" }),
  ],
  [(b) => JsonBatch.arrtrim(b, "k", "$.b", 0, 0), (c) => GlideJson.arrtrim(c, "k", "$.b", 0, 0)],
  [(b) => JsonBatch.arrindex(b, "k", "$.b", 1), (c) => GlideJson.arrindex(c, "k", "$.b", 1)],
  [
    (b) => JsonBatch.toggle(b, "k", { path: "$.f" }),
    (c) => GlideJson.toggle(c, "k", { path: "$.f" }),
  ],
  [
    (b) => JsonBatch.toggle(b, "k", { path: ".f" }),
    (c) => GlideJson.toggle(c, "k", { path: ".f" }),
  ],
  [
    (b) => JsonBatch.toggle(b, "k", { path: "$..*" }),
    (c) => GlideJson.toggle(c, "k", { path: "$..*" }),
  ],
  [
    (b) => JsonBatch.del(b, "k", { path: "$.missing" }),
    (c) => GlideJson.del(c, "k", { path: "$.missing" }),
  ],
  [
    (b) => JsonBatch.forget(b, "k", { path: "$.a" }),
    (c) => GlideJson.forget(c, "k", { path: "$.a" }),
  ],
  [(b) => JsonBatch.type(b, "k", { path: "$" }), (c) => GlideJson.type(c, "k", { path: "$" })],
  [(b) => JsonBatch.type(b, "k", { path: ".s" }), (c) => GlideJson.type(c, "k", { path: ".s" })],
  [
    (b) => JsonBatch.clear(b, "k", { path: "$.b" }),
    (c) => GlideJson.clear(c, "k", { path: "$.b" }),
  ],
  [(b) => JsonBatch.resp(b, "k"), (c) => GlideJson.resp(c, "k")],
  [
    (b) => JsonBatch.strlen(b, "k", { path: "$.s" }),
    (c) => GlideJson.strlen(c, "k", { path: "$.s" }),
  ],
  [
    (b) => JsonBatch.strappend(b, "k", '"y"', { path: "$.s" }),
    (c) => GlideJson.strappend(c, "k", '"y"', { path: "$.s" }),
  ],
  [
    (b) => JsonBatch.arrappend(b, "k", "$.b", ["3", "4"]),
    (c) => GlideJson.arrappend(c, "k", "$.b", ["3", "4"]),
  ],
  [(b) => JsonBatch.debugMemory(b, "k"), (c) => GlideJson.debugMemory(c, "k")],
  [
    (b) => JsonBatch.debugFields(b, "k", { path: "$" }),
    (c) => GlideJson.debugFields(c, "k", { path: "$" }),
  ],
  [(b) => JsonBatch.numincrby(b, "k", "$.a", 2), (c) => GlideJson.numincrby(c, "k", "$.a", 2)],
  [(b) => JsonBatch.nummultby(b, "k", "$.a", 1.5), (c) => GlideJson.nummultby(c, "k", "$.a", 1.5)],
  [(b) => JsonBatch.objlen(b, "k", { path: "$" }), (c) => GlideJson.objlen(c, "k", { path: "$" })],
  [
    (b) => JsonBatch.objkeys(b, "k", { path: "$" }),
    (c) => GlideJson.objkeys(c, "k", { path: "$" }),
  ],
];

/** What both protocols must give, slot by slot (the WRONGTYPE slot holds the error). */
const EXPECTED: readonly unknown[] = [
  "OK",
  null,
  `[${DOC}]`,
  "[\n\t[\n\t\t1,\n\t\t2\n\t]\n]",
  ["[[1,2]]", null],
  [3],
  ["2"],
  "1",
  [2, null],
  "WRONGTYPE:",
  [1],
  [0],
  [false],
  true,
  [true, null],
  0,
  1,
  ["object"],
  "string",
  1,
  ["{", ["a", 1], ["b", ["[", 1, 2]], ["s", "x"], ["f", "true"]],
  [1],
  [2],
  [4],
  87,
  [5],
  "[3]",
  "[4.5]",
  [4],
  [["a", "b", "s", "f"]],
];

/** Answers JSON commands with RECORDED and MULTI/EXEC like a server; the rest as the handshake expects. */
function jsonServer(resp: 2 | 3) {
  const queued = new Map<number, ReplyFrame[]>();
  return ScriptedServer.start((args, connection) => {
    const name = (args[0] ?? "").toUpperCase();
    const transaction = queued.get(connection.id);
    if (name === "MULTI") {
      queued.set(connection.id, []);
      return "+OK\r\n";
    }
    if (name === "EXEC" && transaction !== undefined) {
      queued.delete(connection.id);
      return encodeReplyFrame(array(...transaction), resp);
    }
    if (!name.startsWith("JSON.")) return defaultAnswer(args);
    const reply = RECORDED.get(args.join(" ")) ?? {
      type: "error",
      value: `ERR no recorded reply for ${args.join(" ")}`,
    };
    if (transaction === undefined) return encodeReplyFrame(reply, resp);
    transaction.push(reply);
    return "+QUEUED\r\n";
  });
}

function batchOf(isAtomic: boolean) {
  const commands: Command<unknown>[] = [];
  const batch = {
    isAtomic,
    commands,
    addCommand(command: Command<unknown>) {
      commands.push(command);
      return batch;
    },
  };
  for (const [queue] of STEPS) queue(batch);
  return batch;
}

/** An error slot compared by its message's first word, other slots as they are. */
function comparable(result: unknown): unknown {
  return result instanceof RequestError ? result.message.split(" ")[0] : result;
}

const servers: ScriptedServer[] = [];
const clients: GlideClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.stop();
});

describe.each([
  ["RESP2", ProtocolVersion.RESP2, 2],
  ["RESP3", ProtocolVersion.RESP3, 3],
] as const)("a JsonBatch through GlideClient.exec over %s", (_name, protocol, resp) => {
  async function connect(): Promise<GlideClient> {
    const server = await jsonServer(resp);
    servers.push(server);
    const client = await GlideClient.createClient({
      addresses: [server.address],
      protocol,
      requestTimeout: 2000,
    });
    clients.push(client);
    return client;
  }

  async function oneByOne(client: GlideClient): Promise<unknown[]> {
    const results: unknown[] = [];
    for (const [, send] of STEPS) {
      results.push(await send(client).catch((error: unknown) => error));
    }
    return results;
  }

  it.each([false, true])("gives GlideJson's results in order (atomic: %s)", async (atomic) => {
    const client = await connect();
    const single = await oneByOne(client);
    const batched = await client.exec(batchOf(atomic), false);
    expect(batched).toHaveLength(STEPS.length);
    expect((batched ?? []).map(comparable)).toEqual(single.map(comparable));
    expect((batched ?? []).map(comparable)).toEqual(EXPECTED);
    expect(batched?.[9]).toBeInstanceOf(RequestError);

    // The batch put the same command lines on the wire, inside MULTI/EXEC when atomic.
    const received = (servers.at(-1)?.connections ?? []).flatMap((c) => c.commands);
    const json = received.filter((args) => /^JSON\./i.test(args[0] ?? ""));
    expect(json).toHaveLength(2 * STEPS.length);
    expect(json.slice(STEPS.length)).toEqual(json.slice(0, STEPS.length));
    expect(received.some((args) => args[0] === "MULTI")).toBe(atomic);
  });

  it("rejects with the server's error when raiseOnError is set", async () => {
    const client = await connect();
    await expect(client.exec(batchOf(false), true)).rejects.toThrow(
      "WRONGTYPE: JSON element is not an array",
    );
  });
});
