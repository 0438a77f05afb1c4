/** Where the generated declarations are written. */
export declare const outputs: { client: string; batch: string };
/** The reply type's text in words, for the common shapes. */
export declare function replyInWords(type: string): string;
/** The generated files as they should be: `{ path, text }` each. */
export declare function renderMethodDeclarations(): { path: string; text: string }[];
