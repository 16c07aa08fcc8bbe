"""Charts: one theme and the chart kinds. Importing the package applies the house style."""

from pdu_analysis.figures.attendance import (  # noqa: F401
    cop_sessions_chart,
    events_per_person_histogram,
    sector_mix_by_event,
)
from pdu_analysis.figures.layout import (  # noqa: F401
    XMAX,
    chart_title,
    count_label,
    empty_figure,
    finish,
    ink,
    legend_below,
    not_asked,
    percent_axis,
    point_range,
    titled,
    wrap_label,
)
from pdu_analysis.figures.likert import (  # noqa: F401
    diverging_stacked_bars,
)
from pdu_analysis.figures.marks import (  # noqa: F401
    draw_counts,
    flag_assumed,
    share_drawn,
)
from pdu_analysis.figures.shares import (  # noqa: F401
    multi_select_bars,
    naive_vs_robust_intervals,
    proportion_bars_with_ci,
)
from pdu_analysis.figures.theme import (  # noqa: F401
    DIVERGING_COLOURS,
    FIGURE_SIZE,
    FIGURE_WIDTH,
    GREY,
    OKABE_ITO,
    PALETTE,
    PERIOD_COLOURS,
    POOLED_COLOUR,
    SAVE_DPI,
    SECTOR_COLOURS,
    SMALLEST_PT,
    SUBTITLE_COLOUR,
    TEXT_COLOUR,
    THEME_RC,
    WAVE_COLOURS,
    apply_theme,
    group_colours,
    save_figure,
    wave_colours,
)
from pdu_analysis.figures.waves import (  # noqa: F401
    differences_chart,
    intention_action_chart,
    options_by_wave,
    sector_shares_chart,
)

apply_theme()
