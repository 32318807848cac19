"""The link server inside the manager's console: host panes over WebSocket (hub.py), hardware buttons
(Stream Deck via Bitfocus Companion) over plain HTTP (api.py), the browser prompter's page (prompter.py),
all behind one access middleware (access.py: Host, Origin, token, body type). This module puts them on one
aiohttp application and runs it.

Binding anything but loopback needs a token. See docs/link.md for the security model.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiohttp import web

from rhythm_console.link.access import Access, HostNames
from rhythm_console.link.address import prompter_url
from rhythm_console.link.api import ButtonApi
from rhythm_console.link.config import cannot_listen, check_bind
from rhythm_console.link.hub import Pane, PaneHub
from rhythm_console.link.prompter import PrompterRoutes
from rhythm_console.link.protocol import MAX_FRAME_BYTES
from rhythm_console.link.replies import Replies
from rhythm_console.link.session import LinkSession


class LinkServer:
    def __init__(self, session: LinkSession, host: str = "127.0.0.1", port: int = 8765,
                 token: str | None = None, allowed_hosts: Iterable[str] = ()) -> None:
        check_bind(host, token)
        self.session = session
        self.host = host
        self.port = port
        self.token = token or None
        replies = Replies(session.lang)
        self.hub = PaneHub(session, self.token)
        self.access = Access(HostNames(host, allowed_hosts), self.token, replies)
        self.api = ButtonApi(session, self.hub, replies)
        self.prompter = PrompterRoutes(replies)
        self._runner: web.AppRunner | None = None

    # ------------------------------------------------------------ lifecycle

    def make_app(self) -> web.Application:
        """The routes behind the access middleware, not yet served (`start` serves them; a test client may)."""
        app = web.Application(client_max_size=MAX_FRAME_BYTES, middlewares=[self.access.middleware()])
        self.hub.add_to(app)
        self.api.add_to(app, self.access)
        self.prompter.add_to(app)
        return app

    async def start(self) -> None:
        self._runner = web.AppRunner(self.make_app(), access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            raise cannot_listen(self.host, self.port, exc) from None
        if self.port == 0:  # an ephemeral port (tests): learn which
            self.port = self._runner.addresses[0][1]
        self.hub.start()

    async def stop(self) -> None:
        await self.hub.stop()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"ws://{self.host}:{self.port}/ws"

    def prompter_url(self) -> str:
        """The browser prompter's address as another machine reaches it (the token in its fragment)."""
        return prompter_url(self.host, self.port, self.token)

    # ------------------------------------------------------------ what the console's screens ask of the panes

    @property
    def panes(self) -> list[Pane]:
        return self.hub.panes

    def pane_names(self) -> list[str]:
        return self.hub.pane_names()

    @property
    def blackout(self) -> bool:
        return self.hub.blackout

    def set_blackout(self, on: bool) -> None:
        self.hub.set_blackout(on)

    def broadcast_state(self) -> None:
        self.hub.broadcast_state()

    def resync(self) -> None:
        self.hub.resync()
