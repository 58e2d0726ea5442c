"""A real SMTP server (aiosmtpd) the portal's mail goes to, and party accounts."""

from __future__ import annotations

import email
import email.policy
import re
import socket
from collections.abc import Iterator
from email.message import EmailMessage
from typing import Any

import pytest
from django.test import Client

PARTY_PASSWORD = "kotsu-jiko-2026!"


class Mailbox:
    """Messages the SMTP server received, parsed, in order."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append(parsed)  # type: ignore[arg-type]
        return "250 OK"

    def body(self, index: int = -1) -> str:
        part = self.messages[index].get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    def link(self, pattern: str, index: int = -1) -> str:
        found = re.search(rf"https?://[^\s]*{pattern}[^\s]*", self.body(index))
        assert found, self.body(index)
        return found.group(0)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """allauth counts mails and failed logins per address in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def mailbox(settings: Any) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller

    box = Mailbox()
    port = _free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    try:
        yield box
    finally:
        controller.stop()


def sign_up(client: Client, mailbox: Mailbox, address: str = "taro@example.jp") -> Any:
    """Sign up and confirm the e-mail through the link the real mail carried."""
    response = client.post(
        "/portal/accounts/signup/",
        {"email": address, "password1": PARTY_PASSWORD, "password2": PARTY_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()
    path = mailbox.link("/portal/accounts/confirm-email/").split("testserver", 1)[-1]
    client.get(path)
    response = client.post(path)
    assert response.status_code == 302
    return response


@pytest.fixture
def party_client(db: Any, mailbox: Mailbox) -> Client:
    client = Client()
    sign_up(client, mailbox)
    return client


@pytest.fixture
def as_staff(world: Any) -> Client:
    client = Client()
    client.force_login(world.users["secretariat"])
    return client
