// Types for hash-files.mjs, which bench/run.ts imports too.
export declare function tsFiles(dir: string): string[];
export declare function hashOf(files: readonly string[]): string;
