"""``chotei calc``: every refusal in Japanese on stderr, exit status 2 (PN-06)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from chotei.rules.payment.cli import main

SAMPLE = Path(__file__).parents[2] / "docs" / "samples" / "claim-injury.json"


def _err(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # The operating system's and json's own messages are English; none may leak through.
    assert not any(word in captured.err for word in ("No such", "Permission", "directory", "Expecting"))
    return captured.err.strip()


def test_pn06_missing_file_is_named_in_japanese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "none.json"
    assert _err([str(path)], capsys) == f"請求ファイルを読めません。ファイルが見つかりません: {path}"


def test_pn06_unreadable_file_and_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "ファイルではなくディレクトリです" in _err([str(tmp_path)], capsys)
    path = tmp_path / "claim.json"
    path.write_text("{}", encoding="utf-8")

    def denied(self: Path, encoding: str) -> str:  # root may read any file, so fake the refusal
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_text", denied)
    assert _err([str(path)], capsys) == f"請求ファイルを読めません。ファイルを読む権限がありません: {path}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{\n  "kind": "injury",\n}', '3行1列: 項目名は「"」で囲んでください'),
        ('{"kind" "injury"}', "1行9列: 「:」がありません"),
        ("", "1行1列: 値がありません"),
        ('{"kind": "injury"} x', "1行20列: JSONの後に余分な文字があります"),
    ],
)
def test_pn06_invalid_json_names_line_and_column(
    tmp_path: Path, content: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claim.json"
    path.write_text(content, encoding="utf-8")
    assert _err([str(path)], capsys) == f"請求ファイルがJSONとして読めません: {path} {message}"


def test_pn06_not_utf8_is_refused_in_japanese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "claim.json"
    path.write_bytes('{"kind": "傷害"}'.encode("shift_jis"))
    assert "UTF-8ではありません（11バイト目）" in _err([str(path)], capsys)


def test_pn06_stdin_errors_name_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("{not json"))
    assert (
        _err(["-"], capsys)
        == '請求ファイルがJSONとして読めません: 標準入力 1行2列: 項目名は「"」で囲んでください'
    )


def test_pn06_bom_written_by_windows_editors_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claim.json"
    path.write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8-sig")
    assert main([str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "injury"
