// Step 8: GLIDE's getStatistics(): process-wide connection and client counts.
import type { StepRecorder } from "../report.js";
import type { DemoClient } from "../target.js";

export function statisticsStep(step: StepRecorder, client: DemoClient): void {
  const stats = client.getStatistics();
  step.line(`getStatistics() → ${JSON.stringify(stats)}`);
  step.fact("statistics", stats);
}
