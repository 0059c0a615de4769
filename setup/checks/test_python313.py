"""Python 3.13 (the python3 of Debian 13): the whole requirement set of the project
(Odoo's requirements as setup/odoo-requirements.py filters them, and requirements.txt)
installs there.

1. The set is resolved for Python 3.13: pip evaluates the environment markers of every
   requirement, Odoo's and each dependency's, as on 3.13 (pip's own --python-version
   only changes the wheel tags and Requires-Python, not the markers).
2. Each resolved release is looked up for a wheel that CPython 3.13 takes on this
   machine's platform (manylinux tags of its glibc, x86_64/aarch64): those install as
   they are.
3. The others are built from their source distribution. That is proven only by building
   them with a Python 3.13 (AFTERSALES_PYTHON313, python3.13 on PATH or a pyenv 3.13);
   without one, a pure-Python package is proven by its wheel (built here, tagged
   py3-none-any, the same file for every Python 3) and a compiled one is reported as not
   proven (the test is skipped and says which).

The result is cached under ~/.cache/helpdesk-aftersales/python313/, keyed on the
requirement files, this check and the 3.13 interpreter found: it costs a minute or two
after a change of the requirements, nothing otherwise. Without access to the package
index and without a cached result, the test is skipped, never failed.

Standalone: ``python setup/checks/test_python313.py [--refresh]`` (with the virtualenv's
Python) prints the report; ``python -m pytest setup/checks/test_python313.py`` runs it.
"""

import glob
import hashlib
import json
import os
from pathlib import Path
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
import zipfile

import pytest

ROOT = Path(os.environ.get("AFTERSALES_ROOT", Path(__file__).resolve().parents[2]))
TARGET = "3.13"
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    / "helpdesk-aftersales"
    / "python313"
)
CACHE_DAYS = 7  # unpinned requirements move: prove again at least weekly
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
# pip, with the environment markers evaluated as on Python 3.13
PIP_AS_313 = f"""
import sys
from pip._vendor.packaging import markers
_environment = markers.default_environment
def default_environment():
    return dict(
        _environment(),
        python_version={TARGET!r},
        python_full_version={TARGET + ".0"!r},
        implementation_version={TARGET + ".0"!r},
        implementation_name="cpython",
        platform_python_implementation="CPython",
    )
markers.default_environment = default_environment
from pip._internal.cli.main import main
sys.exit(main(sys.argv[1:]))
"""
NETWORK_ERRORS = (
    "NewConnectionError",
    "Failed to establish a new connection",
    "Temporary failure in name resolution",
    "Name or service not known",
    "Network is unreachable",
    "ConnectTimeoutError",
    "ReadTimeoutError",
)


class IndexUnreachable(Exception):
    pass


def odoo_src():
    for candidate in (
        os.environ.get("AFTERSALES_ODOO_SRC"),
        os.environ.get("ODOO_SRC"),
        "/opt/odoo/19.0",
    ):
        if candidate and (Path(candidate) / "requirements.txt").is_file():
            return Path(candidate)
    pytest.skip("no Odoo source tree (set ODOO_SRC)")


def requirement_files(workdir):
    """The project's requirement set in ``workdir``: odoo.txt, project.txt."""
    src = odoo_src()
    odoo = subprocess.run(
        [
            sys.executable,
            str(ROOT / "setup" / "odoo-requirements.py"),
            str(src / "requirements.txt"),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    (workdir / "odoo.txt").write_text(odoo)
    shutil.copy(ROOT / "requirements.txt", workdir / "project.txt")
    return src


def odoo_stub(src, folder):
    """A wheel that only says "odoo <version>": the OCA addons require Odoo, which is
    installed from its source tree (not from the package index); its own requirements
    are those of odoo.txt."""
    version = runpy.run_path(str(src / "odoo" / "release.py"))["version"]
    info = f"odoo-{version}.dist-info"
    path = folder / f"odoo-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as wheel:
        wheel.writestr(
            f"{info}/METADATA",
            f"Metadata-Version: 2.1\nName: odoo\nVersion: {version}\n",
        )
        wheel.writestr(
            f"{info}/WHEEL",
            "Wheel-Version: 1.0\nGenerator: stub\nRoot-Is-Purelib: true\n"
            "Tag: py3-none-any\n",
        )
        wheel.writestr(f"{info}/RECORD", "")
    return path


def find_python313():
    """A runnable Python 3.13 with pip, or None."""
    candidates = [os.environ.get("AFTERSALES_PYTHON313"), shutil.which("python3.13")]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(
        glob.glob(f"{pyenv_root}/versions/{TARGET}*/bin/python{TARGET}"), reverse=True
    )
    for candidate in filter(None, candidates):
        try:
            out = subprocess.run(
                [
                    candidate,
                    "-c",
                    "import sys, pip; print(sys.version.split()[0])",
                ],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
        except OSError:
            continue
        if out.returncode == 0 and out.stdout.startswith(TARGET + "."):
            return {"path": candidate, "version": out.stdout.strip()}
    return None


def target_platforms():
    """The platform tags of wheels that this machine's Python takes (manylinux of
    its glibc, down to manylinux1), without the bare linux tag PyPI never has."""
    from pip._vendor.packaging import tags

    platforms = []
    for tag in tags.sys_tags():
        if tag.platform not in platforms and not tag.platform.startswith("linux_"):
            platforms.append(tag.platform)
    return platforms


def pip(args, workdir, as_313=False):
    command = [*PIP, *args]
    if as_313:
        command = [sys.executable, "-c", PIP_AS_313, "--disable-pip-version-check"]
        command += args
    result = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, check=False
    )
    if result.returncode and any(e in result.stderr for e in NETWORK_ERRORS):
        raise IndexUnreachable(result.stderr[-1500:])
    return result


def resolve(workdir, stub_dir):
    """Every release pip installs for the set on 3.13: {name: version}."""
    result = pip(
        [
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--report",
            "resolved.json",
            "--find-links",
            str(stub_dir),
            "-r",
            "odoo.txt",
            "-r",
            "project.txt",
        ],
        workdir,
        as_313=True,
    )
    assert result.returncode == 0, (
        "the requirement set does not resolve for Python 3.13:\n"
        + result.stderr[-4000:]
    )
    report = json.loads((workdir / "resolved.json").read_text())
    return {
        item["metadata"]["name"]: item["metadata"]["version"]
        for item in report["install"]
        if item["metadata"]["name"] != "odoo"
    }


def wheels_for_313(workdir, pins):
    """Split ``pins`` into those with a wheel for CPython 3.13 on this platform
    ({name: wheel file name}) and those without ({name: version})."""
    platform_args = [arg for p in target_platforms() for arg in ("--platform", p)]
    todo, wheels, without = dict(pins), {}, {}
    while todo:
        result = pip(
            [
                "install",
                "--dry-run",
                "--ignore-installed",
                "--no-deps",
                "--quiet",
                "--only-binary",
                ":all:",
                "--python-version",
                TARGET,
                "--implementation",
                "cp",
                "--abi",
                "cp" + TARGET.replace(".", ""),
                "--abi",
                "abi3",
                "--abi",
                "none",
                *platform_args,
                "--target",
                str(workdir / "target"),
                "--report",
                "wheels.json",
                *(f"{name}=={version}" for name, version in todo.items()),
            ],
            workdir,
        )
        if result.returncode == 0:
            report = json.loads((workdir / "wheels.json").read_text())
            for item in report["install"]:
                url = item["download_info"]["url"]
                wheels[item["metadata"]["name"]] = url.rsplit("/", 1)[-1]
            break
        missing = [
            name
            for name in todo
            if f"No matching distribution found for {name}=={todo[name]}"
            in result.stderr
        ]
        assert missing, result.stderr[-4000:]
        for name in missing:
            without[name] = todo.pop(name)
    return wheels, without


def build(workdir, sources, python313):
    """Build each of ``sources`` ({name: version}) into a wheel: with Python 3.13
    when there is one; else only pure-Python ones (with this Python) count.
    Returns ({name: wheel file name}, {name: why not proven})."""
    built, unproven = {}, {}
    python = python313["path"] if python313 else sys.executable
    for name, version in sorted(sources.items()):
        out = workdir / "built" / name
        result = subprocess.run(
            [
                python,
                "-m",
                "pip",
                "--disable-pip-version-check",
                "wheel",
                "--quiet",
                "--no-deps",
                "--no-binary",
                name,
                "-w",
                str(out),
                f"{name}=={version}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode and any(e in result.stderr for e in NETWORK_ERRORS):
            raise IndexUnreachable(result.stderr[-1500:])
        files = sorted(p.name for p in out.glob("*.whl"))
        if result.returncode or not files:
            unproven[name] = "the build failed:\n" + result.stderr[-3000:]
            continue
        tags = files[0][:-4].split("-")[-3:]
        if python313 or tags[1:] == ["none", "any"] and "py3" in tags[0]:
            built[name] = files[0]
        else:
            unproven[name] = (
                f"compiled ({files[0]}): only a Python {TARGET} can build it; "
                "set AFTERSALES_PYTHON313"
            )
    return built, unproven


def cache_key(workdir, python313):
    digest = hashlib.sha256()
    for name in ("odoo.txt", "project.txt"):
        digest.update((workdir / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    digest.update(json.dumps(python313).encode())
    digest.update(json.dumps(target_platforms()).encode())
    return digest.hexdigest()[:16]


def index_reachable():
    """Whether pip's package index answers (its configured index URL)."""
    url = (
        subprocess.run(
            [*PIP, "config", "get", "global.index-url"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        or "https://pypi.org/simple/"
    )
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/pip/", timeout=30):
            return True
    except OSError:
        return False


def prove(refresh=False):
    """The report (a dict), from the cache when it is recent."""
    python313 = find_python313()
    with tempfile.TemporaryDirectory(prefix="aftersales-py313-") as tmp:
        workdir = Path(tmp)
        src = requirement_files(workdir)
        cached = CACHE / f"{cache_key(workdir, python313)}.json"
        if (
            not refresh
            and cached.is_file()
            and time.time() - cached.stat().st_mtime < CACHE_DAYS * 86400
        ):
            return json.loads(cached.read_text())
        if not index_reachable():
            raise IndexUnreachable("the package index does not answer")
        stub_dir = workdir / "stub"
        stub_dir.mkdir()
        odoo_stub(src, stub_dir)
        pins = resolve(workdir, stub_dir)
        wheels, sources = wheels_for_313(workdir, pins)
        built, unproven = build(workdir, sources, python313)
        report = {
            "python313": python313,
            "platforms": target_platforms(),
            "resolved": pins,
            "wheels": wheels,
            "source_builds": {
                name: {"version": version, "wheel": built.get(name)}
                for name, version in sorted(sources.items())
            },
            "unproven": unproven,
            "made": time.strftime("%Y-%m-%d %H:%M:%S"),
        }
        if not unproven:
            CACHE.mkdir(parents=True, exist_ok=True)
            for old in CACHE.glob("*.json"):
                old.unlink()
            cached.write_text(json.dumps(report, indent=1, sort_keys=True))
        return report


def describe(report):
    by = report["python313"]
    lines = [
        (
            f"Python {TARGET}: {len(report['resolved'])} releases resolved "
            f"({report['made']}), {len(report['wheels'])} from wheels"
        ),
        "built from source "
        + (f"by Python {by['version']} ({by['path']})" if by else "(no Python 3.13)")
        + ":",
    ]
    for name, build_info in report["source_builds"].items():
        done = build_info["wheel"] or "NOT PROVEN: " + report["unproven"][name][:300]
        lines.append(f"  {name}=={build_info['version']}: {done}")
    return "\n".join(lines)


def test_requirements_install_on_python_313():
    try:
        report = prove()
    except IndexUnreachable as error:
        pytest.skip(f"nothing proven for Python {TARGET}: no package index ({error})")
    failed = {
        name: why
        for name, why in report["unproven"].items()
        if not why.startswith("compiled")
    }
    assert not failed, describe(report)
    if report["unproven"]:
        pytest.skip(describe(report))


if __name__ == "__main__":
    try:
        print(describe(prove(refresh="--refresh" in sys.argv)))
    except IndexUnreachable as error:
        sys.exit(f"no package index: {error}")
