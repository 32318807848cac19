"""Renderers of the post-stream review: Markdown, HTML (self-contained, with charts) and CSV."""
