import { ConnectionError, RequestError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { connectionError } from "./connection-error.js";

describe("connectionError", () => {
  it("is GLIDE's ConnectionError, keeping the cause and copying its errno code", () => {
    const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
      code: "ECONNREFUSED",
    });
    const error = connectionError("Failed to connect to 127.0.0.1:1", { cause });
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(RequestError);
    expect(error.name).toBe("ConnectionError");
    expect(error.message).toBe("Failed to connect to 127.0.0.1:1");
    expect(error.cause).toBe(cause);
    expect(error.code).toBe("ECONNREFUSED");
  });

  it("takes a code of its own for failures without a system error, and none when unknown", () => {
    expect(connectionError("timed out", { code: "ETIMEDOUT" }).code).toBe("ETIMEDOUT");
    const plain = connectionError("closed", { cause: "not an error" });
    expect(plain.code).toBeUndefined();
    expect("code" in plain).toBe(false);
    expect(plain.cause).toBe("not an error");
  });
});
