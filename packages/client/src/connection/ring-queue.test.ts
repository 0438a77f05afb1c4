import { describe, expect, it } from "vitest";
import { RingQueue } from "./ring-queue.js";

describe("RingQueue", () => {
  it("keeps FIFO order across growth and wrap-around", () => {
    const queue = new RingQueue<number>(2);
    const expected: number[] = [];
    let next = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 3; i++) {
        queue.push(next);
        expected.push(next++);
      }
      expect(queue.shift()).toBe(expected.shift());
    }
    expect(queue.length).toBe(expected.length);
    expect(queue.peek()).toBe(expected[0]);
    expect(queue.drain()).toEqual(expected);
    expect(queue.length).toBe(0);
    expect(queue.shift()).toBeUndefined();
    expect(queue.peek()).toBeUndefined();
  });
});
