"""Bilingual text. Everything a user reads exists in Chinese (the default) and English."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A message in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``; Chinese unless English is asked for."""
        return self.en if lang == "en" else self.zh

    def format(self, **values: object) -> Text:
        """Fill ``{placeholders}`` in both languages; unknown placeholders stay as they are."""
        safe = _SafeDict(values)
        return Text(self.zh.format_map(safe), self.en.format_map(safe))

    def __bool__(self) -> bool:
        return bool(self.zh or self.en)


EMPTY = Text("", "")


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
