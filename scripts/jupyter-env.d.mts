// Types for jupyter-env.mjs, which the TypeScript tests import too.
export declare const root: string;
export declare const venvBin: string;
export declare function jupyterEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
