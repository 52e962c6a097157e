"""Re-runs cells with nbclient, which sends no cell id, as `jupyter nbconvert --execute` and
notebook-automation tools do. Used by frontends.test.ts.

Usage: nbclient_rerun.py KERNEL_NAME < STEPS_JSON
STEPS_JSON: {"cells": [source, ...], "steps": [[cell_index, new_source_or_null], ...]}
Prints a JSON list, one entry per step: {"status", "text"} where text joins the step's
text/plain outputs and error values.
"""
import json
import sys

import nbformat
from nbclient import NotebookClient


def main():
    spec = json.load(sys.stdin)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) for s in spec["cells"]]
    client = NotebookClient(nb, kernel_name=sys.argv[1], timeout=120, allow_errors=True)
    results = []
    with client.setup_kernel():
        for index, source in spec["steps"]:
            cell = nb.cells[index]
            if source is not None:
                cell.source = source
            client.execute_cell(cell, index)
            texts = []
            status = "ok"
            for o in cell.outputs:
                if o.output_type == "error":
                    status = "error"
                    texts.append(f"{o.ename}: {o.evalue}")
                elif o.output_type == "stream":
                    texts.append(o.text)
                else:
                    texts.append(o.get("data", {}).get("text/plain", ""))
            results.append({"status": status, "text": "\n".join(texts)})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
