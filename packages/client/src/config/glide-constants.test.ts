import { createRequire } from "node:module";
import { TimeoutError } from "@petrel/protocol";
import { describe, expect, it } from "vitest";
import { DEFAULTS } from "./defaults.js";
import {
  DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
  DEFAULT_INFLIGHT_REQUESTS_LIMIT,
  DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
  MAX_REQUEST_ARGS_LEN,
  TIMEOUT_ERROR,
} from "./glide-constants.js";
import { resolveConfig } from "./validate.js";

// GLIDE's values come from its native module; load the installed 2.5.2 to compare.
const glide = createRequire(import.meta.url)("@valkey/valkey-glide") as Record<string, unknown>;

describe("GLIDE's constants", () => {
  it("have the values GLIDE 2.5.2 exports", () => {
    expect({
      DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
      DEFAULT_INFLIGHT_REQUESTS_LIMIT,
      DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
      MAX_REQUEST_ARGS_LEN,
    }).toEqual({
      DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS: glide.DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS,
      DEFAULT_INFLIGHT_REQUESTS_LIMIT: glide.DEFAULT_INFLIGHT_REQUESTS_LIMIT,
      DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS: glide.DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS,
      MAX_REQUEST_ARGS_LEN: glide.MAX_REQUEST_ARGS_LEN,
    });
    expect(TIMEOUT_ERROR).toBeInstanceOf(TimeoutError);
    expect(TIMEOUT_ERROR.message).toBe((glide.TIMEOUT_ERROR as Error).message);
  });

  it("are the defaults a configuration gets when it leaves them out", () => {
    expect(DEFAULTS.requestTimeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS);
    const config = resolveConfig({ addresses: [{ host: "localhost" }] });
    expect(config.requestTimeoutMs).toBe(DEFAULT_REQUEST_TIMEOUT_IN_MILLISECONDS);
    expect(config.connectionTimeoutMs).toBe(DEFAULT_CONNECTION_TIMEOUT_IN_MILLISECONDS);
    expect(config.inflightRequestsLimit).toBe(DEFAULT_INFLIGHT_REQUESTS_LIMIT);
  });
});
