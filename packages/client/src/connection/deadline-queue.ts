// One timer for every request timeout. Entries sit in a binary min-heap by
// deadline; a single setTimeout is armed for the earliest one. Requests made
// with the same timeout arrive in deadline order, so the head rarely changes
// and the timer is rarely re-armed; nor is it disarmed when the queue empties,
// so sequential requests do not each arm and clear a Node timer.

/** What the queue stores: the request object itself carries its heap position. */
export interface DeadlineEntry {
  /** Absolute time (performance.now() scale) at which the entry expires. */
  deadline: number;
  /** Position in the heap; -1 when not queued. Owned by the queue. */
  heapIndex: number;
}

/** setTimeout treats longer delays as 1 ms; a far deadline is reached in several hops. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export class DeadlineQueue<E extends DeadlineEntry> {
  readonly #heap: E[] = [];
  #timer: NodeJS.Timeout | undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  readonly #onExpire: (entry: E) => void;
  readonly #now: () => number;

  constructor(onExpire: (entry: E) => void, now: () => number = () => performance.now()) {
    this.#onExpire = onExpire;
    this.#now = now;
  }

  get size(): number {
    return this.#heap.length;
  }

  add(entry: E): void {
    entry.heapIndex = this.#heap.length;
    this.#heap.push(entry);
    this.#siftUp(entry.heapIndex);
    this.#arm();
  }

  /** Removes `entry` if queued. */
  remove(entry: E): void {
    const index = entry.heapIndex;
    if (index < 0 || this.#heap[index] !== entry) return;
    const last = this.#heap.pop() as E;
    entry.heapIndex = -1;
    if (index < this.#heap.length) {
      this.#heap[index] = last;
      last.heapIndex = index;
      this.#siftDown(index);
      this.#siftUp(last.heapIndex);
    }
    // An emptied queue keeps its timer: with one request at a time the next add would arm
    // a new one at once. The timer fires once, finds nothing due, and stops (see fire).
  }

  /** Stops the timer and forgets every entry (without expiring them). */
  clear(): void {
    for (const entry of this.#heap) entry.heapIndex = -1;
    this.#heap.length = 0;
    this.#disarm();
  }

  #arm(): void {
    const head = this.#heap[0];
    if (head === undefined) {
      this.#disarm();
      return;
    }
    // Re-arm only when the earliest deadline moved before the armed time.
    if (this.#timer !== undefined && head.deadline >= this.#armedFor) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = head.deadline;
    const delay = Math.min(MAX_TIMER_DELAY_MS, Math.max(0, Math.ceil(head.deadline - this.#now())));
    this.#timer = setTimeout(this.#fire, delay);
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = this.#now();
    for (
      let head = this.#heap[0];
      head !== undefined && head.deadline <= now;
      head = this.#heap[0]
    ) {
      this.remove(head);
      this.#onExpire(head);
    }
    this.#arm();
  };

  #siftUp(start: number): void {
    const heap = this.#heap;
    let index = start;
    const entry = heap[index] as E;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex] as E;
      if (parent.deadline <= entry.deadline) break;
      heap[index] = parent;
      parent.heapIndex = index;
      index = parentIndex;
    }
    heap[index] = entry;
    entry.heapIndex = index;
  }

  #siftDown(start: number): void {
    const heap = this.#heap;
    const length = heap.length;
    let index = start;
    const entry = heap[index] as E;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && (heap[right] as E).deadline < (heap[left] as E).deadline) child = right;
      const childEntry = heap[child] as E;
      if (childEntry.deadline >= entry.deadline) break;
      heap[index] = childEntry;
      childEntry.heapIndex = index;
      index = child;
    }
    heap[index] = entry;
    entry.heapIndex = index;
  }
}
