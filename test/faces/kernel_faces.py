"""Runs sessions of cells in the linmap kernel through jupyter_client (Jupyter's own client
library), as a notebook front end does. Used by kernel.test.ts.

Usage: kernel_faces.py OUT_JSON < SESSIONS_JSON
SESSIONS_JSON: [[cell source, ...], ...]; each session starts with %reset in one kernel.
Writes to OUT_JSON (the kernel shares this process's standard output) a JSON list, per session a list per cell: {"status", "outputs": [{"type", "plain",
"html"}]} with the cell's iopub outputs in order (streams as type "stream", errors with
their traceback joined as "plain").
"""
import json
import sys

from jupyter_client.manager import start_new_kernel


def execute(kc, code):
    msg_id = kc.execute(code)
    outputs = []
    status = "ok"
    while True:
        msg = kc.get_iopub_msg(timeout=300)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status" and content["execution_state"] == "idle":
            break
        if kind in ("execute_result", "display_data", "update_display_data"):
            data = content.get("data", {})
            outputs.append({"type": kind, "plain": data.get("text/plain", ""), "html": data.get("text/html", "")})
        elif kind == "stream":
            outputs.append({"type": "stream", "plain": content["text"], "html": ""})
        elif kind == "error":
            status = "error"
            outputs.append({"type": "error", "plain": "\n".join(content["traceback"]), "html": ""})
    reply = kc.get_shell_msg(timeout=300)
    if reply["content"]["status"] != "ok":
        status = "error"
    return {"status": status, "outputs": outputs}


def main():
    sessions = json.load(sys.stdin)
    km, kc = start_new_kernel(kernel_name="linmap", startup_timeout=120)
    try:
        results = []
        for cells in sessions:
            execute(kc, "%reset")
            results.append([execute(kc, c) for c in cells])
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            json.dump(results, out)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
