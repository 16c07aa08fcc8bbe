"""The build's command-line tools share one shape (pdu_analysis.cli): a parser named as the tool is
called, a usage error with exit status 2, an expected failure as one line naming the file with
exit status 1, success naming the file written."""

from __future__ import annotations

from pathlib import Path

import pytest

from pdu_analysis import cli, fingerprint
from pdu_analysis.errors import PDUInputError
from pdu_analysis.report import index, pdf
from pdu_bench import scale


def test_a_step_that_writes_says_where(tmp_path, capsys):
    out = tmp_path / "page.html"

    def step():
        out.write_text("x", encoding="utf-8")
        return out

    assert cli.write_step("index", step, (OSError,)) == 0
    assert capsys.readouterr().err == f"wrote {out}\n"


def test_an_expected_failure_is_one_line_naming_the_file(tmp_path, capsys):
    def step():
        raise PDUInputError("missing column(s) wave", file="reports/tables/x.csv")

    assert cli.write_step("index", step, (PDUInputError,)) == 1
    assert capsys.readouterr().err == "index failed: reports/tables/x.csv: missing column(s) wave\n"


def test_an_unexpected_error_is_not_hidden():
    def step():
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        cli.write_step("index", step, (PDUInputError,))


def test_the_parser_is_named_as_the_tool_is_called_and_says_each_default(capsys):
    parser = cli.parser("pdu_analysis.report.index", "The front page.\n\nMore words.")
    cli.path_option(parser, "--out", "page to write", unless="reports/html/index.html")
    cli.path_option(parser, "--html", "folder of pages", default=Path("reports/html"))
    args = parser.parse_args([])
    assert args.out is None and str(args.html) == "reports/html"
    with pytest.raises(SystemExit) as done:
        parser.parse_args(["--help"])
    assert done.value.code == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.startswith("usage: python -m pdu_analysis.report.index [-h]")
    assert "The front page." in shown and "More words" not in shown
    assert "page to write (default: reports/html/index.html)" in shown
    assert "folder of pages (default: reports/html)" in shown


@pytest.mark.parametrize(
    ("main", "argv", "usage"),
    [
        (fingerprint.main, ["only-one"], "usage: python -m pdu_analysis.fingerprint [-h] RAW_DIR STAMP"),
        (scale.main, [], "usage: python -m pdu_bench.scale [-h] RAW_DIR"),
        (scale.main, ["a", "b"], "usage: python -m pdu_bench.scale [-h] RAW_DIR"),
    ],
)
def test_a_call_with_the_wrong_words_gets_the_usage_and_status_2(main, argv, usage, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert capsys.readouterr().err.startswith(usage)


def test_the_stamp_tool_names_the_missing_folder(tmp_path, capsys):
    assert fingerprint.main([str(tmp_path / "nowhere"), str(tmp_path / "stamp")]) == 1
    assert (
        capsys.readouterr().err == f"fingerprint failed: raw data folder not found: {tmp_path / 'nowhere'}\n"
    )
    assert not (tmp_path / "stamp").exists()


def test_the_index_names_the_table_it_cannot_use(tmp_path, capsys):
    table = tmp_path / "headline_figures.csv"
    table.write_text("measure,count\nA,1\n", encoding="utf-8")
    out = tmp_path / "html" / "index.html"
    assert index.main(["--out", str(out), "--headline", str(table)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("index failed: ") and "headline_figures.csv: missing column(s) wave" in err
    assert not out.exists()


def test_the_pdf_names_what_is_missing_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "pdf" / "board_pack.pdf"
    assert pdf.main(["--html", str(tmp_path / "no-pages"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pdf failed: ") and err.count("\n") == 1
    assert not out.exists()
