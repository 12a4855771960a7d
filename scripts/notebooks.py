"""Execute liqlab notebooks headless with the project's kernel and render them to HTML.

Usage: python scripts/notebooks.py [--out DIR] [--html DIR] [--timeout S] NOTEBOOK...

Each notebook runs with the "liqlab" kernel (TypeScript via tslab) in its own folder. The executed
notebook is written to --out (default: in place) and an HTML page to --html (default:
artifacts/html). When a cell fails, this prints the notebook, the cell number, the cell's source
and the error text -- including what tslab wrote to stderr, which Jupyter's own error message
leaves out -- and exits 1.
"""
import argparse
import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

KERNEL = "liqlab"
# The lab template loads require.js and MathJax from a CDN. liqlab pages need neither (plotly.js is
# inlined once per notebook) and must render offline; MathJax would also read "$4,000 ... $3,500"
# in the text as TeX. So those two script tags are dropped.
OFFLINE = re.compile(r'<script[^>]*src="https://cdnjs\.cloudflare\.com/[^"]*"[^>]*>\s*</script>')


def cell_failure_text(path, nb, exc):
    """The failing cell: its number, source and every error text it produced."""
    failing = None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" or (out.get("output_type") == "stream" and out.get("name") == "stderr"):
                failing = (index, cell)
                break
        if failing:
            break
    lines = [f"notebook {path}: a cell failed"]
    if failing:
        index, cell = failing
        lines.append(f"--- cell {index + 1} (execution count {cell.get('execution_count')}) source:")
        lines.append(cell.source)
        lines.append("--- error:")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                lines.append(out.get("text", "").rstrip())
            elif out.get("output_type") == "error":
                lines.append(f"{out.get('ename')}: {out.get('evalue')}")
    else:
        lines.append(str(exc))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--out", default=None, help="folder for executed notebooks (default: overwrite in place)")
    ap.add_argument("--html", default="artifacts/html", help="folder for rendered HTML pages ('' for none)")
    ap.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    args = ap.parse_args()
    failed = 0
    for path in args.notebooks:
        t0 = time.time()
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name=KERNEL,
            timeout=args.timeout,
            record_timing=False,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            print(cell_failure_text(path, nb, exc), file=sys.stderr)
            failed += 1
            continue
        except RuntimeError as exc:  # the kernel did not start: say which notebook and why
            print(f"notebook {path}: the {KERNEL} kernel failed: {exc} (run `npm run setup`; see the kernel's stderr above)", file=sys.stderr)
            failed += 1
            continue
        nb.metadata.pop("widgets", None)
        out_path = os.path.join(args.out, os.path.basename(path)) if args.out else path
        if args.out:
            os.makedirs(args.out, exist_ok=True)
        nbformat.write(nb, out_path)
        html_path = ""
        if args.html:
            os.makedirs(args.html, exist_ok=True)
            body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
            body = OFFLINE.sub("", body)
            html_path = os.path.join(args.html, os.path.splitext(os.path.basename(path))[0] + ".html")
            with open(html_path, "w", encoding="utf-8") as f:
                f.write(body)
        size = f", {os.path.getsize(html_path) / 1e6:.1f} MB HTML" if html_path else ""
        print(f"executed {path} in {time.time() - t0:.1f} s -> {out_path}" + (f" and {html_path}{size}" if html_path else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
