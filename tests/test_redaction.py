"""Redaction of names, e-mail addresses, phone numbers and organisations, with adversarial cases.

Every expected string is written out by hand.
"""

from __future__ import annotations

import pytest

from pdu_analysis.qual.redact import redactor

NAMES = ["Ann Smith", "Will Young", "Mary-Jane O'Brien", "Cath Hughes"]
ORGS = ["Lacebridge Housing Trust", "Adult Social Care"]


@pytest.fixture(scope="module")
def redact():
    return redactor(NAMES, ORGS)


@pytest.mark.parametrize(
    "text, expected",
    [
        # full names in any case, and across a line break or double space
        ("I met Ann Smith there", "I met [name] there"),
        ("ANN SMITH rang", "[name] rang"),
        ("ann  smith rang", "[name] rang"),
        # parts of names alone, possessives, and a name inside a word left alone
        ("Ann's team", "[name]'s team"),
        ("Smith’s idea", "[name]’s idea"),
        ("The Annual review", "The Annual review"),
        ("Smithfield market", "Smithfield market"),
        ("Hughesy said", "Hughesy said"),
        ("cath said", "[name] said"),
        # names that are everyday words: only with a capital
        ("young people will come", "young people will come"),
        ("Will said Young was right", "[name] said [name] was right"),
        # double-barrelled and apostrophe names, whole and in parts
        ("Mary-Jane O'Brien called", "[name] called"),
        ("Mary-Jane called", "[name] called"),
        ("Jane called", "[name] called"),
        ("O'Brien called", "[name] called"),
        # in quotes and brackets
        ("'Ann' said (Smith)", "'[name]' said ([name])"),
        # organisations in any case, before the names inside them are looked at
        ("worked at lacebridge housing trust", "worked at [organisation]"),
        ("Adult Social Care referred her", "[organisation] referred her"),
        ("adult care", "adult care"),
        # e-mail addresses, including ones built from names
        ("write to ann.smith@example.org today", "write to [e-mail] today"),
        ("A.Smith+pdu@mail.example.co.uk.", "[e-mail]."),
        # UK phone numbers
        ("call 0115 496 0123", "call [phone]"),
        ("call (0115) 496 0123 now", "call [phone] now"),
        ("a direct line (0115 496 0341) so", "a direct line ([phone]) so"),
        ("mobile 07700 900123", "mobile [phone]"),
        ("mobile 07700900123", "mobile [phone]"),
        ("+44 7700 900123 or +44 (0)115 496 0123", "[phone] or [phone]"),
        ("01632 960 123", "[phone]"),
        ("020 7946 0000", "[phone]"),
        # numbers that are not phones
        ("on 2018-06-30 for 16 pages", "on 2018-06-30 for 16 pages"),
        ("it was over £600 and 0 of 7 came", "it was over £600 and 0 of 7 came"),
        ("ref 0115 49", "ref 0115 49"),
    ],
)
def test_redaction(redact, text, expected):
    assert redact(text) == expected


def test_redaction_is_idempotent(redact):
    once = redact("Ann Smith (ann.smith@example.org, 0115 496 0123) at Lacebridge Housing Trust")
    assert once == "[name] ([e-mail], [phone]) at [organisation]"
    assert redact(once) == once


def test_blank_and_missing_text(redact):
    assert redact(None) == "" and redact(float("nan")) == "" and redact("") == ""


def test_nothing_known_still_redacts_contacts():
    bare = redactor([], [])
    assert bare("Ann at ann@example.org, 0115 496 0123") == "Ann at [e-mail], [phone]"
