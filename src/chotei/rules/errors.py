"""Refusals of the rules. Each names the article so the UI and API can show it verbatim."""

from __future__ import annotations

from collections.abc import Sequence

from chotei.rules.articles import Article


class RuleViolation(Exception):
    """Something the regime forbids. ``str()`` is the Japanese message, article first."""

    def __init__(self, message: str, article: Article, field: str = "") -> None:
        self.message = message
        self.article = article
        self.field = field
        super().__init__(f"{article}により{message}" if not message.startswith(str(article)) else message)

    @property
    def obligation(self) -> str:
        return self.article.obligation


class TransitionNotAllowed(RuleViolation):
    """An action not allowed in the case's current state (HTTP 409)."""


class MissingItems(RuleViolation):
    """One or more required items absent; ``problems`` lists (field, label, article) for each."""

    def __init__(self, problems: Sequence[tuple[str, str, Article]]) -> None:
        self.problems = list(problems)
        first_field, _, first_article = self.problems[0]
        text = "、".join(f"{label}（{article}）" for _, label, article in self.problems)
        super().__init__(f"次の必須事項がありません: {text}", first_article, first_field)
        self.args = (f"次の必須事項がありません: {text}",)
