"""A small client for JupyterHub's REST API (standard library only).

Used by ``medialit hub`` with the site's admin service token, and by the tests with a
student's own token to show what that token may not do.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from medialit.errors import MedialitError


class HubAPIError(MedialitError, RuntimeError):
    """The hub answered with an error, or not at all."""


@dataclass
class Reply:
    status: int
    body: Any

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class HubAPI:
    """Requests to ``base_url`` (the hub's public URL) carrying ``token``."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, body: Any = None, *, timeout: float = 30) -> Reply:
        """One request; ``path`` starts with ``/`` (e.g. ``/hub/api/users``).  Never raises on an HTTP error."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base_url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
                status = resp.status
        except urllib.error.HTTPError as exc:
            raw, status = exc.read(), exc.code
        except OSError as exc:
            raise HubAPIError(f"{method} {self.base_url}{path}: {exc}") from None
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return Reply(status, parsed)

    def _check(self, reply: Reply, what: str) -> Any:
        if not reply.ok:
            raise HubAPIError(f"{what}: HTTP {reply.status} {reply.body}")
        return reply.body

    # -- admin operations -----------------------------------------------------------------
    def user(self, name: str) -> dict[str, Any]:
        return self._check(self.request("GET", f"/hub/api/users/{name}"), f"reading user {name}")

    def create_token(self, name: str, note: str = "medialit hub", expires_in: int = 3600) -> str:
        body = self._check(self.request("POST", f"/hub/api/users/{name}/tokens",
                                        {"note": note, "expires_in": expires_in}), f"a token for {name}")
        return body["token"]

    def start_server(self, name: str, timeout: float = 180) -> str:
        """Start ``name``'s server (if not running) and wait until it answers; returns its URL path."""
        reply = self.request("POST", f"/hub/api/users/{name}/server")
        if reply.status not in (201, 202, 400):  # 400: already running
            raise HubAPIError(f"starting {name}'s server: HTTP {reply.status} {reply.body}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.user(name).get("servers", {}).get("")
            if server and server.get("ready"):
                return server["url"]
            if server is None and reply.status == 400:
                reply = self.request("POST", f"/hub/api/users/{name}/server")
            time.sleep(0.5)
        raise HubAPIError(f"{name}'s server did not start within {timeout:.0f} s; see the hub's log")

    def stop_server(self, name: str, timeout: float = 60) -> None:
        reply = self.request("DELETE", f"/hub/api/users/{name}/server")
        if reply.status not in (202, 204, 400, 404):
            raise HubAPIError(f"stopping {name}'s server: HTTP {reply.status} {reply.body}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.user(name).get("servers"):
                return
            time.sleep(0.5)
        raise HubAPIError(f"{name}'s server did not stop within {timeout:.0f} s")

    def running_servers(self) -> list[str]:
        users = self._check(self.request("GET", "/hub/api/users?state=active"), "listing users")
        return [u["name"] for u in users if u.get("servers")]
