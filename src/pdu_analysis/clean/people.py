"""Match sign-ins to people and give each person a salted pseudonym.

Matching: the normalised e-mail first (a placeholder such as "n/a" is no e-mail); a row with no
e-mail joins the person who signed in with the
same name and organisation elsewhere (when that points to exactly one e-mail), else it is keyed by
name and organisation. Keys are grouped with hash joins, never compared pair by pair, so matching
grows linearly with the register.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd

from ..distinct import on_distinct
from ..errors import PDUInputError
from ..paths import PROJECT_ROOT, is_synthetic
from .labels import normalise

SYNTHETIC_SALT = "pdu-synthetic-reconstruction"
"""Public salt, used only for the synthetic reconstruction so its outputs are reproducible."""

SALT_FILE = PROJECT_ROOT / ".pdu_salt"


def resolve_salt(raw: Path) -> str:
    """The pseudonymisation salt: the public one for synthetic data, else ``PDU_SALT`` or ``.pdu_salt``.

    Real exports need a secret salt (never committed): without one the run stops rather than
    produce ids that anyone could recompute from an e-mail address.
    """
    if is_synthetic(raw):
        return SYNTHETIC_SALT  # public on purpose: synthetic outputs must be reproducible anywhere
    if os.environ.get("PDU_SALT"):
        return os.environ["PDU_SALT"]
    if SALT_FILE.exists() and SALT_FILE.read_text().strip():
        return SALT_FILE.read_text().strip()
    raise PDUInputError(
        "these are real exports (no SYNTHETIC marker) and no pseudonymisation salt is set: "
        "put a long random secret in the environment variable PDU_SALT or in the file "
        f"{SALT_FILE} (git ignores it). See README, 'Running on the real exports'.",
        file=str(raw),
    )


def _address(cell: str) -> str:
    mail = cell.strip().casefold()
    return mail if "@" in mail else ""


def normalise_email(values: pd.Series) -> pd.Series:
    """Trimmed and case-folded (one pass per distinct address); blank for a missing one.

    A cell that is not an address (no ``@``: "n/a", "N/A", "none", "-", "No email") is a
    placeholder, not an identity: it counts as blank, so the person is matched by name and
    organisation like anyone who left the cell empty (:func:`placeholders` counts them).
    """
    return on_distinct(values, lambda v: v.astype("string").fillna("").map(_address).astype("string"))


def placeholders(values: pd.Series) -> int:
    """How many cells hold something that is not an address (blank cells aside)."""
    typed = values.astype("string").fillna("").str.strip().ne("")
    return int((typed & normalise_email(values).eq("")).sum())


def person_keys(email: pd.Series, name: pd.Series, organisation: pd.Series) -> pd.Series:
    """A matching key per row: 'e:<email>' or 'n:<name>|<organisation>'."""
    mail = normalise_email(email)
    name_org = normalise(name) + "|" + normalise(organisation)
    with_mail = pd.DataFrame({"name_org": name_org, "mail": mail})[mail != ""].drop_duplicates()
    # with_mail holds each (name, e-mail) pair once, so a name seen once has exactly one e-mail
    single = with_mail[~with_mail["name_org"].duplicated(keep=False)]
    unique_mail = single.set_index("name_org")["mail"]
    borrowed = name_org.map(unique_mail)
    keys = ("e:" + mail).where(mail != "", ("e:" + borrowed).where(borrowed.notna(), "n:" + name_org))
    return keys.astype(str)


def pseudonymise(keys: pd.Series, salt: str) -> pd.Series:
    """Salted SHA-256 of each key, 12 hex characters: stable across runs, not reversible."""

    def digest(distinct: pd.Series) -> pd.Series:
        return distinct.map(lambda k: hashlib.sha256(f"{salt}\x1f{k}".encode()).hexdigest()[:12]).astype(str)

    return on_distinct(keys, digest)
