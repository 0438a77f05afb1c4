// What a backend does with a value's payload (the bytes after GLIDE's header).

export interface Codec {
  /** GLIDE's backend name, as its messages spell it. */
  readonly name: "zstd" | "lz4";
  /** GLIDE's backend id in the header. */
  readonly id: number;
  /** Which implementation serves it, for the README's figures and for tests. */
  readonly implementation: string;
  /** The payload for `data`. */
  compress(data: Uint8Array, level: number): Uint8Array;
  /**
   * The bytes a payload expands to. Throws OutputLimitError as soon as the output would
   * pass `maxBytes` (before allocating it), and an Error for a corrupt payload.
   */
  decompress(payload: Uint8Array, maxBytes: number): Uint8Array;
  /**
   * The payload's bytes read as UTF-8 (and how many bytes they were), when the codec can
   * do it without a Buffer of their own; undefined means "use decompress". Throws as
   * decompress does.
   */
  decompressText?(
    payload: Uint8Array,
    maxBytes: number,
  ): { readonly text: string; readonly bytes: number } | undefined;
}
