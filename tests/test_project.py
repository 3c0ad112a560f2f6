"""Project hygiene a user relies on: one dependency list, clean paired notebooks, documented commands."""

from __future__ import annotations

import re
import sys

import pytest

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

_NAME = re.compile(r"^\s*([A-Za-z0-9_.\-]+)")


def _names(specs) -> set[str]:
    return {_NAME.match(s).group(1).lower().replace("_", "-").split("[")[0] for s in specs}


def test_environment_yml_and_pyproject_list_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= _names(extra)
    conda, pip = set(), set()
    in_pip = False
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        item = re.match(r"^(\s*)- (.+)$", line)
        if not item:
            in_pip = in_pip and line.strip().startswith("#")
            continue
        indent, spec = item.groups()
        if spec.strip() == "pip:":
            in_pip = True
            continue
        if in_pip and len(indent) > 2:
            if not spec.startswith("-e"):
                pip.add(spec)
        else:
            in_pip = False
            conda.add(spec)
    listed = (_names(conda) | _names(pip)) - {"python", "pip"}
    assert listed == wanted


def test_dependency_pins_cover_every_dependency():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pinned = _names(
        line
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    )
    wanted = _names(project["dependencies"]) - {"ipykernel", "ipywidgets", "jupyterlab"} | {"matplotlib"}
    assert wanted <= pinned


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.find("\n## ", readme.find("make test"))]
    assert "make report" in head and "make test" in head


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_clean_and_paired(path):
    import jupytext
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "commit notebooks without outputs"
    paired = jupytext.read(path.with_suffix(".py"))
    assert [c.source for c in paired.cells] == [c.source for c in nb.cells], "run `jupytext --sync`"
    assert any("parameters" in c.metadata.get("tags", []) for c in nb.cells)
