"""Model patterns as fast full-match tests: Java's ``\\p{..}`` classes, ASCII values by ``re``."""

from __future__ import annotations

import re
from typing import Any, Callable

import regex


def compile_pattern(pattern: str) -> Callable[[str], Any]:
    """A full-match test for a model pattern: truthy when ``value`` matches."""
    # Java regexes: \p{L} and friends need the `regex` module; the rest compile with `re`.
    if "\\p{" not in pattern:
        return re.compile(pattern).fullmatch
    unicode = regex.compile(pattern).fullmatch
    # Most values are ASCII, which `re` matches in a fraction of the time once each \p{X} is
    # spelt as the ASCII characters `regex` itself puts in class X.
    ascii_only = re.compile(_UNICODE_CLASS.sub(_ascii_members, pattern), re.ASCII).fullmatch
    if _PRINTABLE_RUN.fullmatch(pattern) and all(
        bool(ascii_only(c)) == (c in _PRINTABLE_NOT_SPACE) for c in map(chr, range(128))
    ):
        # The commonest pattern (usernames and other names): one or more of every printable
        # ASCII character but the space; string methods say so without a regex.
        def printable_run(value: str) -> Any:
            if value.isascii():
                return value.isprintable() and " " not in value and value != ""
            return unicode(value)

        return printable_run

    def either(value: str) -> Any:
        return ascii_only(value) if value.isascii() else unicode(value)

    return either


# A run of characters from \p{..} classes only, such as [\p{L}\p{M}\p{S}\p{N}\p{P}]+.
_PRINTABLE_RUN = re.compile(r"\[(?:\\p\{\w+\})+\]\+")
_PRINTABLE_NOT_SPACE = frozenset(map(chr, range(0x21, 0x7F)))
_UNICODE_CLASS = re.compile(r"\\p\{(\w+)\}")


def _ascii_members(m: re.Match[str]) -> str:
    # Used inside [...] only (as the model's patterns do), so a plain list of escaped characters.
    members = regex.compile(m.group(0)).fullmatch
    return "".join(re.escape(chr(c)) for c in range(128) if members(chr(c)))
