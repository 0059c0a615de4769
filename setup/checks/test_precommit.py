"""The hooks contributors run (.pre-commit-config.yaml: ruff, OCA's mandatory
pylint-odoo checks, OCA's module and translation checks, the readme and Korean
checks, prettier and eslint) pass on every file of the repository: CI enforces
them. The first run installs the hooks' tools from PyPI and npm (cached in
~/.cache/pre-commit)."""

import subprocess
import sys


def test_pre_commit_on_all_files(root):
    result = subprocess.run(
        [
            sys.executable,
            *("-m", "pre_commit", "run", "--all-files"),
            *("--show-diff-on-failure", "--color=never"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-10000:]
