"""geohist: a desktop map-and-timeline viewer for history."""

__version__ = "0.1.0"
