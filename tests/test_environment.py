"""The pinned environment is one environment: the pip lock and environment.yml must agree."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: '{line}' is not an exact pin"
            pins[name.lower().replace("_", "-")] = version
    return pins


def _direct() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["dependencies"] + project["optional-dependencies"]["dev"]
    return [re.split(r"[<>=!\[ ]", n)[0].lower() for n in names]


def test_every_direct_dependency_is_locked():
    lock = _lock()
    missing = [n for n in _direct() if n not in lock]
    assert not missing, f"direct dependencies missing from requirements.lock: {missing}"


def test_environment_yml_names_the_locked_versions():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {}
    for entry in spec["dependencies"]:
        if isinstance(entry, str) and "==" in entry:
            name, version = entry.split("==")
            conda[name.strip().lower()] = version.strip()
    lock = _lock()
    for name in _direct():
        assert name in conda, f"environment.yml does not name {name}"
        assert conda[name] == lock[name], (
            f"{name}: environment.yml pins {conda[name]}, requirements.lock pins {lock[name]}"
        )


def test_python_version_agrees():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in spec["dependencies"]
    # set-up tries exactly the versions requires-python allows, oldest first
    makefile = (ROOT / "Makefile").read_text()
    tried = re.search(r"^PYTHON_BOOT \?=.*for p in ([^;]+);", makefile, re.M).group(1).split()
    assert tried == ["python3.11", "python3.12", "python3.13"]
    assert 'requires-python = ">=3.11,<3.14"' in (ROOT / "pyproject.toml").read_text()
