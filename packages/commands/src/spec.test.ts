import { describe, expect, it } from "vitest";
import { CommandFlags, Decoder } from "./command.js";
import { asIs } from "./replies/scalars.js";
import { command, defineSpec, parseReply, routedCommand, secondsToBlockMs } from "./spec.js";

describe("defineSpec", () => {
  it("takes the command's data from the table", () => {
    const spec = defineSpec<unknown>("GET", "Get", asIs);
    expect(spec).toMatchObject({
      name: "GET",
      arity: 2,
      glideName: "Get",
      keys: { kind: "range", first: 1, last: 1, step: 1 },
    });
    expect(Object.isFrozen(spec)).toBe(true);
  });

  it("resolves subcommands and applies overrides", () => {
    const spec = defineSpec<unknown>("config get", "ConfigGet", asIs, {
      request: "allNodes",
      flags: CommandFlags.ADMIN,
    });
    expect(spec.name).toBe("CONFIG GET");
    expect(spec.request).toBe("allNodes");
    expect(spec.flags).toBe(CommandFlags.ADMIN);
  });

  it("derives both names from GLIDE's spelling in the one-name form", () => {
    const spec = defineSpec<unknown>("ExpireAt", asIs);
    expect(spec).toMatchObject({ name: "EXPIREAT", glideName: "ExpireAt", parse: asIs });
    const sub = defineSpec<unknown>("Config Get", asIs, { request: "allNodes" });
    expect(sub).toMatchObject({ name: "CONFIG GET", glideName: "ConfigGet", parse: asIs });
    expect(sub.request).toBe("allNodes");
  });

  it("refuses a name the table does not know", () => {
    expect(() => defineSpec("NOPE", "Nope", asIs)).toThrow(/NOPE/);
    expect(() => defineSpec("Nope", asIs)).toThrow(/Nope/);
  });
});

describe("command", () => {
  const spec = defineSpec<unknown>("BLPOP", "BLPop", asIs);

  it("builds an invocation with defaults", () => {
    const cmd = command(spec, ["BLPOP", "k", 0]);
    expect(cmd).toEqual({
      spec,
      args: ["BLPOP", "k", 0],
      decoder: undefined,
      route: undefined,
      blockMs: undefined,
      meta: undefined,
    });
  });

  it("carries decoder, route, block time and meta", () => {
    const cmd = command(spec, ["BLPOP", "k", 1.5], Decoder.Bytes, {
      route: "randomNode",
      blockMs: secondsToBlockMs(1.5),
      meta: { withScores: true },
    });
    expect(cmd.decoder).toBe(Decoder.Bytes);
    expect(cmd.route).toBe("randomNode");
    expect(cmd.blockMs).toBe(1500);
    expect(cmd.meta).toEqual({ withScores: true });
  });

  it("takes a cluster variant's route from its options", () => {
    const routed = routedCommand(
      spec,
      ["BLPOP", "k", 0],
      { route: "allPrimaries" },
      Decoder.String,
    );
    expect(routed).toEqual({
      ...command(spec, ["BLPOP", "k", 0]),
      route: "allPrimaries",
      decoder: Decoder.String,
    });
    expect(routedCommand(spec, ["BLPOP", "k", 0], undefined).route).toBeUndefined();
  });

  it("parses a reply through the spec", () => {
    const cmd = command(spec, ["BLPOP", "k", 0]);
    expect(parseReply(cmd, ["k", "v"], 3)).toEqual(["k", "v"]);
  });
});
