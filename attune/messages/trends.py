"""Words of the Trends page that are said once there (each chart's own text stays with it)."""

TRENDS_CAVEAT = (
    "These patterns come from your own check-ins. They show what tends to go together, "
    "not what causes what."
)
TRENDS_INTERVAL = (
    "Each line shows the range the real difference most likely falls in (a 95% interval): "
    "the shorter the line, the surer the finding; a line that crosses 0 could be chance."
)
TRENDS_NO_FINDINGS = "No clear differences yet. With more days the lines get shorter."
TRENDS_CALENDAR = "Your calendar"
