/** Example code (one line per entry) for the doc comments of the most used client methods. */
export declare const methodExamples: Record<string, readonly string[]>;
