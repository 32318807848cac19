"""The browser prompter: plain HTML, CSS and JS served by the link server (package data, no build step)."""
