"""Analysis: the book's logic, in pure pandas — frames and vocabulary per topic.

One module per topic; one function per concept, its policy in its docstring. Functions take the
loaders' frames and return frames, series or plain values. Nothing here draws, displays or glues:
this layer imports neither matplotlib nor ipywidgets, nor any layer above it (chapters, figures,
widgets) — ``tests/test_layers.py`` enforces it.
"""
