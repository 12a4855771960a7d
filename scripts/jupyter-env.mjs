// The environment every Jupyter process of liqlab runs in: the project's own Jupyter prefix
// (.jupyter/) for kernels, config, data and runtime files, so nothing is read from or written to
// the user's home Jupyter folders or the system prefix.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const venvBin = path.join(process.env.LIQLAB_PYTHON_ENV ? path.resolve(process.env.LIQLAB_PYTHON_ENV) : path.join(root, ".venv"), "bin");

export function jupyterEnv(extra = {}) {
  const j = path.join(root, ".jupyter");
  return {
    ...process.env,
    PATH: `${venvBin}${path.delimiter}${process.env.PATH}`,
    JUPYTER_PATH: path.join(j, "share", "jupyter"),
    JUPYTER_DATA_DIR: path.join(j, "share", "jupyter"),
    JUPYTER_CONFIG_DIR: path.join(j, "config"),
    JUPYTER_RUNTIME_DIR: path.join(j, "runtime"),
    JUPYTER_PLATFORM_DIRS: "1",
    IPYTHONDIR: path.join(j, "ipython"),
    TZ: "UTC",
    ...extra,
  };
}
