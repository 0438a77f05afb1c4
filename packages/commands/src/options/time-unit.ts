/** Expiry units for SET, GETEX and the hash-field expiry commands; values are the wire tokens. */
export enum TimeUnit {
  /** Relative, in seconds (`EX`). */
  Seconds = "EX",
  /** Relative, in milliseconds (`PX`). */
  Milliseconds = "PX",
  /** Absolute Unix time in seconds (`EXAT`). */
  UnixSeconds = "EXAT",
  /** Absolute Unix time in milliseconds (`PXAT`). */
  UnixMilliseconds = "PXAT",
}
