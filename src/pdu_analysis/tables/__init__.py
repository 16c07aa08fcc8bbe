"""Every table a page shows, each built once from the tidy tables (the headline table included)."""

from pdu_analysis.tables import attendance_page, event_layout, published, withhold  # noqa: F401,E402
from pdu_analysis.tables.attendance import (  # noqa: F401
    GROUP_SHARE_COLUMNS,
    SECTOR_ORDER,
    cop_sessions_table,
    cumulative_table,
    events_per_person_table,
    focus_by_sector_table,
    sector_share_table,
    sector_shares,
    shares_table,
    values_by_group,
)
from pdu_analysis.tables.events import (  # noqa: F401
    hidden_events_pooled,
    hidden_lean_sentence,
    sector_by_event_published,
    sector_by_event_table,
)
from pdu_analysis.tables.headline import (  # noqa: F401
    FOLLOW_UP_MEASURES,
    HEADLINE_COLUMNS,
    POOLED,
    POST_EVENT_MEASURES,
    build_headline,
    save_headline,
)
from pdu_analysis.tables.survey import (  # noqa: F401
    SELECTED,
    SHARE_COLUMNS,
    among,
    hub_table,
    matrix_table,
    measure_by_wave,
    option_counts_table,
    option_table,
    response_counts,
    share_record,
    wide_counts,
    yes_table,
)
