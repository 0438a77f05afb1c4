import { describe, expect, test } from "vitest";
import {
  ClosingError,
  ConfigurationError,
  ConnectionError,
  ExecAbortError,
  ProtocolError,
  RequestError,
  TimeoutError,
  ValkeyError,
} from "./errors.js";

describe("error classes", () => {
  test("follow GLIDE's hierarchy and keep the message", () => {
    const error = new ProtocolError("Protocol error: bad");
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toBeInstanceOf(ValkeyError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error.name).toBe("ProtocolError");
    expect(error.message).toBe("Protocol error: bad");
    expect(new ClosingError()).not.toBeInstanceOf(RequestError);
    expect(new ClosingError().message).toBe("No error message provided");
    for (const cls of [TimeoutError, ExecAbortError, ConfigurationError]) {
      expect(new cls("x")).toBeInstanceOf(RequestError);
    }
  });

  test("instanceof works for an error made by another copy of the package", () => {
    // Another copy has its own classes but registers the same Symbol.for brand.
    const brands = Symbol.for("petrel.error.brands");
    const foreign = new Error("MOVED 1 h:1");
    Object.defineProperty(foreign, brands, { value: ["RequestError", "ValkeyError"] });
    expect(foreign).toBeInstanceOf(RequestError);
    expect(foreign).toBeInstanceOf(ValkeyError);
    expect(foreign).not.toBeInstanceOf(ConnectionError);
    expect({}).not.toBeInstanceOf(RequestError);
  });
});

describe("error causes", () => {
  test("keep what they wrap through the constructor, as ES2022 errors do", () => {
    const cause = new Error("connect ECONNREFUSED 127.0.0.1:1");
    const error = new ConnectionError("Failed to connect", { cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("Failed to connect");
    expect(new RequestError("plain").cause).toBeUndefined();
  });
});
