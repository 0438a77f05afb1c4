// The README's example, kept runnable: parse a CLUSTER SLOTS reply, plan an
// MGET across shards with the real command definitions, reassemble the replies.
import { baseCommands } from "@petrel/commands";
import type { RespValue } from "@petrel/protocol";
import { expect, it } from "vitest";
import { aggregate, parseClusterSlots, planCommand } from "../src/index.js";

it("runs the README example", () => {
  const reply: RespValue = [
    [0, 8191, ["10.0.0.1", 6379, "id-a"], ["10.0.0.2", 6379, "id-b"]],
    [8192, 16383, ["10.0.0.3", 6379, "id-c"], ["10.0.0.4", 6379, "id-d"]],
  ];
  const topology = parseClusterSlots(reply, "10.0.0.1");

  const plan = planCommand(baseCommands.mget(["foo", "bar", "{foo}2"]), topology);
  if (plan.kind !== "multi") throw new Error("expected a split");
  const sent = plan.targets.map(
    (target) => `${target.node.address} ${target.command.args.join(" ")}`,
  );
  expect(sent).toEqual(["10.0.0.3:6379 MGET foo {foo}2", "10.0.0.1:6379 MGET bar"]);

  // Each node answers for its keys; aggregate restores the caller's key order.
  const outcome = aggregate(plan.response, [["1", "3"], ["2"]], plan);
  expect(outcome).toEqual({ ok: true, value: ["1", "2", "3"] });
});
