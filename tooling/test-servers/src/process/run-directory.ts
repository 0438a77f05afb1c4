// A temporary directory per started topology: configs, logs, data, certificates
// and the pid files used to clean up.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ownerFileName, trackRunDirectory, untrackRunDirectory } from "./process-registry.js";

export const runDirectoryPrefix = "petrel-servers-";

export async function createRunDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), runDirectoryPrefix));
  await writeFile(path.join(directory, ownerFileName), `${process.pid}\n`);
  trackRunDirectory(directory);
  return directory;
}

export async function removeRunDirectory(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
  untrackRunDirectory(directory);
}
