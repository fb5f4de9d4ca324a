"""Words of signing in on a hosted Attune: the sign-in page, starting or joining a journal,
invitations, signing out."""

SIGN_IN_TITLE = "Attune"
SIGN_IN_LEAD = (
    "A private journal for noticing how you feel and how connected you are — on your own "
    "device, with the people you share it with."
)
SIGN_IN = "Sign in"
SIGN_IN_HINT = (
    "You sign in with the account this Attune was set up with. Nobody else on it can read "
    "your private entries, whoever hosts it."
)
SIGN_IN_AGAIN = "Sign in again"
NO_IDENTITY = "Your sign-in did not say who you are. Sign out and try again."

WELCOME_TITLE = "Welcome"
WELCOME_LEAD = "You are signed in, and not in a journal yet."
START_TITLE = "Start your own journal"
START_HINT = "For you alone, or to invite your partner or the people you live with later."
JOIN_TITLE = "Join with an invitation"
JOIN_HINT = "Someone in a journal made a code for you: type it here, as they gave it."
YOUR_NAME = "Your name, as the others will see it"
CODE = "Invitation code"
START = "Start my journal"
JOIN = "Join"

SIGNED_IN_AS = "Signed in as {name}"
SIGN_OUT = "Sign out"
SIGN_OUT_EVERYWHERE = "Sign out everywhere"
SIGN_OUT_EVERYWHERE_HELP = "Ends every sign-in of yours, on every device: a phone you lost too."

INVITE_TITLE = "Invite someone"
INVITE_HINT = (
    "Make a one-time code and give it to the person yourself — face to face, or in a message "
    "only they read. It works once, for three days. Attune shows it only now."
)
INVITE = "Make an invitation code"
INVITE_MADE = "Give this code to the person you are inviting. It works once, until {until}."
INVITES_OPEN = "Unused codes: {count}."
