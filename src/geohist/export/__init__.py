"""Export for slides: what to render (plan), where overlays go (layout), and the file writers.

Everything here is Qt-free. The one renderer (``geohist.gui.renderer``) turns a plan into
pixels for both the window's export dialog and ``geohist export``.
"""
