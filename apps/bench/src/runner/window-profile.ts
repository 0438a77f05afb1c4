// --profile's view of the measured window alone: a whole-process --cpu-prof also
// samples module loading, connecting and the preload, which hide a difference of
// a few percent in the loop itself (OTel loaded or absent, say).
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import path from "node:path";

/** Set in the worker's environment by --profile: the directory the window's profile goes to. */
export const WINDOW_PROFILE_ENV = "PETREL_BENCH_WINDOW_PROFILE_DIR";
export const WINDOW_PROFILE_FILE = "measured-window.cpuprofile";

/**
 * Runs `measure`; under --profile, also records a V8 CPU profile of exactly that span
 * and writes it into the directory named by WINDOW_PROFILE_ENV.
 */
export async function profiledWindow<T>(measure: () => Promise<T>): Promise<T> {
  const directory = process.env[WINDOW_PROFILE_ENV];
  if (directory === undefined || directory === "") return measure();
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await measure();
    const { profile } = await session.post("Profiler.stop");
    await writeFile(path.join(directory, WINDOW_PROFILE_FILE), JSON.stringify(profile));
    return result;
  } finally {
    session.disconnect();
  }
}
