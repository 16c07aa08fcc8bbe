"""The front page of the reports: what the study is, the headline figures, links to every report.

    python -m pdu_analysis.report.index --out reports/html/index.html

It reads ``reports/tables/headline_figures.csv`` (columns measure, wave, count, base, percent,
ci_low, ci_high; percentages 0-100) and formats it by the project's small-sample rules: a base
under 30 is shown as "k of n" without a percentage, a base under 50 is flagged "indicative only".
The formatting is done here (not imported from ``stats``) so the page can always be built, even
when the statistics step failed: a missing table gives a page with a clear note instead.
"""

from __future__ import annotations

import argparse
import csv
import html
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from .. import __version__, paths
from ..labels import MEASURE_LABELS, survey_wave_labels, wave_label
from . import write_atomic
from .snippets import banner_html

COLUMNS = ("measure", "wave", "count", "base", "percent", "ci_low", "ci_high")
SMALL_BASE = 30
"""Below this base a result is given as "k of n", with no percentage."""
INDICATIVE_BASE = 50
"""Below this base a result is flagged "indicative only"."""

GLOSSARY = """<dl class="glossary">
<dt>95% interval</dt><dd>The range of values the true share could plausibly take, given how many
people answered (Wilson's method). Wide intervals mean few responses.</dd>
<dt>"19 of 29", "indicative only"</dt><dd>Below 30 responses a result is given as a count, not a
percentage; below 50 it is marked indicative only.</dd>
<dt>Evidence of change</dt><dd>A difference between two survey rounds is called evidence of change
only when Fisher's exact test gives p below 0.05 and the 95% interval of the difference excludes no
change; when only one of the two says so, it is called suggestive but not conclusive. Periods of
attendances are judged by a test that allows for people who came more than once. Each comparison
also says how big a difference the test could reliably (8 times in 10) have shown at those numbers
(the detectable difference), or that no change in that direction could be.</dd>
<dt>Cluster-robust interval, design effect</dt><dd>Some people came to several events, so their
attendances are not independent. The cluster-robust interval (a GEE model with each person as a
group) allows for that. The design effect is the ratio of the two variances: the interval is about
its square root times as wide as the simple one (a design effect of 4 doubles the width), and the
attendances carry about as much information as their number divided by the design effect.</dd>
<dt>Cumulative and separate periods</dt><dd>The final report's figures include the interim report's
attendances. Changes are judged by comparing the separate periods: up to the interim cut-off, and
after it.</dd>
<dt>Suppressed cells ("&lt;5")</dt><dd>Counts of 1 to 4 in breakdowns that could identify someone are
hidden, with one more cell where needed so they cannot be worked out from totals.</dd>
</dl>"""


def _read_rows(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except OSError:
        return []


def _month(day: str) -> str:
    months = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    return f"{months[int(day[5:7]) - 1]} {day[:4]}"


def study_text(processed: Path) -> str:
    """What the study is, with the counts read from the tidy tables (so new data update it)."""
    events = [
        r
        for r in _read_rows(processed / "events.csv")
        if r.get("kind") == "learning_event" and r.get("status") == "held"
    ]
    rounds: dict[str, list[str]] = {}
    for row in _read_rows(processed / "survey_responses.csv"):
        if row.get("survey") == "follow_up":
            rounds.setdefault(row["wave"], []).append(row["responded_on"])
    held = (
        f"held {len(events)} learning events for professionals working with people with "
        "multiple and complex needs in Nottingham"
        + (
            f" between {_month(min(r['date'] for r in events))} and {_month(max(r['date'] for r in events))}"
            if events
            else ""
        )
    )
    ordered = sorted(rounds.items(), key=lambda item: min(item[1]))
    follow = ", ".join(f"{len(days)} responses in {_month(min(days))}" for _, days in ordered)
    return (
        "The Practice Development Unit (PDU), run by Nottingham Community and Voluntary Service "
        f"with Opportunity Nottingham, {held}. Its external evaluation (final report, February "
        "2019) drew on the attendance register, post-event surveys, "
        f"{len(ordered)} round{'s' if len(ordered) != 1 else ''} of a follow-up survey"
        + (f" ({follow})" if follow else "")
        + ", registrations on the PDU's online hub and interviews. These pages rebuild the "
        "evaluation's figures from the raw records with open, repeatable code, giving counts "
        "beside every percentage and flagging results that rest on few people."
    )


def _number(text: str | None) -> float | None:
    text = (text or "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _whole(value: float) -> str:
    """Half-up rounding to a whole number, as a reader would round by hand."""
    return str(Decimal(repr(value)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_result(
    count: float | None, base: float | None, percent: float | None, *, small_base: int = SMALL_BASE
) -> str:
    """'19 of 29' when the base is small, else '45% (90 of 200)'."""
    if count is None:
        return "not available"
    if base is None:
        return _whole(count)
    k_of_n = f"{_whole(count)} of {_whole(base)}"
    if base < small_base or percent is None:
        return k_of_n
    return f"{_whole(percent)}% ({k_of_n})"


def format_interval(low: float | None, high: float | None) -> str:
    """'31% to 60%', or a dash when the interval was not computed."""
    if low is None or high is None:
        return "–"
    return f"{_whole(low)}% to {_whole(high)}%"


def base_note(
    base: float | None, *, small_base: int = SMALL_BASE, indicative_base: int = INDICATIVE_BASE
) -> str:
    if base is None:
        return ""
    if base < indicative_base:
        extra = "; shown as a count" if base < small_base else ""
        return f"Indicative only: base under {indicative_base}{extra}"
    return ""


def headline_table(
    csv_path: Path, *, small_base: int = SMALL_BASE, indicative_base: int = INDICATIVE_BASE
) -> str:
    """The headline figures as an HTML table, or a note saying why there is none."""
    if not csv_path.is_file():
        return (
            '<p class="note"><strong>Headline figures are not available yet:</strong> '
            f"{html.escape(_shown(csv_path))} was not found. It is written by the statistics "
            "step of <code>make reports</code>; run that, then rebuild this page.</p>"
        )
    with open(csv_path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(
                f"{_shown(csv_path)}: missing column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}"
            )
        rows = list(reader)
    labels = survey_wave_labels()
    lines = [
        '<table class="pdu-table headline">',
        "<caption>Headline figures, with 95% confidence intervals</caption>",
        "<thead><tr><th>Measure</th><th>Wave or period</th><th>Result</th>"
        "<th>95% interval</th><th>Note</th></tr></thead>",
        "<tbody>",
    ]
    for row in rows:
        count, base = _number(row["count"]), _number(row["base"])
        percent = _number(row["percent"])
        note = base_note(base, small_base=small_base, indicative_base=indicative_base)
        cls = ' class="indicative"' if note else ""
        measure = row["measure"].strip()
        wave = wave_label(measure, row["wave"].strip(), labels) or "–"
        cells = [
            MEASURE_LABELS.get(measure, measure),
            wave,
            format_result(count, base, percent, small_base=small_base),
            format_interval(_number(row["ci_low"]), _number(row["ci_high"])),
            note,
        ]
        lines.append(f"<tr{cls}>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _shown(path: Path) -> str:
    """A path as a reader of the page would look for it: relative to the project when inside."""
    try:
        return str(Path(path).resolve().relative_to(paths.PROJECT_ROOT))
    except ValueError:
        return str(path)


def _page_title(page: Path) -> str:
    match = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S)
    return html.unescape(match.group(1)).strip() if match else page.stem


def report_links(folder: Path, exclude: Path) -> str:
    """A list linking every rendered report in ``folder``, sorted by file name."""
    pages = sorted(p for p in folder.glob("*.html") if p.resolve() != exclude.resolve())
    if not pages:
        return '<p class="note">No reports have been rendered yet.</p>'
    items = [
        f'<li><a href="{html.escape(p.name)}">{html.escape(_page_title(p))}</a> '
        f'<span class="file">({html.escape(p.name)})</span></li>'
        for p in pages
    ]
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def _any_page_synthetic(folder: Path, exclude: Path) -> bool:
    return any(
        'class="synthetic-banner"' in p.read_text(encoding="utf-8")
        for p in folder.glob("*.html")
        if p.resolve() != exclude.resolve()
    )


def build_index(
    out: Path,
    headline_csv: Path | None = None,
    *,
    synthetic: bool | None = None,
    small_base: int = SMALL_BASE,
    indicative_base: int = INDICATIVE_BASE,
) -> Path:
    """Write the index page to ``out``; the synthetic banner shows if the raw folder is synthetic
    or any rendered page carries the banner (unless ``synthetic`` is given)."""
    out = Path(out)
    headline_csv = Path(headline_csv or paths.tables_dir() / "headline_figures.csv")
    raw = paths.raw_dir()
    if synthetic is None:
        synthetic = paths.is_synthetic(raw) or _any_page_synthetic(out.parent, out)
    provenance = raw / "PROVENANCE.md"
    href = Path(os.path.relpath(provenance, out.parent.resolve())).as_posix()
    source = (
        "a synthetic reconstruction of the PDU's records, made to match the totals the "
        "final report publishes; it is not the PDU's real data"
        if synthetic
        else "the PDU's own exports of its register, surveys and hub list"
    )
    css = (Path(__file__).with_name("templates") / "pdu_report" / "report.css").read_text()
    css += "dl.glossary dt { font-weight: 600; margin-top: 0.4em; }\n"
    links = report_links(out.parent, out)
    assumed = (
        '<p class="note"><strong>Synthetic data:</strong> only the figures the final report '
        "publishes are calibrated (the reproduction check lists them). The others, such as "
        "the interim follow-up round's answers (the report gives only the pooled 13 of 36 "
        "for contacts made), are assumptions of the reconstruction, not findings.</p>"
        if synthetic
        else ""
    )
    page = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PDU evaluation: reports</title>
<style type="text/css">
{css}</style>
</head>
<body>
{banner_html(synthetic)}
<main id="report">
<h1>Opportunity Nottingham Practice Development Unit: evaluation reports</h1>
<p>{html.escape(study_text(paths.processed_dir()))}</p>
<h2 id="headline-figures">Headline figures</h2>
{headline_table(headline_csv, small_base=small_base, indicative_base=indicative_base)}
{assumed}
<p class="note">Results from fewer than {small_base} people are given as counts ("19 of 29")
rather than percentages; results from fewer than {indicative_base} people are indicative only.
The interval is the range of values consistent with the data (95% Wilson interval).</p>
<h2 id="reading">Reading the figures</h2>
{GLOSSARY}
<h2 id="reports">Reports</h2>
{links}
<h2 id="data">Where the data came from</h2>
<p>The figures are computed from {html.escape(source)}. How the data were made or obtained is
described in <a href="{html.escape(href)}">data/raw/PROVENANCE.md</a> in the project folder.</p>
</main>
<footer class="report-footer"><p>pdu-analysis {__version__}.</p></footer>
</body>
</html>
"""
    write_atomic(out, page.encode("utf-8"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pdu_analysis.report.index", description="Write the reports' index page."
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="page to write (default: reports/html/index.html)"
    )
    parser.add_argument(
        "--headline",
        type=Path,
        default=None,
        help="headline figures CSV (default: reports/tables/headline_figures.csv)",
    )
    args = parser.parse_args(argv)
    out = args.out or paths.reports_dir() / "html" / "index.html"
    try:
        build_index(out, args.headline)
    except (OSError, ValueError) as err:
        print(f"index failed: {err}", file=sys.stderr)
        return 1
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
