// Runs the Sentinel failover workload once per client and kind, one after the
// other, and prints a markdown table (the lead records it in BENCHMARKS.md).
import { parseArgs } from "node:util";
import { sentinelClients } from "./clients.js";
import { type FailoverKind, type FailoverResult, runFailover } from "./sentinel-failover.js";

const USAGE = `Usage: node apps/bench/dist/failover/main.js [options]
  --clients <list>  comma-separated, of: ${Object.keys(sentinelClients).join(", ")} (default: all)
  --kinds <list>    failover, kill (default: both)
  --runs <n>        runs of each client and kind (default: 1)
  --help            this text`;

const { values } = parseArgs({
  options: {
    clients: { type: "string" },
    kinds: { type: "string" },
    runs: { type: "string", default: "1" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const list = (value: string | undefined, all: string[]): string[] =>
  value === undefined ? all : value.split(",").map((item) => item.trim());
const clients = list(values.clients, Object.keys(sentinelClients));
const kinds = list(values.kinds, ["failover", "kill"]) as FailoverKind[];
const runs = Number(values.runs);
const unknown = [
  ...clients.filter((name) => sentinelClients[name] === undefined),
  ...kinds.filter((kind) => kind !== "failover" && kind !== "kill"),
];
if (unknown.length > 0 || !Number.isInteger(runs) || runs < 1) {
  console.error(`Bad option: ${unknown.join(", ") || `--runs ${values.runs}`}\n${USAGE}`);
  process.exit(2);
}

const results: FailoverResult[] = [];
for (const kind of kinds) {
  for (const name of clients) {
    for (let run = 0; run < runs; run++) {
      process.stderr.write(`${kind}: ${name}…\n`);
      const result = await runFailover(name, sentinelClients[name]!, kind);
      process.stderr.write(`${JSON.stringify(result)}\n`);
      results.push(result);
    }
  }
}
console.log(
  "| event | client | +switch-master after | first write on the new primary after | failed calls (why) | kept writes acknowledged before the switch | acknowledged then lost |",
);
console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const r of results) {
  const event = r.kind === "kill" ? "SIGKILL of the primary" : "SENTINEL FAILOVER";
  const resume = r.resumeMs === undefined ? "never" : `${r.resumeMs} ms`;
  const why = Object.entries(r.failures)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(", ");
  console.log(
    `| ${event} | ${r.client} | ${r.switchMs} ms | ${resume} | ${r.failed}${why ? ` (${why})` : ""} | ${r.beforeSwitch} | ${r.lost} |`,
  );
}
process.exit(0);
