// A set of slots as a bitmap, with a compact text form ("0-5460,10923-16383")
// for carrying it inside a scan cursor.
import { SLOT_COUNT } from "../slots/slot-of.js";

export class SlotSet {
  readonly #bits = new Uint8Array(SLOT_COUNT);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(slot: number): boolean {
    return this.#bits[slot] === 1;
  }

  add(slot: number): void {
    if (this.#bits[slot] === 0) {
      this.#bits[slot] = 1;
      this.#size++;
    }
  }

  delete(slot: number): void {
    if (this.#bits[slot] === 1) {
      this.#bits[slot] = 0;
      this.#size--;
    }
  }

  /** The lowest slot not in the set, or undefined when the set is full. */
  firstMissing(): number | undefined {
    const index = this.#bits.indexOf(0);
    return index === -1 ? undefined : index;
  }

  forEach(visit: (slot: number) => void): void {
    for (let slot = 0; slot < SLOT_COUNT; slot++) if (this.#bits[slot] === 1) visit(slot);
  }

  toText(): string {
    const parts: string[] = [];
    let slot = 0;
    while (slot < SLOT_COUNT) {
      if (this.#bits[slot] === 0) {
        slot++;
        continue;
      }
      const start = slot;
      while (slot + 1 < SLOT_COUNT && this.#bits[slot + 1] === 1) slot++;
      parts.push(start === slot ? `${start}` : `${start}-${slot}`);
      slot++;
    }
    return parts.join(",");
  }

  /** Parses `toText` output; undefined when the text is malformed or out of range. */
  static fromText(text: string): SlotSet | undefined {
    const set = new SlotSet();
    if (text === "") return set;
    for (const part of text.split(",")) {
      const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
      if (match === null) return undefined;
      const start = Number(match[1]);
      const end = match[2] === undefined ? start : Number(match[2]);
      if (start > end || end >= SLOT_COUNT) return undefined;
      for (let slot = start; slot <= end; slot++) set.add(slot);
    }
    return set;
  }
}
