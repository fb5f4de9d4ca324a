"""Words of the daily flow: reminders (a calendar file), the first-run guide, and the
Journal's jump to a date and its entry actions."""

# Reminders (Settings › Reminders). What the calendar events say is neutral on purpose.
REMINDERS_TITLE = "Reminders"
REMINDERS_INTRO = (
    "Attune runs only on this computer, so it cannot send you notifications. Your calendar "
    "can: download a calendar file with the reminders you choose and open it in the calendar "
    "app you already use."
)
REMINDER_DAILY = "A daily check-in"
REMINDER_WEEKLY = "A weekly check-in together"
REMINDER_AT = "At"
REMINDER_ON = "On"
REMINDERS_PRIVATE = (
    "The reminders say only “Check-in” or “Weekly check-in”: no names and nothing you wrote, "
    "because a calendar is often seen by others — a shared calendar, a lock screen, a phone "
    "on the table."
)
REMINDERS_DOWNLOAD = "Download the calendar file"
REMINDERS_NONE = "Choose at least one reminder."
REMINDERS_HOW = (
    "Open the file with your calendar app (most import .ics files: double-click it, or look "
    "for Import in the calendar's settings). A file downloaded later with new times replaces "
    "these reminders when imported into the same calendar."
)
REMINDER_CALENDAR_NAME = "Check-in reminders"
REMINDER_DAILY_SUMMARY = "Check-in"
REMINDER_DAILY_DESCRIPTION = "A minute to notice how you feel."
REMINDER_WEEKLY_SUMMARY = "Weekly check-in"
REMINDER_WEEKLY_DESCRIPTION = "Time for the weekly check-in."

# The first-run guide on Today
GUIDE_TITLE = "Getting started"
GUIDE_STEP = "Step {n} of {of}"
GUIDE_CHECKIN = (
    "**Check in.** Below, choose how pleasant the moment feels and how much energy you have — "
    "that is enough to save. Feeling words, connection, tags and a note are optional."
)
GUIDE_WHERE = (
    "**Where entries go.** Every check-in and page you write is listed on **Journal**, newest "
    "first, with search and a jump to any date; **Trends** shows what tends to go with your "
    "better days. Everything stays on this computer."
)
GUIDE_TOGETHER = (
    "**Together.** What you write is private by default: only you see it. Turn on “Share "
    "with the others” for an entry you want them to see. On **Together**, a shared prompt "
    "stays hidden until everyone asked has answered; then all answers are shown at once."
)
GUIDE_NEXT = "Next"
GUIDE_DONE = "Done"
GUIDE_SKIP = "Skip the guide"

# Journal: jump to a date, and each entry's actions
JUMP_TO = "Jump to a date"
JUMP_HELP = "Shows the page with entries from that day (or the nearest earlier day)."
JUMP_NOTHING = "Nothing on or before that day: showing the oldest entries."
ENTRY_EDIT = "Edit"
ENTRY_DELETE = "Delete"
ENTRY_DELETE_HELP = "Moves it to the trash. You can undo or restore it."
