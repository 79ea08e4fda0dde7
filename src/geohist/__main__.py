"""``python -m geohist``: the same as the ``geohist`` command."""

import sys

from geohist.cli import main

# Guarded so that importing the module (tools that walk the package do) never starts the app.
if __name__ == "__main__":
    sys.exit(main())
