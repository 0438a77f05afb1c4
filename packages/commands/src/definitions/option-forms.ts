// A few GLIDE methods take their last option in two forms: the client methods
// an options object (`{ count }`, `{ reverse }`, with `decoder`), the batch
// methods a bare value (`count?: number`, `reverse?: boolean`). One factory
// serves both, so it accepts either form.
import type { Decoder, DecoderOption } from "../command.js";

/** `{ count?, decoder? }` (client) or a bare count (batch). */
export type CountOption = ({ count?: number } & DecoderOption) | number;

/** `{ reverse?, decoder? }` (client) or a bare flag (batch). */
export type ReverseOption = ({ reverse?: boolean } & DecoderOption) | boolean;

export const countOf = (option: CountOption | undefined): number | undefined =>
  typeof option === "number" ? option : option?.count;

export const reverseOf = (option: ReverseOption | undefined): boolean =>
  typeof option === "boolean" ? option : option?.reverse === true;

export const decoderOf = (option: CountOption | ReverseOption | undefined): Decoder | undefined =>
  typeof option === "object" ? option.decoder : undefined;
