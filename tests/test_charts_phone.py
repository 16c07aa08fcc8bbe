"""Charts on a phone: every chart kind fits a 390 px screen with legible text and no label on
another, and every reader page shows its charts without sideways scroll.

The unit tests draw every chart function on representative data (the shipped data's sizes: two
dozen events, long option names, bases under and over 30, assumed figures) and measure each text's
box at draw time (``fig.canvas.get_renderer()``); the browser tests open every reader page of the
session's scratch build in Debian's chromium at 390 px and 1280 px.
"""

from __future__ import annotations

from io import BytesIO
from itertools import combinations

import chromekit
import matplotlib
import numpy as np
import pandas as pd
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from pdu_analysis import figures, labels, tables  # noqa: E402
from pdu_analysis.stats import proportion  # noqa: E402

PHONE_BOX = 366
"""CSS pixels a chart has on a 390 px phone (the page's side padding, measured in chromium)."""


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


# ------------------------------------------------------------------ representative data, by hand
def _attendances() -> pd.DataFrame:
    """300 people, 24 events either side of 30 June 2018; sector fixed per person."""
    rng = np.random.default_rng(7)
    days = pd.date_range("2017-11-01", "2019-01-20", periods=24)
    rows = []
    for p in range(300):
        sector = rng.choice(["statutory", "voluntary", "private"], p=[0.3, 0.62, 0.08])
        for e in sorted(rng.choice(24, size=int(rng.integers(1, 4)), replace=False)):
            day = days[e]
            rows.append(
                {
                    "event_id": f"E{e + 1:02d}",
                    "event_date": day.strftime("%Y-%m-%d"),
                    "person_id": f"p{p:03d}",
                    "sector": sector,
                    "focus": "Housing",
                    "period": "interim" if day <= pd.Timestamp("2018-06-30") else "final",
                }
            )
    return pd.DataFrame(rows)


def _events(att: pd.DataFrame) -> pd.DataFrame:
    learning = att.drop_duplicates("event_id")[["event_id", "event_date"]].rename(
        columns={"event_date": "date"}
    )
    cop = pd.DataFrame(
        {
            "event_id": ["C01", "C02", "C03", "C04", "C05"],
            "date": ["2018-02-27", "2018-04-24", "2018-06-26", "2018-10-02", "2019-02-19"],
            "title": [
                "Service User Involvement Community of Practice: session 1",
                "Service User Involvement Community of Practice: session 2",
                "Service User Involvement Community of Practice: session 3",
                "Trauma Informed Practice Community of Practice: session 1",
                "Trauma Informed Practice Community of Practice: session 2",
            ],
            "kind": "community_of_practice",
            "status": ["held"] * 4 + ["planned"],
            "headcount": pd.array([9, 7, 11, 14, 12], dtype="Int64"),
        }
    )
    learning = learning.assign(title="Event", kind="learning_event", status="held", headcount=pd.NA)
    return pd.concat([learning, cop], ignore_index=True)


def _with_interval(table: pd.DataFrame) -> pd.DataFrame:
    shares = [proportion(int(k), int(n)) for k, n in zip(table["count"], table["base"], strict=True)]
    return table.assign(
        percent=[p.percent for p in shares],
        ci_low=[p.ci_low for p in shares],
        ci_high=[p.ci_high for p in shares],
    )


OPTIONS = [
    "Word of mouth",
    "E-mail from the PDU co-ordinator",
    "Online platform (hub)",
    "NCVS e-bulletin",
    "A colleague or manager in my own organisation",
    "Other (please specify)",
]


def _by_wave(bases: tuple[int, int]) -> pd.DataFrame:
    rows = [
        {"option": o, "wave": w, "count": (i * 3 + j * 5) % (n + 1), "base": n, "assumed": j == 0}
        for i, o in enumerate(OPTIONS)
        for j, (w, n) in enumerate(zip(["interim", "final"], bases, strict=True))
    ]
    return _with_interval(pd.DataFrame(rows))


def _grouped() -> pd.DataFrame:
    groups = {"All responses": 75, "To 30 Jun 2018": 52, "After 30 Jun 2018": 23}
    rows = [
        {"group": g, "option": o, "count": min(n, 3 + i * 4), "base": n, "assumed": g != "All responses"}
        for g, n in groups.items()
        for i, o in enumerate(OPTIONS[:4])
    ]
    return pd.DataFrame(rows)


def _likert() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["All responses", "To 30 Jun 2018", "After 30 Jun 2018"],
            "base": [75, 52, 23],
            "Much greater understanding": [36, 25, 11],
            "Some additional understanding": [27, 17, 10],
            "Confirmed my previous understanding": [11, 9, 2],
            "No greater understanding": [1, 1, 0],
        }
    )


def _comparisons() -> pd.DataFrame:
    rows = []
    for i, (k1, n1, k2, n2) in enumerate(
        [(3, 7, 13, 29), (4, 7, 19, 29), (19, 52, 6, 23), (66, 300, 56, 168)]
    ):
        p1, p2 = k1 / n1 * 100, k2 / n2 * 100
        rows.append(
            {
                "label": [
                    "Made contact with someone met at a PDU event",
                    "Took action",
                    "Intend to change",
                    "Statutory",
                ][i],
                "survey": "follow_up",
                "first": "interim",
                "second": "final",
                "k1": k1,
                "n1": n1,
                "k2": k2,
                "n2": n2,
                "diff": p2 - p1,
                "diff_ci_low": p2 - p1 - 30,
                "diff_ci_high": p2 - p1 + 30,
                "mdd": 40.0,
                "mdd_direction": "rise",
            }
        )
    return pd.DataFrame(rows)


def _practice() -> pd.DataFrame:
    rows = [
        ("intention", "interim", 19, 52),
        ("intention", "final", 6, 23),
        ("intention", "all", 25, 75),
        ("action", "interim", 4, 7),
        ("action", "final", 19, 29),
        ("action", "all", 23, 36),
    ]
    return _with_interval(pd.DataFrame(rows, columns=["measure", "wave", "count", "base"]))


def _chart_cases():
    att = _attendances()
    events = _events(att)
    periods = ["interim", "final"]
    names = labels.period_labels(periods, "2018-06-30")
    shares, _ = tables.sector_shares(att, names=names)
    people = att.groupby("person_id").size().rename("attendances").reset_index()
    by_event = tables.sector_by_event_table(att, events, suppress=False)
    return {
        "events_per_person": lambda: figures.events_per_person_histogram(
            tables.events_per_person_table(people)
        ),
        "naive_vs_robust": lambda: figures.naive_vs_robust_intervals(
            tables.sector_share_table(att, "statutory", interim_cutoff="2018-06-30"), title="t"
        ),
        "sector_mix": lambda: figures.sector_mix_by_event(by_event, interim_cutoff="2018-06-30"),
        "sector_mix_hidden": lambda: figures.sector_mix_by_event(
            by_event.assign(suppressed=[i % 5 == 0 for i in range(len(by_event))]),
            interim_cutoff="2018-06-30",
        ),
        "cop": lambda: figures.cop_sessions_chart(tables.cop_sessions_table(events)),
        "bars_grouped": lambda: figures.proportion_bars_with_ci(_grouped(), title="t"),
        "bars_small": lambda: figures.proportion_bars_with_ci(
            pd.DataFrame(
                {"label": ["Person before the paperwork", "Trust"], "count": [1, 2], "base": [1, 2]}
            ),
            title="t",
        ),
        "multi_select": lambda: figures.multi_select_bars(
            _grouped().query("group == 'All responses'"), title="t"
        ),
        "diverging": lambda: figures.diverging_stacked_bars(
            _likert(),
            negative=["No greater understanding"],
            neutral=["Confirmed my previous understanding"],
            positive=["Some additional understanding", "Much greater understanding"],
            title="t",
        ),
        "by_wave_small": lambda: figures.options_by_wave(
            _by_wave((7, 29)),
            title="t",
            wave_names={"interim": "Interim (June 2018)", "final": "Final (January 2019)"},
        ),
        "by_wave_large": lambda: figures.options_by_wave(_by_wave((40, 60)), title="t"),
        "sector_shares": lambda: figures.sector_shares_chart(shares, title="t"),
        "intention_action": lambda: figures.intention_action_chart(_practice()),
        "differences": lambda: figures.differences_chart(_comparisons(), title="t"),
        "empty": lambda: figures.proportion_bars_with_ci(
            pd.DataFrame(columns=["label", "count", "base"]), title="t"
        ),
    }


CASES = _chart_cases()


def _texts(fig) -> list[tuple[str, Bbox]]:
    """Every visible, non-empty text of ``fig`` with its box in display pixels, as drawn."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    found = []
    for t in fig.findobj(Text):
        if t.get_visible() and t.get_text().strip() and t.get_figure() is not None:
            found.append((t.get_text(), t.get_window_extent(renderer)))
    return found


def _saved_width(fig) -> int:
    png = BytesIO()
    fig.savefig(png, format="png", dpi=figures.SAVE_DPI, bbox_inches="tight")
    return int.from_bytes(png.getvalue()[16:20], "big")


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_chart_label_overlaps_another(name):
    fig = CASES[name]()
    boxes = _texts(fig)
    assert boxes, name
    clash = []
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        inter = Bbox.intersection(box_a, box_b)
        if inter is not None and inter.width > 0.5 and inter.height > 0.5:
            clash.append(f"{a!r} / {b!r}")
    assert not clash, f"{name}: {clash}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_chart_fits_a_phone_with_text_of_at_least_9px(name):
    fig = CASES[name]()
    width = _saved_width(fig)
    smallest = min(t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip())
    # shown PHONE_BOX px wide: text of s points is s * dpi / 72 px in the PNG, scaled by box / width
    shown_px = smallest * figures.SAVE_DPI / 72 * PHONE_BOX / width
    assert smallest >= 9, f"{name}: {smallest} pt"
    assert width <= 750, f"{name}: {width} px wide"
    assert shown_px >= 9, f"{name}: {shown_px:.2f} px"


def test_no_share_is_drawn_on_a_base_under_30():
    # 1 of 1 and 2 of 2: no bar at all, the counts instead
    fig = CASES["bars_small"]()
    ax = fig.axes[0]
    widths = [p.get_width() for p in ax.patches]
    assert not any(w > 0 for w in widths)
    text = [t.get_text() for t in fig.findobj(Text)]
    assert "1 of 1" in text and "2 of 2" in text
    # a wave of 7 gives counts; a wave of 40 a dot with its interval
    small = [t.get_text() for t in CASES["by_wave_small"]().findobj(Text)]
    assert "3 of 7†" in small  # option 2, interim: (1 * 3 + 0) % 8 = 3, assumed
    large = CASES["by_wave_large"]()
    dots = [ln for ln in large.axes[0].get_lines() if ln.get_marker() == "o"]
    assert len(dots) == 2 * len(OPTIONS)


def test_assumed_figures_are_hatched_and_marked():
    fig = figures.proportion_bars_with_ci(_grouped().query("group != 'After 30 Jun 2018'"), title="t")
    ax = fig.axes[0]
    hatched = [p for p in ax.patches if p.get_hatch() == "///"]
    solid = [p for p in ax.patches if not p.get_hatch() and p.get_width() > 0]
    assert len(hatched) == 4 and len(solid) == 4  # the period's 4 bars (assumed), all responses' 4
    words = [t.get_text() for t in fig.findobj(Text)]
    assert "† assumed by the reconstruction, not a finding" in words
    assert sum(w.endswith("†") for w in words) == 4


def test_confirmed_is_centred_on_the_line_neither_gain_nor_loss():
    fig = CASES["diverging"]()
    ax = fig.axes[0]
    grey = [
        p for p in ax.patches if matplotlib.colors.to_hex(p.get_facecolor()) == "#d4d4d4" and p.get_width()
    ]
    assert len(grey) == 2  # the two rows on a base of 30 or more
    for p in grey:
        assert p.get_x() == pytest.approx(-p.get_width() / 2)  # half each side of 0


def test_titles_are_not_drawn_in_the_image():
    fig = figures.options_by_wave(_by_wave((40, 60)), title="Word of mouth came first")
    assert figures.chart_title(fig) == "Word of mouth came first"
    assert "Word of mouth came first" not in [t.get_text() for t in fig.findobj(Text)]


# ------------------------------------------------------------------ the built pages, in chromium
@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_reader_charts_fit_the_screen_without_sideways_scroll(built_project, browser, width):
    page = chromekit.offline_page(browser, width)
    problems, charts = [], 0
    for html_page in sorted((built_project / "reports/html").glob("0*.html")):
        page.goto(html_page.as_uri())
        found = page.evaluate(
            """() => ({scroll: document.scrollingElement.scrollWidth,
                 imgs: [...document.querySelectorAll('figure.pdu-figure img')].map(i => {
                   const r = i.getBoundingClientRect(), box = i.closest('figure');
                   return {id: box.id, right: r.right, width: r.width, boxScroll: box.scrollWidth,
                           box: box.clientWidth,
                           px: i.getBoundingClientRect().width / i.naturalWidth * +i.dataset.textPx}})})"""
        )
        if found["scroll"] > width:
            problems.append(f"{html_page.name} scrolls sideways: {found['scroll']} px")
        for img in found["imgs"]:
            charts += 1
            if img["right"] > width or img["width"] > width or img["boxScroll"] > img["box"] + 1:
                problems.append(f"{html_page.name} {img['id']}: {img['width']:.0f} px")
            if img["px"] < 8.95:
                problems.append(f"{html_page.name} {img['id']}: text {img['px']:.2f} px")
    page.context.close()
    assert charts >= 20 and not problems, problems
