"""What keeps ``make report`` quick without changing what it shows: the notebooks' kernels load no
notebook machinery, and the tables built from the lexicon (the general-Arabic reference among them) are
kept on disk under a key of everything they are built from."""

from __future__ import annotations

import subprocess
import sys

import nbformat
import pytest

from helpers import frequencies, reference
from helpers.frequencies import BASE_SOURCES, disk_cached
from helpers.paths import NOTEBOOKS

MACHINERY = ("nbformat", "nbclient", "nbconvert", "jsonschema")


def _notebook_imports() -> list[str]:
    lines = {
        line
        for path in sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
        if line.startswith(("import ", "from "))
    }
    return sorted(lines)


def test_notebook_kernels_load_no_notebook_machinery():
    """nbformat pulls in jsonschema, whose import costs each kernel seconds; only the runner needs it."""
    imports = _notebook_imports()
    assert any("helpers.display" in line for line in imports)
    code = "\n".join([*imports, "import sys", f"print([m for m in {MACHINERY!r} if m in sys.modules])"])
    result = subprocess.run([sys.executable, "-c", code], cwd=NOTEBOOKS, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_runner_validates_notebooks_without_the_iri_parsers():
    code = (
        "import sys\nimport helpers.report\nimport nbformat\n"
        "nbformat.validate(nbformat.v4.new_notebook())\n"
        "print(sys.modules['rfc3987_syntax'], 'lark' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "False"]


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package folder of its own and an empty cache folder."""
    folder = tmp_path / "package"
    folder.mkdir()
    for name in (*BASE_SOURCES, "rules.py"):
        (folder / name).write_text(f"# {name}\n", encoding="utf-8")
    monkeypatch.setattr(frequencies, "PACKAGE", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def test_a_cached_table_is_read_until_one_of_its_sources_changes(package):
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"إيران": len(builds)}

    assert disk_cached("table", build, "rules.py") == {"إيران": 1}
    assert disk_cached("table-words", lambda: "another table", "rules.py") == "another table"
    assert disk_cached("table", build, "rules.py") == {"إيران": 1}  # read back, not built
    assert len(builds) == 1
    (package / "rules.py").write_text("# a changed rule\n", encoding="utf-8")
    assert disk_cached("table", build, "rules.py") == {"إيران": 2}
    (package / "chars.py").write_text("# changed letters\n", encoding="utf-8")  # every table depends on it
    assert disk_cached("table", build, "rules.py") == {"إيران": 3}
    assert disk_cached("table", build, "rules.py") == {"إيران": 3}
    kept = sorted(p.name.rsplit("-", 1)[0] for p in (package.parent / "cache").rglob("*.pickle"))
    assert kept == ["table", "table-words"]  # the files of the older sources are gone, not another table's


def test_an_unreadable_or_unwritable_cache_only_means_building_again(package, tmp_path, monkeypatch):
    assert disk_cached("table", lambda: "first", "rules.py") == "first"
    (written,) = (tmp_path / "cache").rglob("table-*.pickle")
    written.write_bytes(b"not a pickle")
    assert disk_cached("table", lambda: "again", "rules.py") == "again"
    blocked = tmp_path / "a file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # the cache folder cannot be made
    assert disk_cached("table", lambda: "built", "rules.py") == "built"


@pytest.mark.parametrize("source", [*BASE_SOURCES, *reference.SOURCES])
def test_every_source_of_a_cache_key_exists(source):
    """A renamed module would silently drop out of the key and leave a stale table in use."""
    assert list(frequencies.PACKAGE.glob(source))


def test_the_reference_read_from_disk_is_the_one_built(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = reference._build_shares(3000)
    assert reference.reference_shares(3000) == built  # built and written
    assert list(tmp_path.rglob("reference-3000-*.pickle"))
    from_disk = reference.reference_shares(3000)
    assert from_disk == built and list(from_disk) == list(built)
    assert from_disk["رئيس"] > from_disk["حكومة"] > 0  # بالرئيس and الحكومة counted by base
