"""``python -m storefronts``: the ops CLI (see ``storefronts --help``)."""

from ._cli import main

raise SystemExit(main())
