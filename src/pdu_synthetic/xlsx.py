"""Save openpyxl workbooks byte-for-byte reproducibly.

openpyxl stamps ``docProps/core.xml`` with the current time and the zip entries with the save time.
We pin the document properties, then rewrite the archive with a fixed entry order, a fixed
1980-01-01 timestamp and no compression (stored entries do not depend on the zlib build).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

FIXED_TIME = datetime(2019, 2, 1, 0, 0, 0)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def save(wb: Workbook, path: Path) -> None:
    """Write ``wb`` to ``path`` deterministically."""
    props = wb.properties
    props.creator = "pdu_synthetic"
    props.lastModifiedBy = "pdu_synthetic"
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    # openpyxl re-stamps <dcterms:modified> with the save time whatever the properties say
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
        rb"\g<1>" + stamp + rb"\g<2>",
        entries["docProps/core.xml"],
    )
    order = sorted(entries, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as dst:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name])
    path.write_bytes(out.getvalue())
