"""Run a shell command in a user's server terminal, as a student would type it.

Creates a terminal through the server's REST API (``/user/<name>/api/terminals``), sends the
command over the terminal's websocket with the same token, collects what the terminal
prints until an end marker, and deletes the terminal.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets

from medialit.hub.api import HubAPI


def run_in_terminal(base_url: str, user: str, token: str, command: str, timeout: float = 60) -> str:
    """The terminal's output for ``command`` (ANSI codes included), up to the end marker."""
    api = HubAPI(base_url, token)
    created = api.request("POST", f"/user/{user}/api/terminals")
    if not created.ok:
        raise PermissionError(f"creating a terminal in {user}'s server: HTTP {created.status}")
    name = created.body["name"]
    try:
        return asyncio.run(_talk(base_url, user, token, name, command, timeout))
    finally:
        api.request("DELETE", f"/user/{user}/api/terminals/{name}")


async def _talk(base_url: str, user: str, token: str, name: str, command: str, timeout: float) -> str:
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    marker = f"END-{secrets.token_hex(4)}"
    url = base_url.replace("http://", "ws://") + f"/user/{user}/terminals/websocket/{name}"
    request = HTTPRequest(url, headers={"Authorization": f"token {token}"})
    conn = await asyncio.wait_for(websocket_connect(request), timeout)
    out: list[str] = []
    try:
        # The marker is printed by the shell (split in the command so the echo of the typed line does not match).
        await conn.write_message(json.dumps(["stdin", f"{command}; echo {marker[:4]}''{marker[4:]}-$?\r"]))
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not re.search(rf"{marker}-\d+", "".join(out)):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no end marker from the terminal; it printed: {''.join(out)[-2000:]}")
            msg = await asyncio.wait_for(conn.read_message(), remaining)
            if msg is None:
                break
            kind, *rest = json.loads(msg)
            if kind == "stdout":
                out.append(rest[0])
        await asyncio.sleep(0.2)
    finally:
        conn.close()
    return "".join(out)
