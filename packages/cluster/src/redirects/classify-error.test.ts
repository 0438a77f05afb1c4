import { describe, expect, it } from "vitest";
import { classifyError } from "./classify-error.js";

describe("classifyError", () => {
  it.each([
    ["MOVED 3999 127.0.0.1:6381", "moved"],
    ["MOVED 3999 :6381", "moved"],
    ["ASK 3999 127.0.0.1:6381", "ask"],
    ["TRYAGAIN Multiple keys request during rehashing of slot", "tryAgain"],
    ["CLUSTERDOWN The cluster is down", "clusterDown"],
    ["CLUSTERDOWN Hash slot not served", "clusterDown"],
    ["CLUSTERDOWN The cluster is down and only accepts read commands", "clusterDown"],
    ["LOADING Redis is loading the dataset in memory", "loading"],
    ["READONLY You can't write against a read only replica.", "readOnly"],
    [
      "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
      "masterDown",
    ],
    ["CROSSSLOT Keys in request don't hash to the same slot", "crossSlot"],
    ["NOAUTH Authentication required.", "auth"],
    ["WRONGPASS invalid username-password pair or user is disabled.", "auth"],
    ["EXECABORT Transaction discarded because of previous errors.", "execAbort"],
    ["NOSCRIPT No matching script.", "noRetry"],
    ["WRONGTYPE Operation against a key holding the wrong kind of value", "noRetry"],
    ["ERR unknown command", "noRetry"],
    ["NOPERM this user has no permissions", "noRetry"],
    ["MOVED __proto__ h:p", "noRetry"],
    ["MOVED 99999 h:1", "noRetry"],
    ["ASK", "noRetry"],
    ["", "noRetry"],
  ])("%j → %s", (message, expected) => {
    expect(classifyError(message)).toBe(expected);
  });
});
