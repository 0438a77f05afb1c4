// One markdown table per workload: a row per client, a column per metric, the
// primary metric's range across runs, and its ratio to the best peer.
import { metricCatalog } from "../workloads/metrics.js";
import { bestPeerValue, type WorkloadSummary } from "./aggregate.js";
import { formatNumber, formatRatio } from "./format.js";

export function renderWorkloadTable(summary: WorkloadSummary): string {
  const { workload } = summary;
  const primary = metricCatalog[workload.primaryMetric];
  const best = bestPeerValue(summary, primary.id, primary.higherIsBetter);
  const direction = primary.higherIsBetter ? "higher is better" : "lower is better";
  const headings = [
    "Client",
    ...workload.metrics.map((id) => metricCatalog[id].heading),
    `${primary.heading} range over runs`,
    `${primary.heading} vs best peer (${direction})`,
  ];
  const lines = [
    `| ${headings.join(" | ")} |`,
    `| ${headings.map((_, index) => (index === 0 ? "---" : "---:")).join(" | ")} |`,
  ];
  for (const row of summary.rows) {
    const label =
      row.client.role === "petrel"
        ? `**${row.client.label}**`
        : row.client.role === "floor"
          ? `_${row.client.label}_`
          : row.client.label;
    if (row.samples === 0) {
      const reason = row.errors[0] ?? "not run";
      lines.push(
        `| ${label} | ${workload.metrics.map(() => "–").join(" | ")} | – | failed: ${escapeCell(reason)} |`,
      );
      continue;
    }
    const cells = workload.metrics.map((id) =>
      formatNumber(row.metrics[id], metricCatalog[id].digits),
    );
    const value = row.metrics[primary.id];
    const ratio = best !== undefined && value !== undefined ? value / best : undefined;
    const range = row.primaryRange
      ? `${formatNumber(row.primaryRange.min, primary.digits)}–${formatNumber(row.primaryRange.max, primary.digits)}`
      : "–";
    lines.push(`| ${label} | ${cells.join(" | ")} | ${range} | ${formatRatio(ratio)} |`);
  }
  return lines.join("\n");
}

export function renderAllTables(summaries: readonly WorkloadSummary[]): string {
  return summaries
    .map(
      (summary) =>
        `### ${summary.workload.title}\n\n${summary.workload.description}\n\n${renderWorkloadTable(summary)}`,
    )
    .join("\n\n");
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ").slice(0, 160);
}
