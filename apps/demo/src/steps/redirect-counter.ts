// Counts the client's MOVED/ASK redirects and retries through Petrel's
// diagnostics channels, the same seam the OpenTelemetry plugin uses.
import { subscribe } from "petrel";

export interface RedirectCounts {
  moved: number;
  ask: number;
  retries: number;
}

/** Counts until the returned `stop` is called. */
export function countRedirects(): { counts: RedirectCounts; stop: () => void } {
  const counts: RedirectCounts = { moved: 0, ask: 0, retries: 0 };
  const stopRedirects = subscribe("redirect", (message) => {
    if (message.kind === "MOVED") counts.moved++;
    else counts.ask++;
  });
  const stopRetries = subscribe("retry", () => {
    counts.retries++;
  });
  return {
    counts,
    stop: () => {
      stopRedirects();
      stopRetries();
    },
  };
}
