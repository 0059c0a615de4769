"""OCA's mandatory pylint-odoo checks and ruff, on every addon of the repository."""

import subprocess
import sys


def _run(args, cwd):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    return result.returncode, result.stdout + result.stderr


def test_ruff(root):
    code, output = _run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=root
    )
    assert code == 0, output
    code, output = _run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."], cwd=root
    )
    assert code == 0, output


def test_pylint_odoo(root, addon_dirs):
    code, output = _run(
        [
            sys.executable,
            "-m",
            "pylint",
            f"--rcfile={root / '.pylintrc'}",
            *[d.name for d in addon_dirs],
        ],
        cwd=root,
    )
    assert code == 0, output
