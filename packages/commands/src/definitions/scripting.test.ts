import { describe, expect, it } from "vitest";
import { Decoder } from "../command.js";
import { FunctionRestorePolicy } from "../options/scripting.js";
import { FlushMode } from "../options/server.js";
import { keyIndexes } from "../table/key-specs.js";
import * as scripting from "./scripting.js";
import { parseBoth, respMap } from "./test-support/both-protocols.js";

describe("scripting arguments", () => {
  it.each([
    ["fcall", scripting.fcall("f", ["k1", "k2"], ["a"]), ["FCALL", "f", 2, "k1", "k2", "a"]],
    ["fcallReadonly", scripting.fcallReadonly("f", [], ["a"]), ["FCALL_RO", "f", 0, "a"]],
    ["fcallWithRoute", scripting.fcallWithRoute("f", ["a"]), ["FCALL", "f", 0, "a"]],
    ["fcallReadonlyWithRoute", scripting.fcallReadonlyWithRoute("f", []), ["FCALL_RO", "f", 0]],
    ["evalsha", scripting.evalsha("abc", ["k"], ["1"]), ["EVALSHA", "abc", 1, "k", "1"]],
    ["scriptLoad", scripting.scriptLoad("return 1"), ["SCRIPT", "LOAD", "return 1"]],
    ["scriptExists", scripting.scriptExists(["a", "b"]), ["SCRIPT", "EXISTS", "a", "b"]],
    ["scriptFlush", scripting.scriptFlush(), ["SCRIPT", "FLUSH"]],
    ["scriptFlush ASYNC", scripting.scriptFlush(FlushMode.ASYNC), ["SCRIPT", "FLUSH", "ASYNC"]],
    [
      "scriptFlush cluster",
      scripting.scriptFlushCluster({ mode: FlushMode.SYNC }),
      ["SCRIPT", "FLUSH", "SYNC"],
    ],
    ["scriptKill", scripting.scriptKill(), ["SCRIPT", "KILL"]],
    ["scriptShow", scripting.scriptShow("abc"), ["SCRIPT", "SHOW", "abc"]],
    ["functionLoad", scripting.functionLoad("code"), ["FUNCTION", "LOAD", "code"]],
    [
      "functionLoad REPLACE",
      scripting.functionLoad("code", { replace: true }),
      ["FUNCTION", "LOAD", "REPLACE", "code"],
    ],
    ["functionDelete", scripting.functionDelete("lib"), ["FUNCTION", "DELETE", "lib"]],
    ["functionFlush", scripting.functionFlush(FlushMode.SYNC), ["FUNCTION", "FLUSH", "SYNC"]],
    ["functionKill", scripting.functionKill(), ["FUNCTION", "KILL"]],
    ["functionDump", scripting.functionDump(), ["FUNCTION", "DUMP"]],
    [
      "functionRestore",
      scripting.functionRestore(Buffer.from("x"), FunctionRestorePolicy.REPLACE),
      ["FUNCTION", "RESTORE", Buffer.from("x"), "REPLACE"],
    ],
    ["functionList", scripting.functionList(), ["FUNCTION", "LIST"]],
    [
      "functionList options",
      scripting.functionList({ libNamePattern: "my*", withCode: true }),
      ["FUNCTION", "LIST", "LIBRARYNAME", "my*", "WITHCODE"],
    ],
    ["functionStats", scripting.functionStatsCluster(), ["FUNCTION", "STATS"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("fcall routes by its keys; dumps are binary; routes pass through", () => {
    const cmd = scripting.fcall("f", ["{a}1", "{a}2"], ["x"]);
    expect(keyIndexes(cmd.spec.keys, cmd.args)).toEqual([3, 4]);
    expect(scripting.functionDump().decoder).toBe(Decoder.Bytes);
    expect(scripting.functionKillCluster({ route: "allPrimaries" }).route).toBe("allPrimaries");
    expect(scripting.functionLoadCluster("c", { route: "allNodes" }).route).toBe("allNodes");
  });
});

describe("scripting replies (RESP2 = RESP3)", () => {
  it("scriptExists gives booleans", () => {
    const result = parseBoth(scripting.scriptExists(["a", "b"]), [1, 0], [1, 0]);
    expect(result).toEqual({ resp2: [true, false], resp3: [true, false] });
  });

  it("fcall returns the reply as is", () => {
    expect(parseBoth(scripting.fcall("f", [], []), ["a", 1], ["a", 1]).resp3).toEqual(["a", 1]);
  });

  it("functionList: nested RESP2 arrays and RESP3 maps/sets give one shape", () => {
    const resp2 = [
      [
        "library_name",
        "mylib",
        "engine",
        "LUA",
        "functions",
        [["name", "myfunc", "description", null, "flags", ["no-writes"]]],
      ],
    ];
    const resp3 = [
      respMap(
        ["library_name", "mylib"],
        ["engine", "LUA"],
        [
          "functions",
          [respMap(["name", "myfunc"], ["description", null], ["flags", new Set(["no-writes"])])],
        ],
      ),
    ];
    const result = parseBoth(scripting.functionList(), resp2, resp3);
    expect(result.resp2).toEqual([
      {
        library_name: "mylib",
        engine: "LUA",
        functions: [{ name: "myfunc", description: null, flags: ["no-writes"] }],
      },
    ]);
    expect(result.resp3).toEqual(result.resp2);
  });

  it("functionStats: running script and engines", () => {
    const resp2 = [
      "running_script",
      ["name", "f", "command", ["FCALL", "f", "0"], "duration_ms", 5],
      "engines",
      ["LUA", ["libraries_count", 1, "functions_count", 2]],
    ];
    const resp3 = respMap(
      [
        "running_script",
        respMap(["name", "f"], ["command", ["FCALL", "f", "0"]], ["duration_ms", 5]),
      ],
      ["engines", respMap(["LUA", respMap(["libraries_count", 1], ["functions_count", 2])])],
    );
    const result = parseBoth(scripting.functionStatsCluster(), resp2, resp3);
    expect(result.resp2).toEqual({
      running_script: { name: "f", command: ["FCALL", "f", "0"], duration_ms: 5 },
      engines: { LUA: { libraries_count: 1, functions_count: 2 } },
    });
    expect(result.resp3).toEqual(result.resp2);
    const idle = parseBoth(
      scripting.functionStatsCluster(),
      ["running_script", null, "engines", []],
      respMap(["running_script", null], ["engines", []]),
    );
    expect(idle.resp2).toEqual({ running_script: null, engines: {} });
    expect(idle.resp3).toEqual(idle.resp2);
  });

  it("functionDump needs a Buffer", () => {
    const payload = Buffer.from([1, 2]);
    expect(parseBoth(scripting.functionDump(), payload, payload).resp3).toBe(payload);
    expect(() => parseBoth(scripting.functionDump(), "x", "x")).toThrow(/bulk string/);
  });
});
