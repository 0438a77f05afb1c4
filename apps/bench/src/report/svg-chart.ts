// A hand-written SVG bar chart of ops/s: one panel per workload that measures
// throughput, one horizontal bar per client, each panel on its own scale.
import type { ClientRole } from "../clients/registry.js";
import { bestPeerValue, type WorkloadSummary } from "./aggregate.js";
import { formatNumber, formatRatio } from "./format.js";

const WIDTH = 820;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 190;
const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const PANEL_TITLE_HEIGHT = 30;
const PANEL_GAP = 18;
const TOP = 44;
const barColors: Readonly<Record<ClientRole, string>> = {
  petrel: "#d9480f",
  peer: "#4c6ef5",
  floor: "#adb5bd",
};

export function renderOpsChart(summaries: readonly WorkloadSummary[], subtitle: string): string {
  const panels = summaries.filter(
    (summary) => summary.workload.metrics.includes("opsPerSec") && summary.rows.length > 0,
  );
  const parts: string[] = [];
  let y = TOP;
  for (const summary of panels) {
    parts.push(
      `<text x="16" y="${y + 20}" class="panel">${escapeXml(summary.workload.title)}</text>`,
    );
    y += PANEL_TITLE_HEIGHT;
    const values = summary.rows.map((row) => row.metrics.opsPerSec ?? 0);
    const scale = Math.max(...values, 1);
    const best = bestPeerValue(summary, "opsPerSec", true);
    const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 16;
    summary.rows.forEach((row, index) => {
      const value = values[index] ?? 0;
      const width = Math.max(1, (value / scale) * barSpace);
      const color = barColors[row.client.role];
      const ratio =
        row.client.role === "petrel" && best !== undefined && value > 0
          ? ` (${formatRatio(value / best)} best peer)`
          : "";
      const text = value > 0 ? `${formatNumber(value, 0)}${ratio}` : "failed";
      const weight = row.client.role === "petrel" ? ' font-weight="bold"' : "";
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end"${weight}>${escapeXml(row.client.label)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${color}" rx="2"/>`,
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 13}">${text}</text>`,
      );
      y += BAR_HEIGHT + BAR_GAP;
    });
    y += PANEL_GAP;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    // biome's a11y lint (and screen readers) need an accessible name.
    "<title>Petrel benchmarks: operations per second by client and workload</title>",
    "<style>.title{font-size:16px;font-weight:bold}.panel{font-size:13px;font-weight:bold}</style>",
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="22" class="title">Operations per second (higher is better)</text>`,
    `<text x="16" y="38" fill="#555">${escapeXml(subtitle)}</text>`,
    ...parts,
    "</svg>",
    "",
  ].join("\n");
}

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
