"""Every session-state key the app uses, in one place."""

MEMBER_ID = "member_id"  # who is writing (int) — the viewer for every read
FLASH = "flash"  # (kind, message) shown once at the top of the next run
UNDO_TRASH = "undo_trash_id"  # the entry just moved to trash, for the Undo button
EDITING = "editing"  # (entry_id, version) of the entry open for editing on the Journal page
JOURNAL_PAGE = "journal_page"
SHOW_TRASH = "journal_show_trash"
SEARCH = "journal_search"
F_DATES = "journal_dates"
F_TAGS = "journal_tags"
F_FEELINGS = "journal_feelings"
F_VALENCE = "journal_valence"
DRAFT_LOADED = "draft_loaded"  # set of draft slots already loaded into widgets this session
WRITE_PROMPT = "write_prompt_id"  # prompt chosen to write about (Readings -> Write)
WRITE_READING = "write_reading_id"


def checkin_key(prefix: str, field: str) -> str:
    """Widget keys of a check-in form: `today.valence`, `edit.tags`, …"""
    return f"{prefix}.{field}"
