import { describe, expect, it } from "vitest";
import { type LuaHost, LuaVm } from "./vm.js";

const host: LuaHost = {
  call: (args) => Buffer.from(`$${args[0]?.length ?? 0}\r\n${args[0]?.toString() ?? ""}\r\n`),
  hook: () => 0,
  registerFunction: () => undefined,
  log: () => {},
};

function evaluate(vm: LuaVm, body: string, resp: 2 | 3 = 2): string {
  const name = `s${body.length}${Math.random()}`;
  const failure = vm.compile(name, Buffer.from(body));
  if (failure !== undefined) return `compile: ${failure}`;
  const result = vm.run(host, name, "sha", [Buffer.from("k")], [Buffer.from("a")], resp, false);
  return result.kind === "yielded" ? "yielded" : result.reply.toString("latin1");
}

describe("LuaVm", () => {
  const vm = new LuaVm("7.2.4");

  it("formats numbers as Lua 5.1 does", () => {
    expect(evaluate(vm, "return tostring(10/2)")).toBe("$1\r\n5\r\n");
    expect(evaluate(vm, "return string.format('%d', 3.7)")).toBe("$1\r\n3\r\n");
    expect(evaluate(vm, "return 3.99")).toBe(":3\r\n");
  });

  it("converts tables up to the first nil and booleans per protocol", () => {
    expect(evaluate(vm, "return {1, 'a', nil, 2}")).toBe("*2\r\n:1\r\n$1\r\na\r\n");
    expect(evaluate(vm, "return false")).toBe("$-1\r\n");
    expect(evaluate(vm, "return false", 3)).toBe("_\r\n");
    expect(evaluate(vm, "redis.setresp(3) return true", 3)).toBe("#t\r\n");
  });

  it("passes KEYS and ARGV and bridges redis.call", () => {
    expect(evaluate(vm, "return {KEYS[1], ARGV[1], redis.call('echo')}")).toBe(
      "*3\r\n$1\r\nk\r\n$1\r\na\r\n$4\r\necho\r\n",
    );
  });

  it("keeps the sandbox", () => {
    expect(evaluate(vm, "x = 1")).toBe(
      "-ERR user_script:1: Attempt to modify a readonly table script: sha, on @user_script:1.\r\n",
    );
    expect(evaluate(vm, "return os")).toContain("nonexistent global variable 'os'");
    expect(evaluate(vm, "string.x = 1")).toContain("Attempt to modify a readonly table");
  });

  it("reports compile errors", () => {
    expect(evaluate(vm, "retur")).toBe("compile: user_script:1: '=' expected near '<eof>'");
  });
});
