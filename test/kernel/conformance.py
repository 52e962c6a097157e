"""The Jupyter project's kernel conformance suite (jupyter_kernel_test) against linmap.

Run by scripts/suites/jupyter-conformance.mjs with Debian's /usr/bin/python3 and
JUPYTER_PATH pointing at a freshly written kernelspec. Every sample attribute is set, so no
test is skipped.
"""
import unittest

import jupyter_kernel_test


class LinmapKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "linmap"
    language_name = "linmap"
    file_extension = ".linmap"

    code_hello_world = 'print "hello, world"'
    # A command-line option linmap does not model is a warning: it goes to stderr.
    code_stderr = 'kernel { cmdline "console=ttyAMA0" }'

    completion_samples = [
        {"text": "boot { at init_I", "matches": {"init_IRQ"}},
        {"text": "boot { at init_IRQ: set_memory_decr", "matches": {"set_memory_decrypted"}},
        {"text": "kernel { version v7.", "matches": {"v7.0", "v7.1", "v7.2"}},
    ]
    complete_code_samples = ["run", "buffer b size 64K", "boot { at init_IRQ: memfd_secret }"]
    incomplete_code_samples = ["machine {", "boot {\n  at init_IRQ:"]
    invalid_code_samples = ["machine }", "show calls $"]

    code_page_something = "%help"
    code_generate_error = "boot { at init_irq: memfd_secret }"
    code_execute_result = [{"code": "%policy v7.0", "result": "v7.0"}, {"code": "%policy", "result": "v7.0"}]
    code_display_data = [
        {"code": "show calls", "mime": "text/html"},
        {"code": "show ptdump", "mime": "text/plain"},
    ]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "%policy v*"
    code_inspect_sample = "set_memory_decrypted"
    code_clear_output = "%clear"


if __name__ == "__main__":
    unittest.main()
