// Options of the bitmap commands: BITOP operations, BITCOUNT/BITPOS ranges and
// the BITFIELD subcommand classes, with GLIDE's names and `toArg(s)` methods.

export enum BitwiseOperation {
  AND = "AND",
  OR = "OR",
  XOR = "XOR",
  NOT = "NOT",
}

/** Whether BITCOUNT/BITPOS ranges count bytes or bits (Valkey 7.0+). */
export enum BitmapIndexType {
  BYTE = "BYTE",
  BIT = "BIT",
}

export interface BitOffsetOptions {
  start: number;
  end?: number;
  indexType?: BitmapIndexType;
}

/** A BITFIELD integer type. */
export interface BitEncoding {
  toArg(): string;
}

/** A signed integer of up to 64 bits (`i<bits>`). */
export class SignedEncoding implements BitEncoding {
  readonly #encoding: string;
  constructor(encodingLength: number) {
    this.#encoding = `i${encodingLength}`;
  }
  toArg(): string {
    return this.#encoding;
  }
}

/** An unsigned integer of up to 63 bits (`u<bits>`). */
export class UnsignedEncoding implements BitEncoding {
  readonly #encoding: string;
  constructor(encodingLength: number) {
    this.#encoding = `u${encodingLength}`;
  }
  toArg(): string {
    return this.#encoding;
  }
}

/** Where a BITFIELD value starts. */
export interface BitFieldOffset {
  toArg(): string;
}

/** An offset in bits. */
export class BitOffset implements BitFieldOffset {
  readonly #offset: string;
  constructor(offset: number) {
    this.#offset = String(offset);
  }
  toArg(): string {
    return this.#offset;
  }
}

/** An offset in units of the encoding's width (`#n`). */
export class BitOffsetMultiplier implements BitFieldOffset {
  readonly #offset: string;
  constructor(offset: number) {
    this.#offset = `#${offset}`;
  }
  toArg(): string {
    return this.#offset;
  }
}

/** One BITFIELD operation. */
export interface BitFieldSubCommands {
  toArgs(): string[];
}

export class BitFieldGet implements BitFieldSubCommands {
  readonly #encoding: BitEncoding;
  readonly #offset: BitFieldOffset;
  constructor(encoding: BitEncoding, offset: BitFieldOffset) {
    this.#encoding = encoding;
    this.#offset = offset;
  }
  toArgs(): string[] {
    return ["GET", this.#encoding.toArg(), this.#offset.toArg()];
  }
}

export class BitFieldSet implements BitFieldSubCommands {
  readonly #encoding: BitEncoding;
  readonly #offset: BitFieldOffset;
  readonly #value: number;
  constructor(encoding: BitEncoding, offset: BitFieldOffset, value: number) {
    this.#encoding = encoding;
    this.#offset = offset;
    this.#value = value;
  }
  toArgs(): string[] {
    return ["SET", this.#encoding.toArg(), this.#offset.toArg(), String(this.#value)];
  }
}

export class BitFieldIncrBy implements BitFieldSubCommands {
  readonly #encoding: BitEncoding;
  readonly #offset: BitFieldOffset;
  readonly #increment: number;
  constructor(encoding: BitEncoding, offset: BitFieldOffset, increment: number) {
    this.#encoding = encoding;
    this.#offset = offset;
    this.#increment = increment;
  }
  toArgs(): string[] {
    return ["INCRBY", this.#encoding.toArg(), this.#offset.toArg(), String(this.#increment)];
  }
}

/** What SET and INCRBY do on overflow. */
export enum BitOverflowControl {
  WRAP = "WRAP",
  SAT = "SAT",
  /** Fail the operation: its result is null. */
  FAIL = "FAIL",
}

export class BitFieldOverflow implements BitFieldSubCommands {
  readonly #overflowControl: BitOverflowControl;
  constructor(overflowControl: BitOverflowControl) {
    this.#overflowControl = overflowControl;
  }
  toArgs(): string[] {
    return ["OVERFLOW", this.#overflowControl];
  }
}
