"""Subcommands of the ``geohist`` CLI; each has ``add_arguments(parser)`` and ``run(args)``."""
