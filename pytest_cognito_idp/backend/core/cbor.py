"""A small CBOR (RFC 8949) decoder, enough for WebAuthn: attestation objects and COSE keys (and an
encoder, for the test-side passkey device).

Definite lengths only, as CTAP2's canonical encoding requires; integers, byte and text strings,
arrays, maps, tags (their content is returned), false/true/null and floats.
"""

from __future__ import annotations

import struct
from typing import Any, Dict, List, Tuple


class CborError(ValueError):
    """The bytes are not well-formed CBOR (of the kinds this decoder reads)."""


def decode(data: bytes) -> Any:
    """The one item ``data`` holds; trailing bytes are an error."""
    value, end = decode_first(data)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the CBOR item")
    return value


def decode_first(data: bytes, offset: int = 0) -> Tuple[Any, int]:
    """The item that starts at ``offset``, and the offset just past it."""
    return _Reader(data).item(offset, 0)


MAX_DEPTH = 16


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def _take(self, offset: int, n: int) -> bytes:
        end = offset + n
        if n < 0 or end > len(self.data):
            raise CborError("truncated CBOR item")
        return self.data[offset:end]

    def _argument(self, info: int, offset: int) -> Tuple[int, int]:
        if info < 24:
            return info, offset
        sizes = {24: 1, 25: 2, 26: 4, 27: 8}
        if info not in sizes:
            raise CborError(f"unsupported additional information {info}")
        raw = self._take(offset, sizes[info])
        return int.from_bytes(raw, "big"), offset + len(raw)

    def item(self, offset: int, depth: int) -> Tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise CborError("CBOR nested too deeply")
        initial = self._take(offset, 1)[0]
        major, info = initial >> 5, initial & 0x1F
        offset += 1
        if major == 7:
            return self._simple(info, offset)
        arg, offset = self._argument(info, offset)
        if major == 0:
            return arg, offset
        if major == 1:
            return -1 - arg, offset
        if major == 2:
            return self._take(offset, arg), offset + arg
        if major == 3:
            try:
                return self._take(offset, arg).decode("utf-8"), offset + arg
            except UnicodeDecodeError as exc:
                raise CborError("CBOR text is not UTF-8") from exc
        if major == 4:
            items: List[Any] = []
            for _ in range(arg):
                value, offset = self.item(offset, depth + 1)
                items.append(value)
            return items, offset
        if major == 5:
            entries: Dict[Any, Any] = {}
            for _ in range(arg):
                key, offset = self.item(offset, depth + 1)
                if isinstance(key, (list, dict)):
                    raise CborError("CBOR map key is not a scalar")
                entries[key], offset = self.item(offset, depth + 1)
            return entries, offset
        return self.item(offset, depth + 1)  # major 6: a tag; its content is what matters

    def _simple(self, info: int, offset: int) -> Tuple[Any, int]:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], offset
        formats = {25: ">e", 26: ">f", 27: ">d"}
        if info in formats:
            size = struct.calcsize(formats[info])
            return struct.unpack(formats[info], self._take(offset, size))[0], offset + size
        raise CborError(f"unsupported CBOR simple value {info}")


def encode(value: Any) -> bytes:
    """The CBOR of ``value`` (ints, bytes, text, lists, dicts, booleans, None), with definite
    lengths and map keys in the order given (CTAP2 canonical order when given so)."""
    if value is None:
        return b"\xf6"
    if isinstance(value, bool):
        return b"\xf5" if value else b"\xf4"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return _head(3, len(raw)) + raw
    if isinstance(value, (list, tuple)):
        return _head(4, len(value)) + b"".join(encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | info]) + n.to_bytes(size, "big")
    raise ValueError(f"{n} is too large for CBOR")
