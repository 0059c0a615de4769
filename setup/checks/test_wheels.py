"""Integrators install addons with pip: each addon builds into a wheel (OCA's whool
backend, metadata from the manifest), installs into a virtualenv next to Odoo with
its OCA dependencies, and Odoo finds it in site-packages without any addons path
of ours."""

import ast
import email.parser
import os
from pathlib import Path
import subprocess
import sys
import sysconfig
import zipfile

from odoo_process import MARK, odoo_command, shell
import pytest

OCA_PREFIX = "odoo-addon-"


def _run(args, **kwargs):
    result = subprocess.run(
        args, capture_output=True, text=True, check=False, timeout=1200, **kwargs
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


@pytest.fixture(scope="module")
def wheels(addon_dirs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheels")
    _run(
        [
            sys.executable,
            *("-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check"),
            *("-w", str(folder)),
            *(str(d) for d in addon_dirs),
        ]
    )
    return {
        path.name.split("-")[0].removeprefix("odoo_addon_"): path
        for path in folder.glob("*.whl")
    }


def _metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(archive.read(name).decode())


def test_each_addon_builds_a_wheel_from_its_manifest(addon_dirs, wheels):
    assert sorted(wheels) == sorted(d.name for d in addon_dirs)
    ours = {d.name for d in addon_dirs}
    for addon_dir in addon_dirs:
        manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text())
        metadata = _metadata(wheels[addon_dir.name])
        assert metadata["Name"] == OCA_PREFIX + addon_dir.name
        assert metadata["Version"].startswith(manifest["version"])
        requires = set(metadata.get_all("Requires-Dist"))
        expected = {"odoo==19.0.*"}
        for depend in manifest["depends"]:
            module = Path(os.environ["AFTERSALES_ODOO_SRC"]) / "addons" / depend
            if depend in ours or not module.is_dir():
                expected.add(f"{OCA_PREFIX}{depend}==19.0.*")
        assert requires == expected, addon_dir.name
        with zipfile.ZipFile(wheels[addon_dir.name]) as archive:
            names = set(archive.namelist())
        # (whool leaves its own pyproject.toml out)
        tracked = set(_run(["git", "ls-files"], cwd=addon_dir).split())
        tracked.discard("pyproject.toml")
        missing = {f"odoo/addons/{addon_dir.name}/{f}" for f in tracked} - names
        assert not missing, f"{addon_dir.name}: not in the wheel: {sorted(missing)}"


SCRIPT = """
import json
Module = env["ir.module.module"]
from odoo.modules.module import get_module_path
names = %(names)r
modules = Module.search([("name", "in", names)])
states = {module.name: module.state for module in modules}
paths = {name: get_module_path(name) for name in names}
print("%(mark)s" + json.dumps({"states": states, "paths": paths}))
"""


def test_pip_install_and_run_from_site_packages(wheels, test_db, tmp_path):
    """A scratch virtualenv sees Odoo and the OCA addons of the project's one (as
    an integrator's system would have them), gets our wheels with pip, and Odoo
    installs our addons from its site-packages, with an addons path that has
    only Odoo's and the OCA's folders."""
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    site = Path(
        _run(
            [
                str(python),
                "-c",
                "import sysconfig; print(sysconfig.get_paths()['purelib'])",
            ]
        ).strip()
    )
    (site / "project_environment.pth").write_text(
        f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n"
    )
    output = _run(
        [
            str(python),
            *("-m", "pip", "install", "--no-index", "--disable-pip-version-check"),
            *(str(w) for w in wheels.values()),
        ]
    )
    assert "Successfully installed" in output
    db = f"{test_db}_wheels"
    names = sorted(wheels)
    addons_path = f"--addons-path={os.environ['AFTERSALES_EXTERNAL_ADDONS_PATH']}"
    command = odoo_command(
        "-d",
        db,
        "-i",
        ",".join(names),
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
        addons_path,
        python=str(python),
    )
    _run(command)
    result = shell(
        db,
        SCRIPT % {"names": names, "mark": MARK},
        python=str(python),
        extra=[addons_path],
    )
    assert result["states"] == dict.fromkeys(names, "installed")
    for name, path in result["paths"].items():
        assert path == str(site / "odoo" / "addons" / name), (name, path)
