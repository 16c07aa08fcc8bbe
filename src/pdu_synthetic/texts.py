"""Open-ended answers for the synthetic surveys.

Short, plausible answers in the voice of the report's survey quotes. None names a person. Texts
for the final follow-up round must be encodable in cp1252 (that file is written the way Excel
re-saves it).
"""

from __future__ import annotations

CHANGE_DETAIL = (
    "Slow down at first appointments and spend more time listening before the paperwork.",
    "Look again at the amount of paperwork we use at assessment.",
    "Share the slides with my team and talk through them at our next team meeting.",
    "Think more about how our reception area feels to someone arriving for the first time.",
    "Use a more strengths-based conversation in reviews.",
    "Remove some of the notices on the walls and reword the ones about non-engagement.",
    "Ask people what they expect of us when they move in, not just what we expect of them.",
    "Refer to the women's services I heard about today.",
    "Try shorter sessions at different times of day so people can take part more easily.",
    "Be more aware of how trauma can show up in behaviour and not take it personally.",
    "Review how we end support when someone misses appointments.",
    "Make sure basic needs are met before expecting people to engage with the support plan.",
    "Set up a monthly service user group to hear what is going well and what could improve.",
    "Signpost clients to the mental health services I did not know about before.",
    "Raise the idea of a psychologically informed environment with my manager.",
    "Feed what I learnt into our service review.",
    "Involve the people we support in deciding how we evaluate the service.",
    "Take more time with people and not rush to a decision.",
    "Think before I act when things start to escalate.",
    "Build relationships first and do the assessment over more than one meeting.",
    "Look at making our building feel more like a home.",
    "Contact the Housing First team to find out how referrals work.",
    "Use the handouts in supervision with my staff.",
    "Put the person before the paperwork at induction.",
    "Ask about gender-specific needs at assessment.",
    "Check that our policies do not exclude people with multiple needs.",
    "Be more reflective in my practice.",
    "Not sure yet, I need to discuss it with my team first.",
    "Pass the information on to our volunteers.",
    "Plan a team session on trauma informed practice.",
    "Consider how our breach procedure could be more trauma informed.",
    "Offer more choice about where we meet people.",
    "Link up with the dual diagnosis service for joint working.",
    "Make more referrals to advocacy for people with complex needs.",
    "Think about how hostels could be safer for women.",
    "Include people with lived experience on our interview panels.",
    "Keep a list of local services for signposting.",
    "Follow up with two of the organisations on my table.",
    "Revisit our welcome pack so it is shorter and clearer.",
    "Give staff time to reflect together after difficult incidents.",
)

PLEDGE_POST_EVENT = (
    "We plan to adopt the Pledge and will consult our service users about it first.",
    "Take the Pledge to our management team with a view to signing up.",
    "Start working towards the Pledge in our hostel.",
)

SHARE_PLAN_OTHER = ("Volunteers", "Our board of trustees", "Students on placement")

INTERIM_ACTION_DETAIL = (
    "We have introduced the Pledge in our team and are asking service users what they think of it.",
    "Working towards adopting the Pledge across our projects.",
    "Changed our first meeting to more of a conversation with less paperwork.",
    "Made referrals to two services I met at the event.",
)

FINAL_ACTION_DETAIL = (
    "We changed how we do our initial meeting; it is now more of a conversation.",
    "Streamlined the notices in the communal areas of the hostel.",
    "I now routinely ask tenants if they want a referral to victim support services.",
    "We involved our service user group in how we evaluate new activities.",
    "Started a monthly drop-in where people can tell us what is working and what isn’t.",
    "Reviewed our assessment paperwork and cut it down.",
    "Made referrals to a mental health housing project I heard about at an event.",
    "Our breach procedure is now trauma informed.",
    "Used the handouts in team meetings and supervision.",
    "Set aside a room for support sessions in our new supported accommodation.",
    "Take more time with people and work at their pace.",
    "Drew up an information sharing agreement with an organisation I met at an event.",
    "Shared the resources with colleagues and we discussed them as a team.",
    "Signpost people to other services more confidently.",
    "Added questions about staff wellbeing to supervision.",
    "Changed the wording of our letters about missed appointments.",
)
"""One answer has a curly apostrophe (cp1252 byte 0x92): the reader's encoding fallback is used."""

HEARD_VIA_OTHER = ("Through Opportunity Nottingham", "Saw a flyer at a partner agency")
SHARED_WITH_OTHER = ("Our trustees",)
