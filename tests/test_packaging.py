"""pyproject.toml declares every folder that ships files, so that a normal
``pip install .`` installs the whole rule pack, templates and model without
setuptools warnings."""

from __future__ import annotations

import tomllib

from tests.conftest import ROOT


def test_every_folder_with_files_is_a_declared_package_with_its_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    packages, data = set(setuptools["packages"]), setuptools["package-data"]
    roots = {"policylint": ROOT / "policylint", "policylint.rulepack": ROOT / "rules"}
    assert setuptools["package-dir"] == {name: path.name for name, path in roots.items()}
    on_disk = set()
    for base, folder in roots.items():
        for sub in [folder, *folder.rglob("*")]:
            if sub.is_dir() and sub.name != "__pycache__" and any(p.is_file() for p in sub.iterdir()):
                name = ".".join([base, *sub.relative_to(folder).parts])
                if not name.startswith("policylint.rulepack") or base == "policylint.rulepack":
                    on_disk.add(name)
    on_disk.discard("policylint.rulepack.rulepack")
    assert on_disk == packages
    for name in packages:
        folder = roots["policylint.rulepack"] if name.startswith("policylint.rulepack") else roots["policylint"]
        parts = name.split(".")[2:] if name.startswith("policylint.rulepack") else name.split(".")[1:]
        files = [p for p in folder.joinpath(*parts).iterdir() if p.is_file() and p.suffix != ".py"]
        patterns = data.get(name, [])
        unshipped = [p.name for p in files if not any(p.match(pattern) for pattern in patterns)]
        assert unshipped == [], f"{name}: files not in package-data: {unshipped}"


def test_the_licence_is_an_spdx_string():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["license"] == "MIT"
