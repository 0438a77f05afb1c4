import { describe, expect, it } from "vitest";
import { maskedQueryText } from "./masking.js";

describe("maskedQueryText", () => {
  it("keeps the command name and hides every argument", () => {
    expect(maskedQueryText("SET", ["SET", "user:1", "secret-value"])).toBe("SET ? ?");
    expect(maskedQueryText("AUTH", ["AUTH", "admin", "hunter2"])).toBe("AUTH ? ?");
    expect(maskedQueryText("CONFIG GET", ["CONFIG", "GET", "maxmemory"])).toBe("CONFIG GET ?");
    expect(maskedQueryText("PING", ["PING"])).toBe("PING");
  });

  it("counts long argument lists instead of listing them", () => {
    const args = ["MSET", ...Array.from({ length: 20 }, (_, i) => `v${i}`)];
    expect(maskedQueryText("MSET", args)).toBe("MSET ? ? ? ? ? ? ? ? … (20 arguments)");
  });
});
