"""Kernel latency, measured the way Jupyter front ends see it (jupyter_client).

Usage: kernel_client.py KERNEL_NAME CODE
Prints {"startup_ms": median of 10 launches to the first kernel_info_reply,
        "exec_ms": median of 100 trivial executes, request to idle}.
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
    name, code = sys.argv[1], sys.argv[2]
    startups = [startup_ms(name) for _ in range(10)]
    print(json.dumps({"startup_ms": statistics.median(startups), "exec_ms": exec_ms(name, code, 100)}))


if __name__ == "__main__":
    main()
