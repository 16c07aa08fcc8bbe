"""One reader of the build's tables for the index and the board pack (pdu_analysis.report.rows)."""

from __future__ import annotations

import pytest

from pdu_analysis.errors import PDUInputError
from pdu_analysis.report import board
from pdu_analysis.report.rows import read_rows


def test_a_table_reads_the_same_with_or_without_a_byte_order_mark(tmp_path):
    plain, marked = tmp_path / "plain.csv", tmp_path / "marked.csv"
    plain.write_bytes("heading,text\nWho came,26% \u2013 most\n".encode())
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    expected = [{"heading": "Who came", "text": "26% \u2013 most"}]
    assert read_rows(plain, ("heading",)) == expected
    assert read_rows(marked, ("heading",)) == expected


def test_a_table_not_built_yet_reads_as_no_rows(tmp_path):
    assert read_rows(tmp_path / "main_points.csv", ("heading",)) == []


def test_a_missing_column_or_another_encoding_names_the_file(tmp_path):
    table = tmp_path / "sections.csv"
    table.write_text("heading,findings\nA,b\n", encoding="utf-8")
    with pytest.raises(
        PDUInputError, match=r"sections\.csv: missing column\(s\) href; expected heading,href"
    ):
        read_rows(table, ("heading", "href"))
    table.write_bytes("heading,href\nCaf\u00e9,x\n".encode("cp1252"))
    with pytest.raises(PDUInputError, match=r"sections\.csv: not a UTF-8 CSV file"):
        read_rows(table)
    with pytest.raises(PDUInputError, match=r"sections\.csv: cannot be read"):
        table.unlink()
        table.mkdir()
        read_rows(table)


def test_the_board_pack_refuses_a_sections_table_without_links(tmp_path):
    (tmp_path / "sections.csv").write_text(
        "section,heading,findings\nwho,Who comes,Most.\n", encoding="utf-8"
    )
    with pytest.raises(PDUInputError, match=r"sections\.csv: missing column\(s\) href"):
        board.pack_html(tmp_path, synthetic=False, study="A study.")


def test_the_board_pack_reads_tables_saved_with_a_byte_order_mark(tmp_path):
    (tmp_path / "sections.csv").write_bytes(
        b"\xef\xbb\xbfsection,heading,findings,href\nwho,Who comes,Most came twice.,03_who.html#who\n"
    )
    page = board.pack_html(tmp_path, synthetic=False, study="A study.")
    assert '<h3 id="who">Who comes</h3>' in page and "Most came twice." in page
