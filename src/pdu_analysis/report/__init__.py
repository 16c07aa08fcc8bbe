"""Turn the numbered notebooks into the steering group's reports.

- ``execute``: run one notebook with papermill on the ``pdu-analysis`` kernel, scrub run-specific
  metadata, and replace the executed copy only if every cell succeeded.
- ``render``: executed notebooks to self-contained HTML (no code, no network; a banner while
  the data are synthetic).
- ``index``: the front page: what the study is, headline figures, links to every report.

Each is a command-line tool (``python -m pdu_analysis.report.execute ...``) called by the Makefile.
"""

KERNEL_NAME = "pdu-analysis"
KERNEL_DISPLAY_NAME = "PDU analysis (Python 3.11)"


def write_atomic(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    A reader (or a half-finished ``make``) never sees a partly written report.
    """
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
