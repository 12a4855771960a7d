// Public surface of src/figures/: named re-exports only. src/index.ts re-exports this file.
export {};
