"""pytest plugin of setup/test: prints how long each phase of the run took.

setup/test passes the earlier phases in AFTERSALES_PHASES ("label=seconds;..."), the
moment it started in AFTERSALES_STARTED and the moment pytest was started in
AFTERSALES_TESTS_START (seconds since the epoch). The table is printed in the terminal
summary, so pytest's "N passed in X s" line stays the last line of the output.
"""

import os
import time

_first_test = []


def pytest_runtest_logstart(nodeid, location):
    if not _first_test:
        _first_test.append(time.time())


def _phases():
    phases = []
    for item in os.environ.get("AFTERSALES_PHASES", "").split(";"):
        label, _, seconds = item.rpartition("=")
        if label:
            phases.append((label, float(seconds)))
    start = os.environ.get("AFTERSALES_TESTS_START")
    if start:
        phases.append(("tests", time.time() - float(start)))
    return phases


def pytest_terminal_summary(terminalreporter):
    phases = _phases()
    if not phases:
        return
    width = max(len(label) for label, _ in phases + [("total", 0)])
    terminalreporter.write_sep("-", "setup/test phases")
    for label, seconds in phases:
        terminalreporter.write_line(f"{label:<{width}}  {seconds:7.1f} s")
    total = sum(seconds for _, seconds in phases)
    terminalreporter.write_line(f"{'total':<{width}}  {total:7.1f} s")
    started = os.environ.get("AFTERSALES_STARTED")
    if started and _first_test:
        terminalreporter.write_line(
            f"(the first test started {_first_test[0] - float(started):.1f} s "
            "after setup/test)"
        )
