// The demo's story, step by step. Each step prints as it goes; a failed step
// is reported and the story goes on, so one missing feature hides nothing else.
import { type Printer, StepRecorder, type StepReport } from "./report.js";
import { batchesStep } from "./steps/batches.js";
import { failoverStep } from "./steps/failover.js";
import { keyedStep } from "./steps/keyed.js";
import { migrationStep } from "./steps/migration.js";
import { readFromStep } from "./steps/read-from.js";
import { statisticsStep } from "./steps/statistics.js";
import { startTelemetry, telemetryStep } from "./steps/telemetry.js";
import { topologyStep } from "./steps/topology.js";
import { connect, type DemoClient, type Target } from "./target.js";

export const stepTitles = [
  "Connect with one seed address and discover the topology",
  "Keyed commands on several slots",
  "An atomic batch and a cross-slot pipeline (the seed's examples)",
  "A slot migration mid-run: the client follows ASK and MOVED",
  "A primary failover",
  'readFrom "preferReplica"',
  "OpenTelemetry to a file:// endpoint",
  "getStatistics()",
] as const;

async function runStep(
  reports: StepReport[],
  print: Printer,
  body: (step: StepRecorder) => Promise<void> | void,
): Promise<void> {
  const number = reports.length + 1;
  const step = new StepRecorder(number, stepTitles[number - 1] ?? `Step ${number}`, print);
  reports.push(step.report);
  try {
    await body(step);
  } catch (error) {
    step.fail(error);
  }
}

/** Runs the eight steps against `target`; returns one report per step. */
export async function runStory(target: Target, print: Printer): Promise<StepReport[]> {
  const telemetry = startTelemetry();
  const reports: StepReport[] = [];
  let client: DemoClient | undefined;
  try {
    await runStep(reports, print, async (step) => {
      client = await connect(target);
      await topologyStep(step, target, client);
    });
    const connected = client;
    const withClient =
      (body: (step: StepRecorder, client: DemoClient) => Promise<void> | void) =>
      (step: StepRecorder) =>
        connected === undefined
          ? step.skip("no connection (step 1 failed)")
          : body(step, connected);
    await runStep(reports, print, withClient(keyedStep));
    await runStep(reports, print, withClient(batchesStep));
    await runStep(
      reports,
      print,
      withClient((step, c) => migrationStep(step, target, c)),
    );
    await runStep(
      reports,
      print,
      withClient((step, c) => failoverStep(step, target, c)),
    );
    await runStep(
      reports,
      print,
      withClient((step, c) => readFromStep(step, target, c)),
    );
    await runStep(reports, print, (step) => telemetryStep(step, telemetry));
    await runStep(reports, print, withClient(statisticsStep));
  } finally {
    client?.close();
  }
  return reports;
}
