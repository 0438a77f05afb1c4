// The server's memory values: a number of bytes, or one with a unit
// (`k`/`m`/`g` are powers of 1000, `kb`/`mb`/`gb` of 1024), any case.

const UNITS: Readonly<Record<string, number>> = {
  k: 1000,
  kb: 1024,
  m: 1e6,
  mb: 1024 ** 2,
  g: 1e9,
  gb: 1024 ** 3,
};

/** The bytes a memory value stands for; undefined when it is not one. */
export function memoryBytes(value: string): number | undefined {
  const match = /^(\d+)(k|kb|m|mb|g|gb)?$/i.exec(value);
  if (match === null) return undefined;
  return Number(match[1]) * (UNITS[match[2]?.toLowerCase() ?? ""] ?? 1);
}
