// Public surface of src/notebook/: named re-exports only. src/index.ts re-exports this file.
export {};
