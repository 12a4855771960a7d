// Public surface of src/sim/: named re-exports only. src/index.ts re-exports this file.
export {};
