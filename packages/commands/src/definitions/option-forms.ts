// A few GLIDE methods take their last option in two forms: the client methods
// an options object (`{ count }`, `{ reverse }`, with `decoder`), the batch
// methods a bare value (`count?: number`, `reverse?: boolean`). One factory
// serves both, so it accepts either form.
import type { Decoder, DecoderOption } from "../command.js";

/** `{ count?, decoder? }` (client) or a bare count (batch). */
export type CountOption = ({ count?: number } & DecoderOption) | number;

/** `{ reverse?, decoder? }` (client) or a bare flag (batch). */
export type ReverseOption = ({ reverse?: boolean } & DecoderOption) | boolean;

export function countOf(option: CountOption | undefined): number | undefined {
  return typeof option === "number" ? option : option?.count;
}

export function reverseOf(option: ReverseOption | undefined): boolean {
  return typeof option === "boolean" ? option : option?.reverse === true;
}

export function decoderOf(option: CountOption | ReverseOption | undefined): Decoder | undefined {
  return typeof option === "object" ? option.decoder : undefined;
}
