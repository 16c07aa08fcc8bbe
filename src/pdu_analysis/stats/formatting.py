"""Rounding and number wording shared by the plain-English outputs.

The report rounds half up (12.5% is shown as 13%), whereas Python's :func:`round` rounds
half to even (``round(12.5) == 12``). Display rounding therefore goes through
:func:`round_half_up`; the raw floats stay in the data fields.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Integral, Real

from pdu_analysis.stats.conventions import ALPHA


def round_half_up(value: float | Fraction, ndigits: int = 0) -> float:
    """Round half away from zero, as a reader (and the report) expects.

    A float goes through its shortest ``repr`` so that 14.499999999999998 (= 100 * 29 / 200
    in binary floating point) stays below the half and is not pushed up by noise, while an
    exact :class:`~fractions.Fraction` is rounded exactly.

    Parameters
    ----------
    value : float or Fraction
        Number to round. NaN is returned unchanged.
    ndigits : int, default 0
        Decimal places to keep.

    Returns
    -------
    float

    Examples
    --------
    >>> round_half_up(12.5), round(12.5)
    (13.0, 12)
    >>> round_half_up(Fraction(29, 200) * 100)
    15.0
    >>> round_half_up(0.125, 2)
    0.13
    """
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        if math.isnan(value):
            return value
        exact = Decimal(repr(float(value)))
    quantum = Decimal(1).scaleb(-ndigits)
    return float(exact.quantize(quantum, rounding=ROUND_HALF_UP))


def whole(value: float | Fraction) -> int:
    """Round half up to a whole number (an ``int``) for text.

    Examples
    --------
    >>> whole(51.5), whole(-9.5)
    (52, -10)
    """
    return int(round_half_up(value))


def format_p(p: float) -> str:
    """Write a p-value for a sentence: ``"p = 0.68"``, ``"p = 0.004"``, ``"p < 0.001"``.

    Two decimals are used, three below 0.01, and just below 0.05 as many as it takes for the
    shown value to stay below 0.05 (0.046 must not read as "0.05", nor 0.0499 as "0.050").

    Examples
    --------
    >>> format_p(0.6812), format_p(0.0462), format_p(0.0499), format_p(0.00001)
    ('p = 0.68', 'p = 0.046', 'p = 0.0499', 'p < 0.001')
    """
    if math.isnan(p):
        return "p not available"
    if p < 0.001:
        return "p < 0.001"
    digits = 3 if p < 0.01 else 2
    while p < ALPHA and round_half_up(p, digits) >= ALPHA:  # 0.0499 is "0.0499", not "0.050"
        digits += 1
    return f"p = {round_half_up(p, digits):.{digits}f}"


def check_count_base(count: object, base: object, *, what: str = "count") -> tuple[int, int]:
    """Validate a count and its base and return them as Python ints.

    Integral floats (7.0, as pandas sums often return) are accepted; fractions, booleans,
    negatives, ``count > base`` and ``base == 0`` raise :class:`ValueError` with a message a
    notebook user can act on, rather than failing deep inside statsmodels.

    Examples
    --------
    >>> check_count_base(7.0, 29)
    (7, 29)
    """
    out = []
    for name, value in ((what, count), ("base", base)):
        if isinstance(value, bool) or not isinstance(value, Real):
            raise ValueError(f"{name} must be a whole number, got {value!r}")
        if not isinstance(value, Integral):
            if math.isnan(value) or not float(value).is_integer():
                raise ValueError(f"{name} must be a whole number, got {value!r}")
        out.append(int(value) if isinstance(value, Integral) else int(float(value)))
    k, n = out
    if n == 0:
        raise ValueError(
            f"base is 0 ({what} {k} of 0): a proportion of nothing has no value; "
            "report 'no responses' instead"
        )
    if n < 0 or k < 0:
        raise ValueError(f"{what} and base must not be negative, got {k} of {n}")
    if k > n:
        raise ValueError(f"{what} ({k}) is larger than its base ({n})")
    return k, n
