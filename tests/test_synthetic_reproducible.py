"""The committed synthetic raw files are exactly what the generator writes (byte for byte)."""

from __future__ import annotations

import hashlib

import pytest

from pdu_analysis.paths import DEFAULT_RAW_DIR
from pdu_synthetic import FILES, generate


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("raw")
    written = generate(out)
    return out, written


def test_generator_writes_the_listed_files(regenerated):
    out, written = regenerated
    assert [p.relative_to(out).as_posix() for p in written] == list(FILES)
    found = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert found == sorted(FILES)


@pytest.mark.parametrize("name", FILES)
def test_file_is_byte_identical(regenerated, name):
    out, _ = regenerated
    committed = DEFAULT_RAW_DIR / name
    assert committed.exists(), f"{name} missing from data/raw: run python -m pdu_synthetic"
    new, old = (out / name).read_bytes(), committed.read_bytes()
    assert hashlib.sha256(new).hexdigest() == hashlib.sha256(old).hexdigest(), (
        f"{name} differs from a fresh generation: regenerate data/raw or fix the nondeterminism"
    )


def test_generation_is_deterministic_in_process(tmp_path):
    """Two runs in one process agree too (catches state leaking between runs)."""
    first = {p.name: p.read_bytes() for p in generate(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in generate(tmp_path / "b")}
    assert first == second
