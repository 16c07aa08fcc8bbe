"""Excel workbooks saved byte for byte reproducibly (the coding sheets; the synthetic exports).

openpyxl stamps ``docProps/core.xml`` with the current time and the zip entries with the save
time. The document properties are pinned, then the archive is rewritten with a fixed entry order,
a fixed 1980-01-01 timestamp, no compression (stored entries do not depend on the zlib build) and
the entry attributes of no particular system, so one workbook gives the same bytes on any machine.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime

FIXED_TIME = datetime(2019, 2, 1)
"""The creation and modification time every saved workbook carries."""
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def workbook_bytes(workbook, creator: str) -> bytes:
    """``workbook`` (openpyxl) as the bytes of an .xlsx file, the same at every save."""
    props = workbook.properties
    props.creator = props.lastModifiedBy = creator
    props.created = props.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    # openpyxl re-stamps <dcterms:modified> with the save time whatever the properties say
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = re.sub(
        rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)",
        rb"\g<1>" + stamp + rb"\g<2>",
        entries["docProps/core.xml"],
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED) as target:
        for name in sorted(entries, key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name])
    return out.getvalue()
