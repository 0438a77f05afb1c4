// GLIDE's Logger: one process-wide logger, to stderr or to a file. The client
// logs connection events only, never arguments, passwords or tokens.
import { fsModule } from "./lazy-builtins.js";

export type LevelOptions = "error" | "warn" | "info" | "debug" | "trace" | "off";

const severity: Record<LevelOptions, number> = {
  off: 0,
  error: 1,
  warn: 2,
  info: 3,
  debug: 4,
  trace: 5,
};

export class Logger {
  static #level: LevelOptions | undefined;
  static #fileName: string | undefined;

  private constructor() {}

  /** Configures the logger unless it is already configured. Default level "warn". */
  static init(level?: LevelOptions, fileName?: string): void {
    if (Logger.#level === undefined) Logger.setLoggerConfig(level ?? "warn", fileName);
  }

  /** Replaces the logger configuration. */
  static setLoggerConfig(level: LevelOptions, fileName?: string): void {
    if (!(level in severity)) throw new TypeError(`Unknown log level: ${String(level)}`);
    Logger.#level = level;
    Logger.#fileName = fileName;
  }

  /** Writes one line if `logLevel` is enabled; initialises the default logger on first use. */
  static log(logLevel: LevelOptions, logIdentifier: string, message: string, err?: Error): void {
    Logger.init();
    if (logLevel === "off" || severity[logLevel] > severity[Logger.#level ?? "warn"]) return;
    const detail = err ? `: ${err.name}: ${err.message}` : "";
    const line = `${new Date().toISOString()} ${logLevel.toUpperCase()} ${logIdentifier} - ${message}${detail}\n`;
    if (Logger.#fileName !== undefined) {
      try {
        fsModule().appendFileSync(Logger.#fileName, line);
        return;
      } catch {
        // An unwritable log file must not break the client; fall back to stderr.
      }
    }
    process.stderr.write(line);
  }

  /** True when `level` would be written; lets callers skip building messages. */
  static enabled(level: LevelOptions): boolean {
    return level !== "off" && severity[level] <= severity[Logger.#level ?? "warn"];
  }
}
