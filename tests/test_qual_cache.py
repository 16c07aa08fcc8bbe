"""The coded text is read once per process, and read again when a sheet, an export or the responses change."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from pdu_analysis import qual


@pytest.fixture
def counted(monkeypatch, tmp_path):
    calls = []
    raw, coding = tmp_path / "raw", tmp_path / "coding"
    raw.mkdir()
    coding.mkdir()
    (raw / "export.csv").write_text("a\n1\n")
    (coding / "sheet.xlsx").write_bytes(b"first")

    def collect(folder, responses):
        calls.append(folder)
        return pd.DataFrame({"text": [f"text {len(calls)}"]}), {}

    monkeypatch.setattr(qual, "collect_texts", collect)
    monkeypatch.setattr(qual, "coding_dir", lambda folder: coding)
    monkeypatch.setattr("pdu_analysis.qual.sheets.read_sheets", lambda texts, codebook, folder: texts)
    qual._CODED.clear()
    return calls, raw, coding


def test_second_ask_is_answered_from_memory(counted):
    calls, raw, _ = counted
    responses = pd.DataFrame({"response_id": ["r1", "r2"]})
    first = qual.coded_texts(raw, responses, codebook=object())
    first.loc[0, "text"] = "changed by the caller"
    second = qual.coded_texts(raw, responses, codebook=object())
    assert len(calls) == 1
    assert second.loc[0, "text"] == "text 1"  # a copy: the caller cannot change the cache


def test_a_changed_sheet_export_or_responses_are_read_again(counted):
    calls, raw, coding = counted
    responses = pd.DataFrame({"response_id": ["r1", "r2"]})
    qual.coded_texts(raw, responses, codebook=object())
    sheet = coding / "sheet.xlsx"
    sheet.write_bytes(b"second, longer")
    qual.coded_texts(raw, responses, codebook=object())
    export = raw / "export.csv"
    os.utime(export, ns=(0, export.stat().st_mtime_ns + 1_000_000_000))
    qual.coded_texts(raw, responses, codebook=object())
    qual.coded_texts(raw, pd.DataFrame({"response_id": ["r1"]}), codebook=object())
    assert len(calls) == 4
