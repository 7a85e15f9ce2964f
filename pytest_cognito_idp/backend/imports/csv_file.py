"""The user import CSV file: its header, its format rules, and what each row means.

The rules are the developer guide's ("Creating the user import CSV file"): the header holds every
column of GetCSVHeader in any order; values are not quoted, a literal comma is written ``\\,``;
the file is UTF-8 without a byte order mark; values are trimmed; a row holds at most 16,000
characters, the file at most 100 MB and 500,000 users.

A file that breaks a file-level rule cannot be parsed, and the job fails (``CsvFileError``). A
row that breaks a row-level rule fails on its own (``RowFailed``), and the job goes on. The
guide gives the text of one row failure (no auto-verified attribute set to true) and none for the
file-level failures; the other texts here are ours, in the same style (unconfirmed).
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, List, Mapping, NamedTuple, Tuple

import attrs

from ..model.pools import UserPool

# GetCSVHeader's columns for a default pool, in the API's order; custom attributes go after
# updated_at (fact sheet, section 3), the two cognito: columns last.
STANDARD_COLUMNS = (
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
)
MFA_COLUMN = "cognito:mfa_enabled"
USERNAME_COLUMN = "cognito:username"

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_ROWS = 500_000
MAX_ROW_CHARACTERS = 16_000

NO_AUTO_VERIFIED = (
    "The User Record does not set any of the auto verified attributes to true. "
    "(Example: email_verified to true)."
)
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")
_WHITESPACE = re.compile(r"\s")
_BIRTHDATE = re.compile(r"(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/[0-9]{4}")
_EPOCH_SECONDS = re.compile(r"[0-9]{1,12}")
_BOOLEANS = {"true": "true", "false": "false"}
_VERIFIABLE_FLAGS = (("email", "email_verified"), ("phone_number", "phone_number_verified"))


class CsvFileError(Exception):
    """The file cannot be parsed: the job fails with this message as its CompletionMessage."""


class RowFailed(Exception):
    """A row cannot be imported: ``[FAILED] Line Number N - <message>``."""


def csv_header(pool: UserPool) -> List[str]:
    """The columns an import file for ``pool`` must hold, in GetCSVHeader's order."""
    custom = [a.name for a in pool.custom_attributes]
    return [*STANDARD_COLUMNS, *custom, MFA_COLUMN, USERNAME_COLUMN]


# Whitespace at either end of a cell of a line without escapes (spaces inside a value, as in a
# name, need no trimming).
_PADDED_CELL = re.compile(r"(?:^|,)\s|\s(?:,|\Z)")
# The same test for an ASCII line, by substring searches: several times faster than the regex,
# which tries both alternatives at every character of every row.
_ASCII_PADDING = tuple((w, f",{w}", f"{w},") for w in " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f")


def _padded(line: str) -> bool:
    if not line.isascii():
        return _PADDED_CELL.search(line) is not None
    if line[:1].isspace() or line[-1:].isspace():
        return True
    for space, before, after in _ASCII_PADDING:
        if space in line and (before in line or after in line):
            return True
    return False


def split_cells(line: str) -> List[str]:
    """The trimmed values of one line; ``\\,`` is a comma inside a value."""
    if "\\" not in line:
        cells = line.split(",")
        # Most files have no padding; strip only when there is something to strip.
        if _padded(line):
            return [cell.strip() for cell in cells]
        return cells
    return [cell.replace("\\,", ",").strip() for cell in _UNESCAPED_COMMA.split(line)]


@attrs.frozen
class CsvFile:
    """A parsed file: its columns, and its rows as (line number, raw text), parsed lazily."""

    columns: Tuple[str, ...]
    rows: List[Tuple[int, str]]


def parse_file(data: bytes, pool: UserPool) -> CsvFile:
    """Check the file-level rules and split ``data`` into rows; raise ``CsvFileError``."""
    if len(data) > MAX_FILE_BYTES:
        raise CsvFileError("The CSV file is larger than 100 MB.")
    if data.startswith(b"\xef\xbb\xbf"):
        raise CsvFileError("The CSV file must be UTF-8 without a byte order mark.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise CsvFileError("The CSV file is not valid UTF-8.") from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise CsvFileError("The CSV file has no header row.")
    columns = tuple(split_cells(lines[0]))
    _check_header(columns, pool)
    # Blank lines hold no user; line numbers still count them, as an editor would.
    rows = [(number, line) for number, line in enumerate(lines[1:], 2) if line.strip()]
    if len(rows) > MAX_ROWS:
        raise CsvFileError("The CSV file has more than 500000 users.")
    return CsvFile(columns, rows)


def _check_header(columns: Tuple[str, ...], pool: UserPool) -> None:
    expected = csv_header(pool)
    seen = set()
    for column in columns:
        if column in seen:
            raise CsvFileError(f"The CSV header has the column {column} twice.")
        seen.add(column)
    unknown = [c for c in columns if c not in expected]
    if unknown:
        raise CsvFileError(f"The CSV header has an unknown column: {unknown[0]}.")
    missing = [c for c in expected if c not in seen]
    if missing:
        raise CsvFileError(f"The CSV header is missing the column: {missing[0]}.")


class UserRecord(NamedTuple):
    """What one valid row says: the username, the attributes to store, and the MFA flag.

    (A named tuple: one is made per row, and it is built several times faster than a frozen
    attrs class.)"""

    username: str
    attributes: Dict[str, str]
    mfa_enabled: bool


class RowReader:
    """Reads the rows of one file for one pool (whose settings cannot change during an import:
    UpdateUserPool and AddCustomAttributes are refused while it runs)."""

    def __init__(self, columns: Tuple[str, ...], pool: UserPool) -> None:
        self._columns = columns
        self._mfa_configuration = pool.mfa_configuration
        self._auto_verified = [f"{a}_verified" for a in pool.auto_verified_attributes]
        self._required = pool.required_attributes

    def read(self, line: str) -> UserRecord:
        """The user a row describes; raise ``RowFailed`` when it breaks a rule of the guide."""
        if len(line) > MAX_ROW_CHARACTERS:
            raise RowFailed("The User Record is longer than 16000 characters.")
        cells = split_cells(line)
        if len(cells) != len(self._columns):
            raise RowFailed(
                f"The User Record has {len(cells)} values but the header has "
                f"{len(self._columns)} columns."
            )
        attributes = {name: value for name, value in zip(self._columns, cells) if value}
        username = attributes.pop(USERNAME_COLUMN, "")
        if not username or len(username) > 128 or _WHITESPACE.search(username):
            raise RowFailed("The User Record does not have a valid cognito:username.")
        mfa_enabled = _mfa_enabled(attributes.pop(MFA_COLUMN, ""), self._mfa_configuration)
        auto_verified = False
        for attribute, flag in _VERIFIABLE_FLAGS:
            if flag in attributes:
                value = _BOOLEANS.get(attributes[flag].lower())
                if value is None:
                    raise RowFailed(f"The User Record has an invalid value for {flag}.")
                attributes[flag] = value
                if value == "true" and attribute not in attributes:
                    raise RowFailed(f"The User Record sets {flag} to true but has no {attribute}.")
        for flag in self._auto_verified:
            if attributes.get(flag) == "true":
                auto_verified = True
                break
        if not auto_verified:
            raise RowFailed(NO_AUTO_VERIFIED)
        for name in self._required:
            if name not in attributes:
                raise RowFailed(f"The User Record is missing the required attribute {name}.")
        if "birthdate" in attributes or "updated_at" in attributes:
            _check_formats(attributes)
        return UserRecord(username, attributes, mfa_enabled)


_MFA_ALLOWED = {"ON": ("true",), "OFF": ("false",)}


def _mfa_enabled(value: str, mfa_configuration: str) -> bool:
    flag = _BOOLEANS.get(value.lower())
    allowed = _MFA_ALLOWED.get(mfa_configuration, ("true", "false"))
    if flag not in allowed:
        raise RowFailed(
            "The User Record's cognito:mfa_enabled does not fit the user pool's MFA "
            f"configuration ({mfa_configuration})."
        )
    return flag == "true"


def _check_formats(attributes: Mapping[str, str]) -> None:
    # The two formats the guide gives for import files; the pool's schema checks the rest.
    birthdate = attributes.get("birthdate")
    if birthdate is not None and not _BIRTHDATE.fullmatch(birthdate):
        raise RowFailed("The User Record has a birthdate that is not in the format mm/dd/yyyy.")
    updated_at = attributes.get("updated_at")
    if updated_at is not None and not _EPOCH_SECONDS.fullmatch(updated_at):
        raise RowFailed("The User Record has an updated_at that is not epoch time in seconds.")


def write_rows(rows: Iterable[Mapping[str, object]], pool: UserPool) -> bytes:
    """An import file for ``pool`` from row dicts (column -> value), as a user would write it.

    The header is GetCSVHeader's, plus any other key a row uses (which then fails the job, as
    such a file would). ``True``/``False`` become ``TRUE``/``FALSE``, ``None`` an empty value,
    commas are escaped; a line break inside a value cannot be written and raises ``ValueError``.
    """
    rows = list(rows)
    columns = csv_header(pool)
    known = set(columns)
    for row in rows:
        for key in row:
            if key not in known:
                known.add(key)
                columns.append(key)
    lines = [",".join(columns)]
    for row in rows:
        lines.append(",".join(_cell(row.get(column), column) for column in columns))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _cell(value: object, column: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    text = str(value)
    if "\n" in text or "\r" in text:
        raise ValueError(f"the value of {column!r} has a line break, which a CSV row cannot hold")
    return text.replace(",", "\\,")
