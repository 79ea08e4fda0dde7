"""``python -m geohist``: the same as the ``geohist`` command."""

import sys

from geohist.cli import main

sys.exit(main())
