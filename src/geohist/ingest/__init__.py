"""Texts -> dated, placed draft events (``geohist ingest``), Qt-free and offline.

:mod:`~geohist.ingest.pipeline` runs the steps; :mod:`~geohist.ingest.sources` reads ``.txt``
files; :mod:`~geohist.ingest.output` writes JSON or an events CSV. Importing this package loads
nothing heavy: the gazetteer index is built on first use (:func:`geohist.ingest.world.place_index`).
"""
