// Properties of the cluster retry decision: whatever the server answers and
// however often, a request is sent a bounded number of times, never twice
// after it may have run unless its policy accepts duplicates, and redirects
// follow the protocol (ASK with ASKING and no slot-map change, MOVED with one).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyError } from "../redirects/classify-error.js";
import {
  decideRetry,
  emptyRetryCounts,
  type RetryDecision,
  type RetryEvent,
} from "./decide-retry.js";
import {
  COMMAND_RETRY_POLICY,
  pipelineRetryPolicy,
  RETRY_LIMITS,
  type RetryBudget,
  type RetryCounts,
  type RetryPolicy,
  TRANSACTION_RETRY_POLICY,
} from "./retry-policy.js";

const RUNS = { numRuns: 1000 };

const policies: readonly RetryPolicy[] = [
  COMMAND_RETRY_POLICY,
  TRANSACTION_RETRY_POLICY,
  pipelineRetryPolicy(),
  pipelineRetryPolicy({ retryServerError: true, retryConnectionError: false }),
  pipelineRetryPolicy({ retryServerError: false, retryConnectionError: true }),
  pipelineRetryPolicy({ retryServerError: true, retryConnectionError: true }),
];

const slot = fc.integer({ min: 0, max: 16383 });
const port = fc.integer({ min: 1, max: 65535 });
const host = fc.constantFrom("10.0.0.1", "node-2.example", "::1", "");

/** Server error texts: every class the classifier knows, malformed redirects, and noise. */
const message: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(slot, host, port).map(([s, h, p]) => `MOVED ${s} ${h}:${p}`),
  fc.tuple(slot, host, port).map(([s, h, p]) => `ASK ${s} ${h}:${p}`),
  fc.constantFrom(
    "TRYAGAIN Multiple keys request during rehashing of slot",
    "CLUSTERDOWN The cluster is down",
    "CLUSTERDOWN Hash slot not served",
    "LOADING Redis is loading the dataset in memory",
    "READONLY You can't write against a read only replica.",
    "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
    "CROSSSLOT Keys in request don't hash to the same slot",
    "NOAUTH Authentication required.",
    "EXECABORT Transaction discarded because of previous errors.",
    "WRONGTYPE Operation against a key holding the wrong kind of value",
    "MOVED 99999 h:1",
    "ASK 12",
  ),
  fc.string({ maxLength: 30 }),
);

const event: fc.Arbitrary<RetryEvent> = fc.oneof(
  fc.boolean().map((written) => ({ kind: "lost", written }) as const),
  fc.tuple(message, fc.boolean(), fc.boolean()).map(
    ([text, onReplica, routedToReplica]) =>
      ({
        kind: "refused",
        errorClass: classifyError(text),
        message: text,
        connectionHost: "10.9.9.9",
        onReplica,
        routedToReplica,
      }) as const,
  ),
);

const policy = fc.constantFrom(...policies);

/** Plays `events` through the decision as the client's loop does; stops when a decision ends it. */
function play(
  chosen: RetryPolicy,
  events: readonly RetryEvent[],
): { used: RetryCounts; sends: number; decisions: [RetryEvent, RetryDecision][] } {
  const used = emptyRetryCounts();
  const decisions: [RetryEvent, RetryDecision][] = [];
  let sends = 1;
  for (const next of events) {
    const decision = decideRetry(chosen, Object.freeze({ ...used }), next);
    decisions.push([next, decision]);
    if (decision.kind === "redirect") used.redirections++;
    else if (decision.kind === "retry") used[decision.budget]++;
    else break;
    sends++;
  }
  return { used, sends, decisions };
}

const budgets: readonly RetryBudget[] = [
  "redirections",
  "tryAgain",
  "clusterDown",
  "readOnly",
  "loading",
  "unwritten",
];

describe("decideRetry (properties)", () => {
  it("never spends a budget beyond its limit, so a request is sent a bounded number of times", () => {
    fc.assert(
      fc.property(policy, fc.array(event, { maxLength: 80 }), (chosen, events) => {
        const { used, sends } = play(chosen, events);
        let bound = 1;
        for (const budget of budgets) {
          expect(used[budget]).toBeLessThanOrEqual(chosen.limits[budget]);
          bound += chosen.limits[budget];
        }
        expect(sends).toBeLessThanOrEqual(bound);
      }),
      RUNS,
    );
  });

  it("under a storm of redirects, follows exactly the redirect budget, then gives up", () => {
    fc.assert(
      fc.property(
        policy,
        fc.array(fc.tuple(fc.boolean(), slot, port), { minLength: 40, maxLength: 60 }),
        (chosen, hops) => {
          const events: RetryEvent[] = hops.map(([ask, s, p]) => {
            const text = `${ask ? "ASK" : "MOVED"} ${s} 10.0.0.1:${p}`;
            return {
              kind: "refused",
              errorClass: classifyError(text),
              message: text,
              connectionHost: "h",
              onReplica: false,
              routedToReplica: false,
            };
          });
          const { used, decisions } = play(chosen, events);
          expect(used.redirections).toBe(RETRY_LIMITS.redirections);
          expect(decisions.at(-1)?.[1]).toEqual({ kind: "exhausted", budget: "redirections" });
        },
      ),
      RUNS,
    );
  });

  it("never re-sends a request lost after it was written unless the policy accepts duplicates", () => {
    fc.assert(
      fc.property(policy, fc.array(event, { maxLength: 40 }), (chosen, events) => {
        for (const [happened, decision] of play(chosen, events).decisions) {
          if (happened.kind === "lost" && happened.written && !chosen.retryConnectionError)
            expect(decision).toEqual({ kind: "surface" });
          if (happened.kind === "lost" && decision.kind !== "surface") {
            expect(decision.kind === "retry" || decision.kind === "exhausted").toBe(true);
            if (decision.kind === "retry") expect(decision.refresh).toBe("connectionError");
          }
        }
      }),
      RUNS,
    );
  });

  it("follows ASK with ASKING and leaves the slot map alone; MOVED updates it without ASKING", () => {
    fc.assert(
      fc.property(policy, event, fc.nat(20), (chosen, happened, spent) => {
        const used = { ...emptyRetryCounts(), redirections: Math.min(spent, 15) };
        const decision = decideRetry(chosen, used, happened);
        if (decision.kind !== "redirect") return;
        expect(happened.kind).toBe("refused");
        if (happened.kind !== "refused") return;
        const ask = happened.message.trimStart().startsWith("ASK");
        expect(decision.asking).toBe(ask);
        expect(decision.updateSlotMap).toBe(!ask);
        expect(decision.redirect.kind).toBe(ask ? "ASK" : "MOVED");
        expect(decision.redirect.host).not.toBe("");
      }),
      RUNS,
    );
  });

  it("retries only what the policy allows: server errors, node errors, and nothing for caller errors", () => {
    fc.assert(
      fc.property(policy, event, (chosen, happened) => {
        const decision = decideRetry(chosen, undefined, happened);
        if (happened.kind !== "refused") return;
        const errorClass = happened.errorClass;
        if (["crossSlot", "auth", "execAbort", "noRetry"].includes(errorClass))
          expect(decision).toEqual({ kind: "surface" });
        if (
          ["tryAgain", "clusterDown", "masterDown"].includes(errorClass) &&
          !chosen.retryServerError
        )
          expect(decision).toEqual({ kind: "surface" });
        if (chosen.atomic && ["readOnly", "loading", "masterDown"].includes(errorClass))
          expect(decision).toEqual({ kind: "surface" });
        if (errorClass === "readOnly" && happened.routedToReplica)
          expect(decision).toEqual({ kind: "surface" });
        if (decision.kind === "retry" && decision.toPrimary) {
          expect(errorClass).toBe("loading");
          expect(happened.onReplica).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("is pure: the same inputs give the same decision, and the counts are not touched", () => {
    fc.assert(
      fc.property(
        policy,
        event,
        fc.array(fc.nat(20), { minLength: 6, maxLength: 6 }),
        (chosen, happened, counts) => {
          const used = Object.freeze(
            Object.fromEntries(budgets.map((budget, i) => [budget, counts[i] ?? 0])) as RetryCounts,
          );
          expect(decideRetry(chosen, used, happened)).toEqual(decideRetry(chosen, used, happened));
        },
      ),
      RUNS,
    );
  });
});

describe("decideRetry (examples)", () => {
  const refused = (text: string, onReplica = false, routedToReplica = false): RetryEvent => ({
    kind: "refused",
    errorClass: classifyError(text),
    message: text,
    connectionHost: "10.0.0.5",
    onReplica,
    routedToReplica,
  });

  it("surfaces READONLY from a replica the request was routed to on purpose", () => {
    expect(
      decideRetry(COMMAND_RETRY_POLICY, undefined, refused("READONLY no", false, true)),
    ).toEqual({ kind: "surface" });
  });

  it("waits and refreshes after CLUSTERDOWN; refreshes after READONLY; waits after TRYAGAIN", () => {
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("CLUSTERDOWN down"))).toEqual({
      kind: "retry",
      budget: "clusterDown",
      refresh: "clusterDown",
      wait: true,
      toPrimary: false,
    });
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("READONLY no"))).toMatchObject({
      budget: "readOnly",
      refresh: "readOnly",
      wait: false,
    });
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("TRYAGAIN x"))).toMatchObject({
      budget: "tryAgain",
      refresh: undefined,
      wait: true,
    });
  });

  it("sends a read that hit a loading replica to the primary; waits on a loading primary", () => {
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("LOADING x", true))).toMatchObject({
      budget: "loading",
      toPrimary: true,
      wait: false,
    });
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("LOADING x"))).toMatchObject({
      budget: "loading",
      toPrimary: false,
      wait: true,
    });
  });

  it("resolves an empty redirect host to the connection's host", () => {
    expect(decideRetry(COMMAND_RETRY_POLICY, undefined, refused("MOVED 7 :7001"))).toMatchObject({
      kind: "redirect",
      redirect: { host: "10.0.0.5", port: 7001, slot: 7, sameHost: true },
    });
  });

  it("says which budget is spent", () => {
    const used = { ...emptyRetryCounts(), tryAgain: RETRY_LIMITS.tryAgain };
    expect(decideRetry(COMMAND_RETRY_POLICY, used, refused("TRYAGAIN x"))).toEqual({
      kind: "exhausted",
      budget: "tryAgain",
    });
  });

  it("picks one shared pipeline policy per retry strategy", () => {
    const strategy = { retryServerError: true, retryConnectionError: false };
    expect(pipelineRetryPolicy(strategy)).toBe(pipelineRetryPolicy({ ...strategy }));
    expect(pipelineRetryPolicy()).toEqual({
      atomic: false,
      retryServerError: false,
      retryConnectionError: false,
      limits: RETRY_LIMITS,
    });
  });
});
