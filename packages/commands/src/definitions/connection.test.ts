import { describe, expect, it } from "vitest";
import { CommandFlags, Decoder } from "../command.js";
import { keyIndexes } from "../table/key-specs.js";
import * as connection from "./connection.js";
import { parseBoth } from "./test-support/both-protocols.js";

describe("connection command arguments", () => {
  it.each([
    ["ping", connection.ping(), ["PING"]],
    ["ping message", connection.ping({ message: "hi" }), ["PING", "hi"]],
    ["ping cluster", connection.pingCluster({ message: "hi", route: "allNodes" }), ["PING", "hi"]],
    ["echo", connection.echo("hi"), ["ECHO", "hi"]],
    ["select", connection.select(2), ["SELECT", 2]],
    ["clientId", connection.clientId(), ["CLIENT", "ID"]],
    ["clientGetName", connection.clientGetName(), ["CLIENT", "GETNAME"]],
    ["customCommand", connection.customCommand(["SET", "k", "v"]), ["SET", "k", "v"]],
  ])("%s", (_name, cmd, args) => {
    expect(cmd.args).toEqual(args);
  });

  it("cluster variants carry the route and decoder", () => {
    const echo = connection.echoCluster("hi", { route: "randomNode", decoder: Decoder.Bytes });
    expect(echo.route).toBe("randomNode");
    expect(echo.decoder).toBe(Decoder.Bytes);
    expect(connection.clientIdCluster({ route: "allPrimaries" }).route).toBe("allPrimaries");
    expect(connection.clientGetNameCluster({ route: "allNodes" }).route).toBe("allNodes");
  });

  it("select goes to every node in cluster mode (GLIDE's rule)", () => {
    expect(connection.select(0).spec.request).toBe("allNodes");
  });
});

describe("customCommand", () => {
  it("takes routing data from the table, subcommands included", () => {
    const cmd = connection.customCommand(["mset", "a", "1", "b", "2"]);
    expect(cmd.spec.name).toBe("MSET");
    expect(cmd.spec.glideName).toBe("CustomCommand");
    expect(keyIndexes(cmd.spec.keys, cmd.args)).toEqual([1, 3]);
    const config = connection.customCommand([Buffer.from("CONFIG"), Buffer.from("set"), "a", "b"]);
    expect(config.spec.name).toBe("CONFIG SET");
    expect(config.spec.request).toBe("allNodes");
    expect(
      connection.customCommand(["BLPOP", "k", "0"]).spec.flags & CommandFlags.BLOCKING,
    ).not.toBe(0);
  });

  it("shares one spec per known command", () => {
    expect(connection.customCommand(["GET", "a"]).spec).toBe(
      connection.customCommand(["get", "b"]).spec,
    );
  });

  it("accepts commands the table does not know, without keys", () => {
    const cmd = connection.customCommand(["MODULE.CMD", "x"]);
    expect(cmd.spec.name).toBe("MODULE.CMD");
    expect(cmd.spec.keys).toEqual({ kind: "none" });
  });

  it("copies the caller's array and rejects an empty one", () => {
    const args = ["GET", "k"];
    const cmd = connection.customCommand(args);
    args.push("extra");
    expect(cmd.args).toEqual(["GET", "k"]);
    expect(() => connection.customCommand([])).toThrow(TypeError);
  });

  it("returns the reply unshaped, under both protocols", () => {
    const reply = [{ key: "a", value: 1 }];
    expect(parseBoth(connection.customCommand(["HELLO"]), reply, reply).resp3).toBe(reply);
    expect(connection.customCommandCluster(["PING"], { route: "allNodes" }).route).toBe("allNodes");
  });
});

describe("connection command replies (RESP2 = RESP3)", () => {
  it("ping and echo", () => {
    expect(parseBoth(connection.ping(), "PONG", "PONG")).toEqual({ resp2: "PONG", resp3: "PONG" });
    const buffer = Buffer.from("hi");
    expect(parseBoth(connection.echo("hi"), buffer, buffer).resp3).toBe(buffer);
  });

  it("clientId and clientGetName", () => {
    expect(parseBoth(connection.clientId(), 42, 42)).toEqual({ resp2: 42, resp3: 42 });
    expect(parseBoth(connection.clientGetName(), null, null)).toEqual({ resp2: null, resp3: null });
    expect(parseBoth(connection.clientGetName(), "me", "me").resp3).toBe("me");
  });

  it("select gives OK", () => {
    expect(parseBoth(connection.select(1), "OK", "OK").resp3).toBe("OK");
  });
});

describe("reset", () => {
  it("sends RESET and accepts only RESET", () => {
    expect(connection.reset().args).toEqual(["RESET"]);
    expect(parseBoth(connection.reset(), "RESET", "RESET")).toEqual({
      resp2: "RESET",
      resp3: "RESET",
    });
    expect(() => parseBoth(connection.reset(), "OK", "OK")).toThrow(/"RESET"/);
  });
});
