"""The audience's voice: comments classified by a lexicon (lexicon.py) and counted per category (tracker.py).

Pure domain code: no Textual, no files. The plan's `audience:` section extends the shipped lexicon.
"""
