"""`docs/obligations.md` stays true to the tree: every obligation of the catalogue has one row, every
cited path exists and cites the row's ID, every cited test exists and names the ID it proves, and a
status says what it is. Reads files only: no database, no network."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "obligations.md"
SRC = ROOT / "src" / "chotei"
# The catalogue lives beside the repository (../shared/spec); where it is absent the copy of its
# numbering below still holds the doc to every ID.
SPEC = Path("/work/shared/spec/obligations.md")
FAMILIES = {"DP": 25, "CM": 5, "PN": 8, "CH": 16, "CP": 10, "IM": 6, "SR": 4, "GV": 7, "CO": 5, "OD": 4}
SPEC_IDS = [f"{family}-{n:02d}" for family, count in FAMILIES.items() for n in range(1, count + 1)]
ID = r"(?:DP|CM|PN|CH|CP|IM|SR|GV|CO|OD)-\d\d"


@cache
def rows() -> dict[str, list[str]]:
    """ID → [obligation, status, code, tests], from the doc's table rows."""
    found: dict[str, list[str]] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if re.match(rf"^\| {ID} \|", line):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            assert len(cells) == 5, f"{cells[0]}: a row has five cells"
            assert cells[0] not in found, f"{cells[0]} has two rows"
            found[cells[0]] = cells[1:]
    return found


def cited(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def mentions(text: str, id_: str) -> bool:
    """``DP-17`` as written in code and docstrings, or ``dp17`` as in a test's name."""
    family, number = id_.split("-")
    return bool(re.search(rf"\b{family}-{number}\b|{family.lower()}{number}(?!\d)", text))


@cache
def functions_of(path: str) -> dict[str, str]:
    source = (ROOT / path).read_text(encoding="utf-8")
    tree = ast.parse(source)
    return {
        node.name: ast.get_source_segment(source, node) or ""
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_the_numbering_matches_the_catalogue() -> None:
    if not SPEC.exists():
        pytest.skip("the catalogue is not beside this checkout")
    spec = re.findall(rf"^\| ({ID}) \|", SPEC.read_text(encoding="utf-8"), re.M)
    assert spec == SPEC_IDS


def test_every_obligation_has_exactly_one_row() -> None:
    missing, unknown = set(SPEC_IDS) - set(rows()), set(rows()) - set(SPEC_IDS)
    assert not missing and not unknown, f"missing {sorted(missing)}, not in the catalogue {sorted(unknown)}"


@pytest.mark.parametrize("id_", SPEC_IDS)
def test_status_code_and_tests_agree(id_: str) -> None:
    _, status, code, tests = rows()[id_]
    if status.startswith("not yet: "):
        assert code == tests == "—", f"{id_}: a later capability cites no code or tests"
        return
    assert status.startswith(("done", "partial: ")), f"{id_}: unknown status {status!r}"
    if status.startswith("partial: "):
        assert "Missing:" in status, f"{id_}: a partial row names what is missing"
    assert cited(code) and cited(tests), f"{id_}: {status.split(':')[0]} needs code and tests"
    paths = [entry.split(" ")[0] for entry in cited(code) + cited(tests)]
    assert len(paths) == len(set(paths)), f"{id_}: a path or test is cited twice"


@pytest.mark.parametrize("id_", SPEC_IDS)
def test_cited_code_exists_and_cites_the_obligation(id_: str) -> None:
    for entry in cited(rows()[id_][2]):
        path = SRC / entry.split(" ")[0]
        assert path.exists(), f"{id_}: src/chotei/{entry} does not exist"
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        assert any(mentions(f.read_text(encoding="utf-8", errors="ignore"), id_) for f in files), (
            f"{id_}: src/chotei/{entry} does not cite {id_}"
        )


@pytest.mark.parametrize("id_", SPEC_IDS)
def test_cited_tests_exist_and_name_the_obligation(id_: str) -> None:
    for entry in cited(rows()[id_][3]):
        path, _, name = entry.partition("::")
        assert name, f"{id_}: cite a test function, not a whole file ({entry})"
        assert (ROOT / path).is_file(), f"{id_}: {path} does not exist"
        functions = functions_of(path)
        assert name in functions, f"{id_}: {entry} does not exist"
        assert mentions(functions[name], id_), f"{id_}: {entry} does not say it proves {id_}"


def test_a_missing_path_or_id_is_caught() -> None:
    """The checks above can fail: a moved module and an unnamed test are both reported."""
    assert not (SRC / "rules" / "notices.py").exists()
    assert mentions("def test_dp17_result(...)", "DP-17") and not mentions("test_dp170", "DP-17")
    assert not mentions("DP-01..DP-25", "DP-17")
