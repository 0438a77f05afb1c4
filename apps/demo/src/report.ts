// What each step of the story prints and records. The printed lines are for
// people; the facts are what the test asserts on.

/** Where the story's lines go (stdout in the CLI, an array in tests). */
export type Printer = (line: string) => void;

export interface StepReport {
  readonly number: number;
  readonly title: string;
  readonly lines: string[];
  /** Why the step did not run, when it did not. */
  skipped: string | undefined;
  /** Why the step failed, when it did. */
  failed: string | undefined;
  /** Machine-readable results, named per step. */
  readonly facts: Record<string, unknown>;
}

/** Collects one step's output and prints it as it comes. */
export class StepRecorder {
  readonly report: StepReport;

  constructor(
    number: number,
    title: string,
    private readonly print: Printer,
  ) {
    this.report = { number, title, lines: [], skipped: undefined, failed: undefined, facts: {} };
    print("");
    print(`── ${number}. ${title}`);
  }

  line(text: string): void {
    this.report.lines.push(text);
    this.print(`   ${text}`);
  }

  fact(name: string, value: unknown): void {
    this.report.facts[name] = value;
  }

  skip(reason: string): void {
    this.report.skipped = reason;
    this.line(`skipped: ${reason}`);
  }

  fail(error: unknown): void {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.report.failed = message;
    this.line(`FAILED: ${message}`);
  }
}

/** Formats a reply the way the seed prints results: ['OK', 6, '6']. */
export function formatReply(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `'${value}'`;
  if (Buffer.isBuffer(value)) return `'${value.toString()}'`;
  if (Array.isArray(value)) return `[${value.map(formatReply).join(", ")}]`;
  if (value instanceof Error) return `${value.name}('${value.message}')`;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
