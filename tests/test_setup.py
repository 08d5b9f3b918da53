"""A newcomer's set-up: the Makefile finds a Python it can use, or says what is missing."""

import re
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def find_python(tmp_path, pythons):
    """scripts/find-python with only `pythons` on PATH: {name: whether it runs as 3.11+}."""
    for name, works in pythons.items():
        fake = tmp_path / name
        fake.write_text(f"#!/bin/sh\nexit {0 if works else 1}\n")
        fake.chmod(0o755)
    return subprocess.run(
        ["/bin/sh", str(ROOT / "scripts" / "find-python")],
        env={"PATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.parametrize(
    "pythons, chosen",
    [
        ({"python3.11": True, "python3.12": True, "python3.13": True}, "python3.13"),
        ({"python3.12": True}, "python3.12"),  # no python3.11 at all
        ({"python3.13": False, "python3.12": True, "python3.11": True}, "python3.12"),  # a shim
        ({"python3": True}, "python3"),
    ],
)
def test_the_newest_python_that_runs_is_chosen(tmp_path, pythons, chosen):
    result = find_python(tmp_path, pythons)
    assert result.returncode == 0 and result.stdout.strip() == chosen


def test_without_a_python_3_11_it_says_so(tmp_path):
    result = find_python(tmp_path, {"python3": False, "python3.10": True})
    assert result.returncode == 1 and not result.stdout
    assert "needs Python 3.11 or newer" in result.stderr


def test_every_dependency_is_locked_with_its_hashes():
    """requirements.lock, which make installs with --require-hashes, pins every package that
    pyproject.toml names (and the dev extra), each with hashes: `make lock` after a change."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    lock = (ROOT / "requirements.lock").read_text()
    pinned = {
        canonical(name): version
        for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", lock, re.M)
    }
    for requirement in wanted:
        name = canonical(re.match(r"[A-Za-z0-9._-]+", requirement).group())
        assert name in pinned, f"{name} is not in requirements.lock: run make lock"
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 2)[2])
    assert all("--hash=sha256:" in entry for entry in entries if entry.strip())
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements.lock" in makefile


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()
