import type { GlideString } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { type Command, Decoder, type DecoderOption, type RouteOption } from "./command.js";
import { DECODED, positional, ROUTED, SPREAD_LAST } from "./positional.js";
import { asIs } from "./replies/scalars.js";
import { defineSpec, routedCommand } from "./spec.js";

const STRLEN = defineSpec<unknown>("STRLEN", "Strlen", asIs);
const CONFIG_GET = defineSpec<unknown>("CONFIG GET", "ConfigGet", asIs);
const HMGET = defineSpec<unknown>("HMGET", "HMGet", asIs);

describe("positional", () => {
  it("sends the name's tokens, then the parameters in order", () => {
    const strlen: (key: GlideString) => Command<unknown> = positional(STRLEN, 1);
    expect(strlen("k")).toMatchObject({ spec: STRLEN, args: ["STRLEN", "k"], decoder: undefined });
    const configGet: (names: string[]) => Command<unknown> = positional(CONFIG_GET, 1, SPREAD_LAST);
    expect(configGet(["a", "b"]).args).toEqual(["CONFIG", "GET", "a", "b"]);
  });

  it("passes only its parameters: extra arguments are left out, as a function's would be", () => {
    const strlen = positional<(key: GlideString, ...rest: unknown[]) => Command<unknown>>(
      STRLEN,
      1,
    );
    expect(strlen("k", "extra").args).toEqual(["STRLEN", "k"]);
  });

  it("spreads the last parameter and takes the decoder after the parameters", () => {
    const hmget: (
      key: GlideString,
      fields: GlideString[],
      options?: DecoderOption,
    ) => Command<unknown> = positional(HMGET, 2, SPREAD_LAST, DECODED);
    const cmd = hmget("h", ["f1", Buffer.from("f2")], { decoder: Decoder.Bytes });
    expect(cmd.args).toEqual(["HMGET", "h", "f1", Buffer.from("f2")]);
    expect(cmd.decoder).toBe(Decoder.Bytes);
    expect(hmget("h", []).decoder).toBeUndefined();
  });

  it("builds a fresh argument list each time", () => {
    const strlen: (key: GlideString) => Command<unknown> = positional(STRLEN, 1);
    const first = strlen("a");
    strlen("b");
    expect(first.args).toEqual(["STRLEN", "a"]);
  });

  it("spreads a long array without the limit of a spread argument list", () => {
    const hmget: (key: GlideString, fields: GlideString[]) => Command<unknown> = positional(
      HMGET,
      2,
      SPREAD_LAST,
    );
    const fields = Array.from({ length: 200_000 }, (_, i) => `f${i}`);
    expect(hmget("h", fields).args).toHaveLength(200_002);
  });

  it("takes the route and the decoder from the one options object, as routedCommand does", () => {
    const configGet: (names: string[], options?: RouteOption & DecoderOption) => Command<unknown> =
      positional(CONFIG_GET, 1, SPREAD_LAST, DECODED, ROUTED);
    const options = { route: "allNodes", decoder: Decoder.Bytes } as const;
    expect(configGet(["a"], options)).toEqual(
      routedCommand(CONFIG_GET, ["CONFIG", "GET", "a"], options, options.decoder),
    );
    expect(configGet(["a"])).toEqual(routedCommand(CONFIG_GET, ["CONFIG", "GET", "a"], undefined));
  });
});
