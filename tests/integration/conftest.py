"""What the link's tests share: a console serving panes on an ephemeral port, and panes opened on it."""

import pytest

from rhythm_console.clock import ManualClock
from rhythm_console.link.server import LinkServer
from rhythm_console.session import LiveSession
from tests.support.panes import PaneOpener

TOKEN = "s3cret-token"


@pytest.fixture
async def console(small_plan):
    """A live session with its link serving on 127.0.0.1 (any free port), token TOKEN."""
    session = LiveSession(small_plan, ManualClock(), lang="zh")
    server = LinkServer(session, "127.0.0.1", 0, token=TOKEN)
    await server.start()
    yield session, server
    await server.stop()


@pytest.fixture
async def open_pane(console):
    """`await open_pane(name=..., token=..., connected=True)`: a pane on the console's link, connected unless
    told not to wait; every pane opened is stopped when the test ends."""
    _, server = console
    opener = PaneOpener(server.url, token=TOKEN)
    yield opener
    await opener.close()
