"""Run Odoo in processes of their own, for the checks that must be outside any test
transaction (installations, upgrades, a prefork server). Not a test module."""

import json
import os
import subprocess

MARK = "CHECK-RESULT:"


def odoo_command(*args, python=None, config=True):
    command = [
        python or os.environ["AFTERSALES_PYTHON_BIN"],
        os.path.join(os.environ["AFTERSALES_ODOO_SRC"], "odoo-bin"),
        *args,
    ]
    if config:
        command += ["-c", os.environ["AFTERSALES_CONF"]]
    return command


def run_odoo(args, stdin=None, python=None, timeout=1800):
    """Run odoo-bin with ``args`` (and the setup's configuration) to its end."""
    command = odoo_command(*args, python=python) + ["--no-http", "--log-level=warn"]
    result = subprocess.run(
        command,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


def shell(db, script, python=None, extra=()):
    """Run ``script`` in ``odoo-bin shell``; it prints MARK + a JSON result."""
    output = run_odoo(
        ["shell", "-d", db, "--shell-interface=python", *extra],
        stdin=script,
        python=python,
    )
    lines = [line for line in output.splitlines() if line.startswith(MARK)]
    assert lines, output
    return json.loads(lines[-1][len(MARK) :])
