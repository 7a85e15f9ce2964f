"""The oldest botocore and boto3 pyproject.toml allows, as pins: ``botocore==X boto3==Y``.

.ci/run and tox's ``oldest`` env install them in a venv of their own and run the suite there,
so the floors in pyproject.toml are tested, not assumed. ``--install`` installs them into the
running interpreter instead of printing them.
"""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import tomllib

PACKAGES = ("botocore", "boto3")

pyproject = pathlib.Path(__file__).resolve().parent.parent / "pyproject.toml"
requirements = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
floors = {}
for requirement in requirements:
    match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement.strip())
    if match and match.group(1) in PACKAGES:
        floors[match.group(1)] = match.group(2)
missing = [p for p in PACKAGES if p not in floors]
if missing:
    sys.exit(f"pyproject.toml gives no '>=' floor for {', '.join(missing)}")
pins = [f"{name}=={floors[name]}" for name in PACKAGES]
if sys.argv[1:] == ["--install"]:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *pins], check=True)
else:
    print(" ".join(pins))
