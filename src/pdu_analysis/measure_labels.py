"""Plain-English names for the headline measures, shared by the headline table and the index page.

Kept free of heavy imports so the index page can be built without loading the statistics stack.
"""

MEASURE_LABELS = {
    "attendances": "Attendances at learning events",
    "individuals": "Individuals who attended",
    "learning_events": "Learning events held",
    "statutory_share": "Attendances from the statutory sector",
    "voluntary_share": "Attendances from the voluntary sector",
    "took_action": "Took action as a result of PDU events (follow-up)",
    "made_contact": "Made contact with someone met at an event (follow-up)",
    "outcomes_improved": "Aware of improved outcomes for service users (follow-up)",
    "effective_very": "Think the events a very effective way to change practice (follow-up)",
    "hub_aware": "Aware of the PDU online hub (follow-up)",
    "understanding_much_greater": "Much greater understanding of the topic (post-event)",
    "awareness_much_greater": "Much greater awareness of the issues (post-event)",
    "intend_change": "Intend to change practice (post-event)",
    "hub_users": "Registered users of the online hub",
    "hub_voluntary_share": "Hub users from the voluntary sector",
}

ATTENDANCE_MEASURES = {"attendances", "individuals", "learning_events", "statutory_share", "voluntary_share"}
"""Measures counted over attendances: their 'wave' is a reporting period, cumulative to it."""


def wave_label(measure: str, wave: str, survey_labels: dict[str, str]) -> str:
    """How a reader should read the wave column for this measure."""
    if wave == "all":
        return "All responses" if measure not in ("hub_users", "hub_voluntary_share") else "All"
    if wave == "after_cutoff":
        return "After the interim cut-off only"
    if measure in ATTENDANCE_MEASURES:
        if wave.startswith("after_"):
            return f"To date (after the {wave[len('after_') :]} report, cumulative)"
        return f"To the {wave} report (cumulative)"
    return survey_labels.get(wave, wave)


def survey_wave_labels() -> dict[str, str]:
    """Wave code to the label readers know ('final' to 'Final (January 2019)'), from waves.csv."""
    import csv

    from .paths import REFERENCE_DIR

    try:
        with open(REFERENCE_DIR / "waves.csv", newline="", encoding="utf-8") as handle:
            return {
                row["wave"]: row["label"]
                for row in csv.DictReader(handle)
                if row.get("wave") and row.get("label")
            }
    except (OSError, KeyError):
        return {}
