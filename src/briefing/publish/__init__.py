"""The publishing wing: everything that turns the content layers into the book's pages and prints.

Publishing may import every content layer (loaders, analysis, chapters, figures, widgets); no
content module imports publishing (``tests/test_layers.py``). Modules are gathered here one job at
a time: ``pages`` writes the page fragments generated from the data.
"""
