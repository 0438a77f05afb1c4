import { describe, expect, it } from "vitest";
import { parseNodeSlotReport } from "./node-slot-report.js";

describe("parseNodeSlotReport", () => {
  it("reads served ranges, single slots and migrating slots from the myself line", () => {
    const text = [
      "bbbb 127.0.0.1:7001@17001 master - 0 0 2 connected 100-200",
      "aaaa 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-3 7 [5->-bbbb] [9-<-cccc]",
      "",
    ].join("\n");
    const report = parseNodeSlotReport(text);
    expect([...(report?.owned ?? [])]).toEqual([0, 1, 2, 3, 7]);
    expect([...(report?.migrating ?? [])]).toEqual([5]);
  });

  it("returns undefined without a myself line", () => {
    expect(parseNodeSlotReport("bbbb 127.0.0.1:7001@17001 master - 0 0 2 connected 1-2")).toBe(
      undefined,
    );
  });
});
