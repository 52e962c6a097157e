"""Kernel latency, measured the way Jupyter front ends see it (jupyter_client).

Usage: kernel_client.py KERNEL_NAME CODE FIRST_CELL
Prints {"startup_ms": median of 10 launches to the first kernel_info_reply,
        "exec_ms": median of 100 trivial executes, request to idle,
        "first_cell_ms": median of 5 launches to the idle after FIRST_CELL, sent once the
                         kernel is ready, as a notebook opened and run at once does}.
"""
import json
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def startup_ms(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id and reply["msg_type"] == "kernel_info_reply":
            break
    elapsed = (time.perf_counter() - t0) * 1000
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed


def first_cell_ms(name, code):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    msg_id = kc.execute(code)
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            break
    elapsed = (time.perf_counter() - t0) * 1000
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"].get("status") != "ok":
        raise SystemExit(f"first cell failed: {reply['content']}")
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return elapsed


def exec_ms(name, code, runs):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        times.append((time.perf_counter() - t0) * 1000)
        kc.get_shell_msg(timeout=30)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    return statistics.median(times)


def main():
    name, code, first = sys.argv[1], sys.argv[2], sys.argv[3]
    startups = [startup_ms(name) for _ in range(10)]
    firsts = [first_cell_ms(name, first) for _ in range(5)]
    print(json.dumps({
        "startup_ms": statistics.median(startups),
        "exec_ms": exec_ms(name, code, 100),
        "first_cell_ms": statistics.median(firsts),
    }))


if __name__ == "__main__":
    main()
