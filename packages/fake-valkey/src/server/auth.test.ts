import { describe, expect, it } from "vitest";
import { UserRegistry } from "./auth.js";
import { fakeNodeCommandTable } from "./commands/index.js";

describe("UserRegistry", () => {
  it("needs no password until requirepass is set", () => {
    const users = new UserRegistry(fakeNodeCommandTable());
    expect(users.passwordRequired()).toBe(false);
    users.setRequirePass("pw");
    expect(users.passwordRequired()).toBe(true);
    expect(users.verify("default", "pw")).toBe(true);
    expect(users.verify("default", "no")).toBe(false);
  });

  it("checks ACL users, disabled users and nopass users", () => {
    const users = new UserRegistry(fakeNodeCommandTable(), [
      { name: "app", passwords: ["a", "b"] },
      { name: "off", passwords: ["x"], enabled: false },
      { name: "open", passwords: [] },
    ]);
    expect(users.verify("app", "b")).toBe(true);
    expect(users.verify("app", "c")).toBe(false);
    expect(users.verify("off", "x")).toBe(false);
    expect(users.verify("open", "anything")).toBe(true);
    expect(users.verify("ghost", "x")).toBe(false);
  });
});

describe("a password verifier", () => {
  it("decides AUTH when it answers, and defers to stored passwords otherwise", () => {
    const users = new UserRegistry(fakeNodeCommandTable(), [
      { name: "iam", passwords: ["stored"] },
    ]);
    users.setVerifier((user, password) => (user === "iam" ? password === "token-2" : undefined));
    expect(users.verify("iam", "token-2")).toBe(true);
    expect(users.verify("iam", "stored")).toBe(false);
    users.setRequirePass("pw");
    expect(users.verify("default", "pw")).toBe(true);
    users.setVerifier(undefined);
    expect(users.verify("iam", "stored")).toBe(true);
  });
});
