"""The one atomic writer: a file appears whole or not at all.

Kept apart from :mod:`pdu_analysis.store` (and so from pandas) so that the build's raw stamp,
written at every ``make``, pays for no imports; ``store.write_atomic`` is this function.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    The one atomic writer of the project: a reader (or a half-finished ``make``) never sees a
    partly written page, figure or notebook.
    """
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
    return path
