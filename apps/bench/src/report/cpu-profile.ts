// Reads a V8 .cpuprofile (from node --cpu-prof) and says where the time went:
// self time per function and per area (a Petrel package, a client library,
// Node internals, GC).

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  micros: number;
  share: number;
}

export interface ProfileSummary {
  totalMicros: number;
  functions: SelfTime[];
  areas: SelfTime[];
}

export function parseCpuProfile(text: string): CpuProfile {
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed !== "object" ||
    parsed === null ||
    !Array.isArray((parsed as CpuProfile).nodes) ||
    !Array.isArray((parsed as CpuProfile).samples) ||
    !Array.isArray((parsed as CpuProfile).timeDeltas)
  ) {
    throw new Error("Not a V8 CPU profile: nodes, samples and timeDeltas are required");
  }
  return parsed as CpuProfile;
}

/** Which part of the stack a frame belongs to, judged by its script URL. */
export function areaOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const petrel = /\/packages\/([^/]+)\//.exec(url);
  if (petrel) return `@petrel/${petrel[1]}`;
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (dependency) return dependency[1] as string;
  if (url.includes("/apps/bench/")) return "bench harness";
  return "other";
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.split("/").slice(-2).join("/");
  return url === "" ? functionName : `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
}

export function summarizeCpuProfile(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalMicros = 0;
  profile.samples.forEach((id, index) => {
    const node = byId.get(id);
    const delta = profile.timeDeltas[index] ?? 0;
    if (!node || node.callFrame.functionName === "(idle)") return;
    totalMicros += delta;
    const name = frameName(node);
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const area = areaOf(node.callFrame.url, node.callFrame.functionName);
    areas.set(area, (areas.get(area) ?? 0) + delta);
  });
  const rank = (entries: Map<string, number>, limit: number): SelfTime[] =>
    [...entries]
      .sort((left, right) => right[1] - left[1])
      .slice(0, limit)
      .map(([name, micros]) => ({
        name,
        micros,
        share: totalMicros > 0 ? micros / totalMicros : 0,
      }));
  return {
    totalMicros,
    functions: rank(functions, top),
    areas: rank(areas, Number.POSITIVE_INFINITY),
  };
}

export function renderProfileSummary(summary: ProfileSummary): string {
  const line = (entry: SelfTime): string =>
    `${(entry.share * 100).toFixed(1).padStart(5)}%  ${(entry.micros / 1000).toFixed(0).padStart(6)} ms  ${entry.name}`;
  return [
    `Busy CPU time sampled: ${(summary.totalMicros / 1000).toFixed(0)} ms (idle excluded)`,
    "",
    "By area (self time):",
    ...summary.areas.map(line),
    "",
    "Top functions (self time):",
    ...summary.functions.map(line),
  ].join("\n");
}
