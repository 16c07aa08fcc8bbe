"""Turn the numbered notebooks into the steering group's reports.

- ``execute``: run one notebook with papermill on the ``pdu-analysis`` kernel, scrub run-specific
  metadata, and replace the executed copy only if every cell succeeded.
- ``render``: executed notebooks to self-contained HTML (no code, no network; a banner while
  the data are synthetic).
- ``index``: the front page: what the study is, headline figures, links to every report.

Each is a command-line tool (``python -m pdu_analysis.report.execute ...``) called by the Makefile.
"""

KERNEL_NAME = "pdu-analysis"
