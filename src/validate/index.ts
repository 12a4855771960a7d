// Public surface of src/validate/: named re-exports only. src/index.ts re-exports this file.
export {};
