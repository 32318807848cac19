"""What the link's tests share: a console serving panes on an ephemeral port, and panes opened on it."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.session import LiveSession
from tests.support.panes import served

TOKEN = "s3cret-token"


@pytest.fixture
async def served_console(small_plan):
    """A live session with its link serving on 127.0.0.1 (any free port), token TOKEN, and its pane opener."""
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    async with served(session, token=TOKEN) as (server, opener):
        yield session, server, opener


@pytest.fixture
def console(served_console):
    session, server, _ = served_console
    return session, server


@pytest.fixture
def open_pane(served_console):
    """`await open_pane(name=..., token=..., connected=True)`: a pane on the console's link, connected unless
    told not to wait; every pane opened is stopped when the test ends."""
    return served_console[2]
