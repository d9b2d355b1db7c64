"""``python -m compliance``: the command line."""

from compliance.cli import main

raise SystemExit(main())
