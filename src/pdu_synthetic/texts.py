# ruff: noqa: E501  (prose: one passage per line reads better than split strings)
"""Open-ended answers for the synthetic surveys, each with the themes it truly carries.

Short, plausible answers in the voice of the report's survey quotes. None names a person. Texts
for the final follow-up round must be encodable in cp1252 (that file is written the way Excel
re-saves it). The themes beside each text are what a careful reader would code it to: the
generator's ground truth, used only by the simulated coders (``coders``), never written to the
raw folder and never read by the analysis. They are chosen by reading each text, not by any
keyword rule.
"""

from __future__ import annotations

_CHANGE_DETAIL = (
    (
        "Slow down at first appointments and spend more time listening before the paperwork.",
        ("time", "paperwork"),
    ),
    ("Look again at the amount of paperwork we use at assessment.", ("paperwork",)),
    ("Share the slides with my team and talk through them at our next team meeting.", ("sharing",)),
    (
        "Think more about how our reception area feels to someone arriving for the first time.",
        ("environment",),
    ),
    ("Use a more strengths-based conversation in reviews.", ("paperwork",)),
    ("Remove some of the notices on the walls and reword the ones about non-engagement.", ("environment",)),
    (
        "Ask people what they expect of us when they move in, not just what we expect of them.",
        ("involvement",),
    ),
    ("Refer to the women's services I heard about today.", ("links", "women", "knowledge")),
    ("Try shorter sessions at different times of day so people can take part more easily.", ("time",)),
    (
        "Be more aware of how trauma can show up in behaviour and not take it personally.",
        ("trauma_informed",),
    ),
    ("Review how we end support when someone misses appointments.", ("trauma_informed",)),
    ("Make sure basic needs are met before expecting people to engage with the support plan.", ("time",)),
    (
        "Set up a monthly service user group to hear what is going well and what could improve.",
        ("involvement",),
    ),
    ("Signpost clients to the mental health services I did not know about before.", ("links", "knowledge")),
    ("Raise the idea of a psychologically informed environment with my manager.", ("environment",)),
    ("Feed what I learnt into our service review.", ("sharing",)),
    ("Involve the people we support in deciding how we evaluate the service.", ("involvement",)),
    ("Take more time with people and not rush to a decision.", ("time",)),
    ("Think before I act when things start to escalate.", ("trauma_informed",)),
    ("Build relationships first and do the assessment over more than one meeting.", ("time", "paperwork")),
    ("Look at making our building feel more like a home.", ("environment",)),
    ("Contact the Housing First team to find out how referrals work.", ("links",)),
    ("Use the handouts in supervision with my staff.", ("sharing",)),
    ("Put the person before the paperwork at induction.", ("paperwork",)),
    ("Ask about gender-specific needs at assessment.", ("women",)),
    ("Check that our policies do not exclude people with multiple needs.", ("meam",)),
    ("Be more reflective in my practice.", ("wellbeing",)),
    ("Not sure yet, I need to discuss it with my team first.", ("not_yet",)),
    ("Pass the information on to our volunteers.", ("sharing",)),
    ("Plan a team session on trauma informed practice.", ("trauma_informed", "sharing")),
    ("Consider how our breach procedure could be more trauma informed.", ("trauma_informed",)),
    ("Offer more choice about where we meet people.", ("environment", "involvement")),
    ("Link up with the dual diagnosis service for joint working.", ("links",)),
    ("Make more referrals to advocacy for people with complex needs.", ("links", "meam")),
    ("Think about how hostels could be safer for women.", ("women", "environment")),
    ("Include people with lived experience on our interview panels.", ("involvement",)),
    ("Keep a list of local services for signposting.", ("links",)),
    ("Follow up with two of the organisations on my table.", ("links",)),
    ("Revisit our welcome pack so it is shorter and clearer.", ("paperwork",)),
    ("Give staff time to reflect together after difficult incidents.", ("wellbeing",)),
)

_PLEDGE_POST_EVENT = (
    (
        "We plan to adopt the Pledge and will consult our service users about it first.",
        ("pledge_plan", "involvement"),
    ),
    ("Take the Pledge to our management team with a view to signing up.", ("pledge_plan",)),
    ("Start working towards the Pledge in our hostel.", ("pledge_plan",)),
)

_SHARE_PLAN_OTHER = (
    ("Volunteers", ("sharing",)),
    ("Our board of trustees", ("other_routes",)),
    ("Students on placement", ("other_routes",)),
)

_INTERIM_ACTION_DETAIL = (
    (
        "We have introduced the Pledge in our team and are asking service users what they think of it.",
        ("pledge", "involvement"),
    ),
    (
        "Our projects signed up to the Pledge in the spring and we now go through it with residents at reviews.",
        ("pledge", "involvement"),
    ),
    ("Changed our first meeting to more of a conversation with less paperwork.", ("paperwork",)),
    ("Made referrals to two services I met at the event.", ("links",)),
)

_FINAL_ACTION_DETAIL = (
    ("We changed how we do our initial meeting; it is now more of a conversation.", ("paperwork",)),
    ("Streamlined the notices in the communal areas of the hostel.", ("environment",)),
    ("I now routinely ask tenants if they want a referral to victim support services.", ("links",)),
    ("We involved our service user group in how we evaluate new activities.", ("involvement",)),
    (
        "Started a monthly drop-in where people can tell us what is working and what isn\u2019t.",
        ("involvement",),
    ),
    ("Reviewed our assessment paperwork and cut it down.", ("paperwork",)),
    ("Made referrals to a mental health housing project I heard about at an event.", ("links", "knowledge")),
    ("Our breach procedure is now trauma informed.", ("trauma_informed",)),
    ("Used the handouts in team meetings and supervision.", ("sharing",)),
    ("Set aside a room for support sessions in our new supported accommodation.", ("environment",)),
    ("Take more time with people and work at their pace.", ("time",)),
    ("Drew up an information sharing agreement with an organisation I met at an event.", ("links",)),
    ("Shared the resources with colleagues and we discussed them as a team.", ("sharing",)),
    ("Signpost people to other services more confidently.", ("links",)),
    ("Added questions about staff wellbeing to supervision.", ("wellbeing",)),
    ("Changed the wording of our letters about missed appointments.", ("trauma_informed", "paperwork")),
)
"""One answer has a curly apostrophe (cp1252 byte 0x92): the reader's encoding fallback is used."""

_HEARD_VIA_OTHER = (
    ("Through Opportunity Nottingham", ("other_routes",)),
    ("Saw a flyer at a partner agency", ("other_routes",)),
)
_SHARED_WITH_OTHER = (("Our trustees", ("other_routes",)),)


def _texts(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str, ...]:
    return tuple(text for text, _ in pairs)


CHANGE_DETAIL = _texts(_CHANGE_DETAIL)
PLEDGE_POST_EVENT = _texts(_PLEDGE_POST_EVENT)
SHARE_PLAN_OTHER = _texts(_SHARE_PLAN_OTHER)
INTERIM_ACTION_DETAIL = _texts(_INTERIM_ACTION_DETAIL)
FINAL_ACTION_DETAIL = _texts(_FINAL_ACTION_DETAIL)
HEARD_VIA_OTHER = _texts(_HEARD_VIA_OTHER)
SHARED_WITH_OTHER = _texts(_SHARED_WITH_OTHER)

TRUE_THEMES: dict[str, tuple[str, ...]] = dict(
    _CHANGE_DETAIL
    + _PLEDGE_POST_EVENT
    + _SHARE_PLAN_OTHER
    + _INTERIM_ACTION_DETAIL
    + _FINAL_ACTION_DETAIL
    + _HEARD_VIA_OTHER
    + _SHARED_WITH_OTHER
)
"""Survey text -> the themes it truly carries (ground truth for the simulated coders only)."""
