import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fakeNodeCommandTable } from "../commands/index.js";
import { AclCommandIndex } from "./command-index.js";
import { AclUser, hashPassword } from "./user.js";

const index = new AclCommandIndex(fakeNodeCommandTable());

const RULES = [
  "on",
  "off",
  "nopass",
  "resetpass",
  ">a",
  ">b",
  "<a",
  "~k*",
  "%R~r*",
  "%W~w*",
  "%RW~x",
  "allkeys",
  "resetkeys",
  "&c*",
  "allchannels",
  "resetchannels",
  "+get",
  "-get",
  "+set",
  "+@hash",
  "-@hash",
  "-hset",
  "+@all",
  "-@all",
  "+config|get",
  "-config",
  "+select|0",
  "+client",
  "-client|kill",
  "(~s* +get)",
  "(%R~t* &c1 +@read -hget)",
  "clearselectors",
  "reset",
  "skip-sanitize-payload",
  "sanitize-payload",
];

/** A description's rules, a selector's `(...)` kept as one. */
function splitRules(description: string): string[] {
  return description.match(/\([^)]*\)|\S+/g) ?? [];
}

function permissions(user: AclUser): unknown {
  return user.selectors.map((selector) => ({
    allowed: [...selector.allowed].sort(),
    firstArgs: [...selector.firstArgs].sort(),
    keys: selector.describeKeys(),
    channels: selector.describeChannels(),
  }));
}

describe("ACL users", () => {
  it("are recreated exactly from their own description (ACL LIST round trip)", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...RULES), { maxLength: 25 }), (rules) => {
        const user = new AclUser("u", index);
        for (const rule of rules) user.apply(rule);
        const copy = new AclUser("u", index);
        for (const rule of ["reset", ...splitRules(user.describe())])
          expect(copy.apply(rule)).toBeUndefined();
        expect(copy.describe()).toBe(user.describe());
        expect(permissions(copy)).toEqual(permissions(user));
        expect(copy.passwords).toEqual(user.passwords);
      }),
    );
  });

  it("keep command rules in the order given, a repeated rule moved to the end", () => {
    const user = new AclUser("u", index);
    for (const rule of ["+get", "+@hash", "-hset", "+config|get", "+get", "-config"])
      user.apply(rule);
    expect(user.root.describeCommands()).toBe("-@all +@hash -hset +get -config");
  });

  it("accept a password by its hash, and none while off", () => {
    const user = new AclUser("u", index);
    expect(user.apply(`#${hashPassword("pw")}`)).toBeUndefined();
    expect(user.accepts("pw")).toBe(false);
    user.apply("on");
    expect(user.accepts("pw")).toBe(true);
    expect(user.accepts("other")).toBe(false);
    expect(user.apply("#ABC")).toBe("bad-hash");
    expect(user.apply("<other")).toBe("password-missing");
  });
});
