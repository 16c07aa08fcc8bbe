"""The manifest is written whole or not at all (through the one atomic writer)."""

from __future__ import annotations

import pytest

from pdu_analysis import atomic, verify


def test_the_manifest_holds_the_build_date_and_each_checksum(tmp_path, monkeypatch):
    for variable in verify.BUILD_FACTS:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    manifest = tmp_path / "MANIFEST.sha256"
    verify.write_manifest({"reports/a.csv": "a" * 64, "reports/html/b.html": "b" * 64}, manifest)
    assert manifest.read_bytes() == (
        b"# SHA-256 of every output `make reports` builds from data/raw (see `make verify`).\n"
        b"# SOURCE_DATE_EPOCH=1700000000\n"
        + b"a" * 64
        + b"  reports/a.csv\n"
        + b"b" * 64
        + b"  reports/html/b.html\n"
    )


def test_an_interrupted_write_leaves_the_last_manifest(tmp_path, monkeypatch):
    manifest = tmp_path / "MANIFEST.sha256"
    verify.write_manifest({"reports/a.csv": "a" * 64}, manifest)
    before = manifest.read_bytes()

    def interrupted(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        verify.write_manifest({"reports/a.csv": "c" * 64}, manifest)
    assert manifest.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["MANIFEST.sha256"]
