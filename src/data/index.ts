// Public surface of src/data/: named re-exports only. src/index.ts re-exports this file.
export {};
