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

  it.each(["ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED", "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"])(
    "says the server refused the client certificate on %s",
    (code) => {
      const cause = Object.assign(new Error("alert"), { code });
      const error = connectionError("Connection to h:1 failed: alert", { cause });
      expect(error.message).toBe(
        "Connection to h:1 failed: alert (the server refused the client certificate: see tlsAdvancedConfiguration.mutualTls)",
      );
      expect(error.code).toBe(code);
    },
  );

  it("adds no certificate hint to other TLS failures", () => {
    const cause = Object.assign(new Error("x"), { code: "ERR_SSL_WRONG_VERSION_NUMBER" });
    expect(connectionError("failed: x", { cause }).message).toBe("failed: x");
  });
});
