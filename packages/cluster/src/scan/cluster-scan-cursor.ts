// GLIDE's ClusterScanCursor: an opaque string handed back and forth between
// the caller and `scan`. Petrel keeps the whole scan state in the string
// (see cluster-scan-state.ts), so no cursor registry has to be cleaned up.

const FINISHED = "finished";

export class ClusterScanCursor {
  readonly #cursor: string;

  /** A new scan, or one continued from `getCursor()` of an earlier cursor. */
  constructor(cursor?: string | null) {
    this.#cursor = cursor ?? "";
  }

  /** The cursor text; "finished" once every slot has been scanned. */
  getCursor(): string {
    return this.#cursor;
  }

  isFinished(): boolean {
    return this.#cursor === FINISHED;
  }
}

export const FINISHED_CURSOR = FINISHED;
