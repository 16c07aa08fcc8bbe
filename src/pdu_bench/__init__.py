"""``make bench``: how long the builds take and how the cleaning and statistics scale.

- :mod:`.builds` -- cold, no-op and incremental ``make reports`` (in a scratch copy of the project
  by default), and the floor: one kernel start plus the stack's imports, per notebook.
- :mod:`.grow` -- the raw reconstruction grown N-fold with new, distinct people.
- :mod:`.scale` -- cleaning, headline table and GEE on each grown size, one fresh process each.
- :mod:`.report` -- targets met or MISSED, the printed table and ``reports/bench.json``.

Run ``python -m pdu_bench --help`` for the options.
"""
