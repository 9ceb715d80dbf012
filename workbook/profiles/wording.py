"""Small helpers for messages people read."""

from __future__ import annotations

from collections.abc import Sequence


def article(word: str) -> str:
    """``an integer``, ``a string``."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def alternatives(words: Sequence[str]) -> str:
    """``a or b``; ``a, b or c``."""
    if len(words) <= 2:
        return " or ".join(words)
    return f"{', '.join(words[:-1])} or {words[-1]}"
