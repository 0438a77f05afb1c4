// Step 1: connect with one seed address and show what the client discovered.
import { GlideClusterClient } from "petrel";
import type { StepRecorder } from "../report.js";
import type { DemoClient, Target } from "../target.js";

export interface ClusterNodeLine {
  readonly address: string;
  readonly role: "primary" | "replica";
  readonly slots: string[];
}

/** Parses CLUSTER NODES: `<id> <ip:port@cport> <flags> <primary-id> … <slot ranges>`. */
export function parseClusterNodes(text: string): ClusterNodeLine[] {
  return text
    .split("\n")
    .map((line) => line.trim().split(" "))
    .filter((fields) => fields.length >= 8)
    .map((fields) => ({
      address: (fields[1] as string).split("@")[0] as string,
      role: (fields[2] as string).includes("master") ? "primary" : "replica",
      // Migration markers like [42->-id] are not owned ranges.
      slots: fields.slice(8).filter((slot) => !slot.startsWith("[")),
    }));
}

export async function topologyStep(
  step: StepRecorder,
  target: Target,
  client: DemoClient,
): Promise<void> {
  const seed = target.config.addresses[0];
  step.line(`one seed address: ${seed?.host}:${seed?.port ?? 6379}`);
  if (client instanceof GlideClusterClient) {
    const reply = await client.customCommand(["CLUSTER", "NODES"], { route: "randomNode" });
    const nodes = parseClusterNodes(String(reply));
    const primaries = nodes.filter((node) => node.role === "primary");
    step.line(
      `discovered ${nodes.length} nodes: ${primaries.length} primaries, ` +
        `${nodes.length - primaries.length} replicas`,
    );
    const firstSlot = (node: ClusterNodeLine) => Number.parseInt(node.slots[0] ?? "16384", 10);
    for (const node of [...primaries].sort((a, b) => firstSlot(a) - firstSlot(b)))
      step.line(`  primary ${node.address} serves slots ${node.slots.join(" ")}`);
    step.fact("nodes", nodes.length);
    step.fact("primaries", primaries.length);
    step.fact("topologyRefreshes", client.topologyRefreshCount);
    return;
  }
  const info = String(await client.info());
  const role = /role:(\w+)/.exec(info)?.[1] ?? "unknown";
  const replicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
  step.line(`connected to a standalone ${role} with ${replicas} replica(s)`);
  step.fact("role", role);
  step.fact("replicas", replicas);
}
