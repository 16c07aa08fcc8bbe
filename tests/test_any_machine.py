"""The same bytes on any machine: floats at a stated precision, differences explained, archive ids.

The last bits of a computed float depend on the CPU and BLAS the machine runs; the table writer
(``store.write_tables``) writes every float at six significant digits so that noise never reaches a
file. The noise test rebuilds the whole project with every float handed to the writer moved by a
relative 1e-12 and requires every tracked output to keep its bytes.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pdu_analysis import store, verify
from pdu_analysis.paths import PROJECT_ROOT

# ---- the precision rule --------------------------------------------------------------------------


def _written(tmp_path: Path, table: pd.DataFrame) -> str:
    store.write_tables({"t": table}, tmp_path)
    return (tmp_path / "t.csv").read_text()


def test_floats_are_written_at_six_significant_digits(tmp_path):
    table = pd.DataFrame(
        {
            "mdd": [33.54852155667645, 0.000123456789, 1234567.8],
            "residue": [-1.3e-17, 2.0e-14, -0.0],
            "count": [1, 2, 3],
            "label": ["a", "b", "c"],
        }
    )
    assert _written(tmp_path, table) == (
        "mdd,residue,count,label\n33.5485,0.0,1,a\n0.000123457,0.0,2,b\n1234570.0,0.0,3,c\n"
    )


def test_floats_among_other_values_and_nullable_floats_are_rounded_too(tmp_path):
    table = pd.DataFrame(
        {
            "mixed": pd.Series(["n/a", 2 / 3, 7], dtype=object),
            "nullable": pd.array([1 / 3, None, 2.5], dtype="Float64"),
        }
    )
    assert _written(tmp_path, table) == "mixed,nullable\nn/a,0.333333\n0.666667,\n7,2.5\n"


def test_a_relative_1e_12_never_changes_a_written_value():
    rng = np.random.default_rng(20)
    values = np.concatenate([rng.random(50_000) * 100, rng.lognormal(0, 6, 50_000), -rng.random(1000)])
    rounded = store.round_floats(values)
    for factor in (1 + 1e-12, 1 - 1e-12):
        assert np.array_equal(store.round_floats(values * factor), rounded)
    # and the rule is what does it: the raw values move
    assert not np.array_equal(values * (1 + 1e-12), values)


# ---- the whole build under noise -----------------------------------------------------------------

NOISE_HOOK = '''
"""Test hook: every float handed to pdu_analysis.store.write_tables moves by a relative 1e-12."""
import importlib.abc
import importlib.util
import os
import sys


def _perturb(tables):
    import numpy as np
    import pandas as pd

    out, moved = {}, 0
    for name, table in tables.items():
        table = table.copy()
        for column in table.columns:
            if pd.api.types.is_float_dtype(table[column].dtype):
                signs = np.where(np.arange(len(table)) % 2 == 0, 1e-12, -1e-12)
                values = table[column].to_numpy(dtype=float, na_value=np.nan)
                moved += int((np.isfinite(values) & (values != 0)).sum())
                table[column] = pd.Series(values * (1 + signs), index=table.index).astype(table[column].dtype)
        out[name] = table
    with open(os.environ["PDU_NOISE_LOG"], "a") as log:
        log.write(f"{moved}\\n")
    return out


class _Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "pdu_analysis.store":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            write = module.write_tables
            module.write_tables = lambda tables, folder: write(_perturb(tables), folder)

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, _Hook())
'''


@pytest.mark.slow
def test_noise_in_the_last_bits_changes_no_published_byte(built_project, tmp_path_factory, monkeypatch):
    hook = tmp_path_factory.mktemp("noise-hook")
    (hook / "sitecustomize.py").write_text(NOISE_HOOK)
    log = hook / "moved.txt"
    monkeypatch.setenv("PYTHONPATH", str(hook))
    monkeypatch.setenv("PDU_NOISE_LOG", str(log))
    scratch = tmp_path_factory.mktemp("noisy")
    verify.rebuild(scratch, sys.executable)
    moved = sum(int(n) for n in log.read_text().split())
    assert moved > 1000, f"the hook moved only {moved} floats: it did not reach the writer"
    expected = verify.collect(built_project)
    assert len(expected) == len(verify.read_manifest(PROJECT_ROOT / verify.MANIFEST))
    problems = verify.compare(expected, verify.collect(scratch))
    notes = verify.explain(expected, scratch, built_project)
    assert not problems, "\n".join(problems + [f"{k}: {v}" for k, v in notes.items()])


# ---- verify explains a difference ----------------------------------------------------------------


def test_a_differing_csv_is_explained_by_rows_columns_and_largest_difference(tmp_path):
    recorded, rebuilt = tmp_path / "a.csv", tmp_path / "b.csv"
    recorded.write_text("measure,percent,ci_low\nx,26.0684,22.1\ny,10.0,8.0\nz,5.0,1.0\n")
    rebuilt.write_text("measure,percent,ci_low\nx,26.0685,22.1\ny,10.0,8.0\nw,5.0,0.75\n")
    assert verify.explain_csv(recorded, rebuilt) == [
        "2 of 3 rows differ (1, 3) in columns measure, percent, ci_low",
        "largest absolute difference 0.25 (column ci_low, row 3: 1.0 recorded, 0.75 rebuilt)",
        "text (not a number) changed in columns measure",
    ]


def test_a_changed_layout_of_a_csv_is_named(tmp_path):
    recorded, rebuilt = tmp_path / "a.csv", tmp_path / "b.csv"
    recorded.write_text("a,b\n1,x\n")
    rebuilt.write_bytes(b'"a","b"\r\n1,"x"\r\n')
    assert verify.explain_csv(recorded, rebuilt) == [
        "the same cells: the bytes differ in layout only (quoting, line endings, spaces)"
    ]


def test_columns_and_rows_added_or_removed_are_named(tmp_path):
    recorded, rebuilt = tmp_path / "a.csv", tmp_path / "b.csv"
    recorded.write_text("a,b\n1,2\n3,4\n")
    rebuilt.write_text("a,c\n1,2\n")
    assert verify.explain_csv(recorded, rebuilt) == [
        "columns differ; no longer there: b; new: c",
        "2 rows recorded, 1 rebuilt",
    ]


def test_verify_names_rows_columns_and_difference_against_the_recorded_build(built_project, tmp_path):
    altered = tmp_path / "altered"
    for name in verify.collect(built_project):
        (altered / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built_project / name, altered / name)
    table = altered / "reports/tables/headline_figures.csv"
    frame = pd.read_csv(table, dtype=str, keep_default_na=False)
    row = int(pd.to_numeric(frame["percent"], errors="coerce").first_valid_index())
    was = float(frame.loc[row, "percent"])
    frame.loc[row, "percent"] = repr(was + 0.5)
    frame.to_csv(table, index=False, lineterminator="\n")
    command = [
        sys.executable,
        "-m",
        "pdu_analysis.verify",
        "--built",
        str(altered),
        "--against",
        str(built_project),
    ]
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "differs:  reports/tables/headline_figures.csv" in result.stdout
    assert f"1 of {len(frame)} rows differ ({row + 1}) in columns percent" in result.stdout
    assert f"largest absolute difference 0.5 (column percent, row {row + 1}:" in result.stdout
    # without a recorded copy, it says there is nothing to compare with
    alone = subprocess.run(
        command[:-2] + ["--against", str(tmp_path / "none")], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert "no copy of the recorded version" in alone.stdout


# ---- the build's date and commit, from git or from an archive ------------------------------------


def test_build_commit_comes_from_source_commit():
    from pdu_analysis.errors import PDUInputError
    from pdu_analysis.report import provenance

    commit = "41BDD1C8789C8195E4A20816B87E77336A3AFD3E"
    assert provenance.build_commit({"SOURCE_COMMIT": commit}) == "41bdd1c8789c"
    assert provenance.build_commit({}) == "not recorded"
    with pytest.raises(PDUInputError, match="SOURCE_COMMIT"):
        provenance.build_commit({"SOURCE_COMMIT": "$Format:%H$"})


def _make_variables(folder: Path) -> dict[str, str]:
    shutil.copy2(PROJECT_ROOT / "Makefile", folder / "Makefile")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(folder)}
    printed = subprocess.run(
        ["make", "-n", "-p", "help"], cwd=folder, env=env, capture_output=True, text=True
    ).stdout
    found = {}
    for line in printed.splitlines():
        for name in ("SOURCE_DATE_EPOCH", "SOURCE_COMMIT"):
            if line.startswith(f"{name} := "):
                found[name] = line.split(":= ", 1)[1].strip()
    return found


def test_an_archive_without_git_takes_its_date_and_commit_from_build_id(tmp_path):
    commit = "0123456789abcdef0123456789abcdef01234567"
    (tmp_path / ".build-id").write_text(f"1700000000 {commit}\n")
    assert _make_variables(tmp_path) == {"SOURCE_DATE_EPOCH": "1700000000", "SOURCE_COMMIT": commit}
    (tmp_path / ".build-id").write_text("$Format:%ct %H$\n")  # not filled in, and no git here
    assert _make_variables(tmp_path) == {"SOURCE_DATE_EPOCH": "", "SOURCE_COMMIT": ""}


def test_git_archive_fills_in_the_build_id():
    if subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True).returncode:
        pytest.skip("not a git checkout")
    assert (PROJECT_ROOT / ".build-id").read_text() == "$Format:%ct %H$\n"
    archive = subprocess.run(
        ["git", "archive", "HEAD", ".build-id"], cwd=PROJECT_ROOT, capture_output=True, check=True
    ).stdout
    filled = subprocess.run(["tar", "-xO"], input=archive, capture_output=True, check=True).stdout.decode()
    head = subprocess.run(
        ["git", "log", "-1", "--format=%ct %H", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True
    ).stdout
    assert filled == head


def test_every_footer_names_the_commit_the_manifest_records(built_project):
    from bs4 import BeautifulSoup

    commit = verify.build_fact("SOURCE_COMMIT", PROJECT_ROOT / verify.MANIFEST)
    assert commit and len(commit) == 40
    pages = sorted((built_project / "reports/html").glob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        facts = BeautifulSoup(page.read_text(), "html.parser").select_one("footer dl.build-facts")
        terms = [dt.get_text() for dt in facts.find_all("dt")]
        values = [dd.get_text() for dd in facts.find_all("dd")]
        shown = dict(zip(terms, values, strict=True))
        assert shown["Commit"] == commit[:12], page.name
        assert shown["Built"] != "not recorded", page.name


def test_a_new_manifest_is_built_with_this_commit_not_the_old_manifests(tmp_path, monkeypatch):
    """`make manifest` records this commit's date and id in the header; the pages it hashes must be
    built with the same two, never with the ones the previous manifest recorded."""
    old = tmp_path / "MANIFEST.sha256"
    old.write_text(f"# SOURCE_DATE_EPOCH=1700000000\n# SOURCE_COMMIT={'a' * 40}\nabc  data/x.csv\n")
    monkeypatch.setattr(verify, "MANIFEST", old.name)
    monkeypatch.setattr(verify, "PROJECT_ROOT", tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    monkeypatch.setenv("SOURCE_COMMIT", "b" * 40)
    seen = {}

    def fake_rebuild(scratch, python, *, facts=None):
        seen.update(facts or {name: verify.build_fact(name, old) for name in verify.BUILD_FACTS})

    monkeypatch.setattr(verify, "rebuild", fake_rebuild)
    monkeypatch.setattr(verify, "collect", lambda scratch: {"data/x.csv": "abc"})
    assert verify._update(old, keep=False) == 0
    assert seen == {"SOURCE_DATE_EPOCH": "1800000000", "SOURCE_COMMIT": "b" * 40}
    header = old.read_text()
    assert "# SOURCE_COMMIT=" + "b" * 40 in header and "# SOURCE_DATE_EPOCH=1800000000" in header
