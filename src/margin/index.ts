// Public surface of src/margin/: named re-exports only. src/index.ts re-exports this file.
export {};
