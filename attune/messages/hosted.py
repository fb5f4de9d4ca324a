"""What the words about *where things are kept* say when the journal is not a file on this
computer but a database on a server (PostgreSQL: a hosted Attune, signed in or reached through a
tunnel). Keyed by the local text itself, so a screen asks for one message and gets the true one
for where it runs (components.place.said)."""

from . import care, content, daily, journal, sharing, support

ON_A_SERVER: dict[str, str] = {
    journal.PRIVACY: (
        "Everything you write is kept in this journal's database, on the server that runs this "
        "Attune. Your private entries are shown only to you; set a passphrase in Settings › "
        "Privacy and their words are sealed with it, so that not even whoever runs the server "
        "can read them. No analytics, no advertising."
    ),
    journal.SAVED: "Saved. Your check-in is kept in this journal, on its server.",
    content.SAVED_WRITING: "Saved. Your words are kept in this journal, on its server.",
    support.SUPPORT_PRIVACY: (
        "If someone else might read this journal, remember that it opens wherever you sign in: "
        "sign out when you leave a shared device, or sign out everywhere from the sidebar. You "
        "can move entries to the trash and empty it, which erases them for good."
    ),
    care.SUPPORT_HISTORY: (
        "Your words stay in Attune's database on its server, but your browser's history keeps "
        "the addresses and titles of the Attune pages you opened, such as …/support and "
        "“Support”. It never holds what you wrote. Anyone who uses this browser can see that "
        "history: to leave no trace, open Attune in a private window (closing it forgets the "
        "pages), or delete these pages from the history (often Ctrl+H, or ⌘+Y on a Mac)."
    ),
    daily.REMINDERS_INTRO: (
        "Attune does not send notifications. Your calendar can: download a calendar file with "
        "the reminders you choose and open it in the calendar app you already use."
    ),
    daily.GUIDE_WHERE: (
        "**Where entries go.** Every check-in and page you write is listed on **Journal**, newest "
        "first, with search and a jump to any date; **Trends** shows what tends to go with your "
        "better days. Everything stays in this journal, on its server."
    ),
    sharing.SHARE_INTRO: (
        "You decide what leaves your journal. Choose the dates and what to include: the preview "
        "below shows what the export holds, and nothing leaves until you download it or send "
        "it to your practitioner."
    ),
}
