"""Rhythm Console: a live-control console for livestream commerce."""

__version__ = "0.1.0"
