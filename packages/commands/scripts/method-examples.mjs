export const methodExamples = {};
