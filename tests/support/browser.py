"""A real headless Chromium for the browser prompter's tests and benchmark: Debian's own, by path
(never a downloaded one), driven by Playwright."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def why_no_browser() -> str | None:
    """None when the browser tests can run, else the reason they are skipped."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "no Chromium found (apt-get install chromium)"
    return None


@asynccontextmanager
async def chromium(*extra_args: str) -> AsyncIterator[object]:
    """`extra_args` add Chromium switches, e.g. --host-resolver-rules to point a name at loopback."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=chromium_path(), args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            await browser.close()
