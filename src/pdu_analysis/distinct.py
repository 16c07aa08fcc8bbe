"""Element-wise work done once per distinct value: registers repeat the same few labels.

A register of half a million sign-ins holds 19 event titles, a few hundred dates and a few dozen
sector labels. ``on_distinct(values, op)`` gives exactly ``op(values)`` for an element-wise ``op``
(each output depends only on its own input value), but runs ``op`` on the distinct values alone
and spreads the answers back with one take. Missing values (None, NaN, NA) are passed to ``op``
one by one as they are, so their handling (and any error they raise) is the op's own.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


def on_distinct(values: pd.Series, op: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``op(values)`` for an element-wise ``op``, computed on each distinct value once.

    Examples
    --------
    >>> s = pd.Series([" A ", "b", " A ", None], dtype=object)
    >>> on_distinct(s, lambda t: t.str.strip()).tolist()
    ['A', 'b', 'A', None]
    """
    if len(values) == 0:
        return op(values)
    cells = values.to_numpy(dtype=object)
    codes, uniques = pd.factorize(cells)
    missing = codes < 0
    positions = codes.copy()
    if missing.any():
        positions[missing] = len(uniques) + np.arange(int(missing.sum()))
        uniques = np.concatenate([np.asarray(uniques, dtype=object), cells[missing]])
    distinct = pd.Series(uniques, dtype=values.dtype, name=values.name)
    return op(distinct).take(positions).set_axis(values.index)
