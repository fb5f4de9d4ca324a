"""User-facing words, in one place, so pages hold no copy and tests compare against the same text.

One module per area; `from attune import messages` then `messages.X` reads them all.
"""

from .care import *  # noqa: F403
from .cli import *  # noqa: F403
from .content import *  # noqa: F403
from .daily import *  # noqa: F403
from .importing import *  # noqa: F403
from .journal import *  # noqa: F403
from .moving import *  # noqa: F403
from .plural import Plural, entries, plural  # noqa: F401
from .sharing import *  # noqa: F403
from .support import *  # noqa: F403
from .together import *  # noqa: F403
from .together_care import *  # noqa: F403
from .trends import *  # noqa: F403
