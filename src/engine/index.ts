// Public surface of src/engine/: named re-exports only. src/index.ts re-exports this file.
export {};
