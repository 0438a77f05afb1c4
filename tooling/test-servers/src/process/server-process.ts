// One server process: written config, spawn, readiness by PING, stop by pid.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type AdminConnectOptions, withAdminConnection } from "../admin/admin-connection.js";
import { PortInUseError, TestServerError } from "../util/errors.js";
import { waitUntil } from "../util/wait-until.js";
import { trackProcess, untrackProcess } from "./process-registry.js";

export interface ServerProcessSpec {
  serverBinary: string;
  runDirectory: string;
  /** Subdirectory name, e.g. `node-7001`. */
  name: string;
  config: string;
  /** Arguments after the config file's path, e.g. `--sentinel`. */
  args?: readonly string[];
  /** How the tooling connects to it for readiness and admin commands. */
  admin: AdminConnectOptions;
  deadlineMs: number;
}

const stopGraceMs = 5_000;
const stderrLimit = 8_192;

export class ServerProcess {
  private exitInfo: string | undefined;
  private readonly exited: Promise<void>;
  private stderr = "";

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
    readonly directory: string,
    readonly admin: AdminConnectOptions,
  ) {
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitInfo = signal ? `killed by ${signal}` : `exited with code ${code}`;
        untrackProcess(pid);
        resolve();
      });
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString("utf8")).slice(-stderrLimit);
    });
  }

  get port(): number {
    return this.admin.port;
  }

  get isRunning(): boolean {
    return this.exitInfo === undefined;
  }

  /** Spawns the server and waits until it answers PING. Throws PortInUseError if its port was taken. */
  static async start(spec: ServerProcessSpec): Promise<ServerProcess> {
    const directory = path.join(spec.runDirectory, spec.name);
    await mkdir(directory, { recursive: true });
    const configPath = path.join(directory, "server.conf");
    await writeFile(configPath, spec.config);
    const child = spawn(spec.serverBinary, [configPath, ...(spec.args ?? [])], {
      cwd: directory,
      stdio: ["ignore", "ignore", "pipe"],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once("spawn", () => resolve(child.pid!));
      child.once("error", (error) =>
        reject(new TestServerError(`cannot start ${spec.serverBinary}: ${error.message}`)),
      );
    });
    trackProcess(pid, spec.runDirectory);
    const server = new ServerProcess(child, pid, directory, spec.admin);
    try {
      await waitUntil(
        () =>
          withAdminConnection({ ...spec.admin, timeoutMs: 1_000 }, async (connection) => {
            return (await connection.text("PING")) === "PONG";
          }),
        {
          description: `${spec.name} (pid ${pid}) answering PING on port ${spec.admin.port}`,
          deadlineMs: spec.deadlineMs,
          abortReason: () => server.exitInfo && `the server ${server.exitInfo}`,
        },
      );
    } catch (error) {
      await server.stop();
      const log = await server.logTail();
      if (/Address already in use/i.test(log)) {
        throw new PortInUseError(`port ${spec.admin.port} was taken`);
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new TestServerError(`${message}\n--- ${spec.name} log ---\n${log}`);
    }
    return server;
  }

  /** The end of the server's log file and stderr, for error messages. */
  async logTail(lines = 30): Promise<string> {
    let log = "";
    try {
      log = await readFile(path.join(this.directory, "server.log"), "utf8");
    } catch {
      // the server may not have opened its log yet
    }
    return `${log}\n${this.stderr}`.trim().split("\n").slice(-lines).join("\n");
  }

  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is reaped. */
  async stop(): Promise<void> {
    if (!this.isRunning) return this.exited;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), stopGraceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Immediate SIGKILL, for fault-injection tests. */
  async kill(): Promise<void> {
    if (!this.isRunning) return this.exited;
    this.child.kill("SIGKILL");
    await this.exited;
  }
}
