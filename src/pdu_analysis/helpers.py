"""The helpers an evaluator needs to answer a new question on a page, in one place.

Each one is a thin, documented entry to the code the report's own pages use, so a new page
follows the same rules: k of n beside every percentage, the 95% Wilson interval, counts of 1 to 4
hidden (and protected against subtraction), and charts in the house style. Exported from the
package: ``from pdu_analysis import crosstab, wilson, suppress, bar_chart``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

ALL_GROUP = "All"
"""Label of the group holding every row, beside the groups of ``by``."""


def wilson(count: int, base: int):
    """k of n with its 95% Wilson interval (never the normal approximation).

    Parameters
    ----------
    count : int
        Number with the attribute (k).
    base : int
        Number asked or counted (n), at least 1.

    Returns
    -------
    pdu_analysis.stats.Proportion
        ``count``, ``base``, ``percent``, ``ci_low`` and ``ci_high`` (in percent) and ``flag``
        (``"ok"``, ``"indicative"`` below 50, ``"words_only"`` below 30).

    Examples
    --------
    >>> p = wilson(7, 29)
    >>> round(p.percent, 1), round(p.ci_low, 1), round(p.ci_high, 1), p.flag
    (24.1, 12.2, 42.1, 'words_only')
    """
    from .stats import proportion

    return proportion(count, base)


def crosstab(
    frame: pd.DataFrame,
    column: str,
    by: str | None = None,
    *,
    order: Sequence[str] | None = None,
    suppress: bool = True,
    pooled: bool = True,
) -> pd.DataFrame:
    """Count, base, Wilson interval and words of each value of ``column``, for each group of ``by``.

    Parameters
    ----------
    frame : DataFrame
        One row per unit counted (an attendance, a person, a response). A blank in ``column``
        is left out of that group's base.
    column : str
        The categories to count (a categorical keeps its order).
    by : str, optional
        Groups to compare (a period, a round, a sector); each gets its own base. Groups follow
        the column's order when it is categorical.
    order : sequence of str, optional
        Categories to show, in order (default: the column's categories, else its values sorted).
        A value outside ``order`` is an error rather than a silent drop from the base.
    suppress : bool, default True
        Hide counts of 1 to 4 (``suppressed == "<5"``) and any count the bases would give back
        (``"[c]"``), as every published page does.
    pooled : bool, default True
        With ``by``, add the group ``"All"`` (every row), protected against differencing.

    Returns
    -------
    DataFrame
        Columns ``group, label, count, base, percent, ci_low, ci_high, suppressed, text``;
        ``count`` is a nullable integer (``<NA>`` where suppressed) and ``text`` the sentence
        form ("7 of 29", or "38% (15 of 40), 95% interval 24% to 53% ...") or "fewer than 5".

    Examples
    --------
    Twenty of 35 said yes in the first round and 3 of 28 in the second: the 3 is hidden, and so is
    the second round's "No" (25 = 28 - 3 would give it back).

    >>> rows = pd.DataFrame({
    ...     "answer": ["Yes"] * 20 + ["No"] * 15 + ["Yes"] * 3 + ["No"] * 25,
    ...     "round": ["one"] * 35 + ["two"] * 28,
    ... })
    >>> table = crosstab(rows, "answer", by="round", order=["Yes", "No"], pooled=False)
    >>> shown = table[["group", "label", "count", "base", "suppressed"]]
    >>> print(shown.to_string(index=False))  # doctest: +NORMALIZE_WHITESPACE
    group label  count  base suppressed
      one   Yes     20    35
      one    No     15    35
      two   Yes   <NA>    28         <5
      two    No   <NA>    28        [c]
    >>> table.loc[0, "text"]
    '57% (20 of 35), 95% interval 41% to 72% (indicative only)'
    """
    from .tables import shares_table
    from .wording.numbers import share_text

    values = frame[column]
    if order is None:
        if isinstance(values.dtype, pd.CategoricalDtype):
            order = [str(c) for c in values.cat.categories]
        else:
            order = sorted(values.dropna().astype(str).unique())
    groups: dict[str, pd.Series] = {}
    if by is None:
        groups[ALL_GROUP] = values
    else:
        keys = frame[by]
        levels = (
            [c for c in keys.cat.categories if (keys == c).any()]
            if isinstance(keys.dtype, pd.CategoricalDtype)
            else sorted(keys.dropna().unique(), key=str)
        )
        for level in levels:
            groups[str(level)] = values[keys == level]
        if pooled:
            groups[ALL_GROUP] = values
    table = shares_table(groups, list(order), suppress=suppress, pooled=ALL_GROUP if by and pooled else None)
    table["text"] = [
        "fewer than 5"
        if row.suppressed == "<5"
        else ("" if row.suppressed else share_text(int(row.count), int(row.base)))
        for row in table.itertuples()
    ]
    return table


def suppress(table: pd.DataFrame, count_columns: Sequence[str], **options):
    """Hide counts of 1 to 4 in a table of counts, and any count its published totals give back.

    Parameters
    ----------
    table : DataFrame
        Counts to publish, one row per category and one column per count.
    count_columns : sequence of str
        Columns holding whole-number counts.
    **options
        As :func:`pdu_analysis.stats.suppress_small` (``secondary``, ``protect_columns``,
        ``row_groups``, markers).

    Returns
    -------
    pdu_analysis.stats.Suppressed
        ``table`` (counts as text, hidden ones marked ``"<5"`` or ``"[c]"``), ``primary`` and
        ``secondary`` (which cells were hidden, and why).

    Examples
    --------
    >>> counts = pd.DataFrame({"sector": ["statutory", "voluntary", "private"], "n": [12, 3, 9]})
    >>> suppress(counts, ["n"], secondary=False).table["n"].tolist()
    ['12', '<5', '9']
    """
    from .stats import suppress_small

    return suppress_small(table, list(count_columns), **options)


def bar_chart(table: pd.DataFrame, *, title: str, what: str = "responses"):
    """A chart in the house style: bars of shares with their 95% Wilson intervals, k and n beside.

    Parameters
    ----------
    table : DataFrame
        As :func:`crosstab` returns (``label``, ``count``, ``base``, and ``group`` to set the
        groups side by side). Suppressed rows draw no bar.
    title : str
        The chart's title: the finding, in plain words.
    what : str, default "responses"
        What the bases count, for the legend ("attendances", "people").

    Returns
    -------
    matplotlib.figure.Figure
        Show it with :func:`pdu_analysis.show_figure` (caption, alt text and CSV link).

    Examples
    --------
    >>> rows = pd.DataFrame({"answer": ["Yes"] * 30 + ["No"] * 20})
    >>> fig = bar_chart(crosstab(rows, "answer", order=["Yes", "No"]), title="Three in five said yes")
    >>> from pdu_analysis.figures import chart_title
    >>> chart_title(fig)  # the page shows it as text above the image
    'Three in five said yes'
    >>> import matplotlib.pyplot as plt; plt.close(fig)
    """
    from .figures import apply_theme
    from .figures.shares import proportion_bars_with_ci

    apply_theme()
    shown = table[table["count"].notna()] if "count" in table.columns else table
    return proportion_bars_with_ci(shown.astype({"count": "int64", "base": "int64"}), title=title, what=what)
