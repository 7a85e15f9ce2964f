"""The CSV rules of user import files: header, escaping, limits, and what each row means."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp.backend.imports import csv_file
from pytest_cognito_idp.backend.imports.csv_file import (
    CsvFileError,
    RowFailed,
    RowReader,
    csv_header,
    parse_file,
    split_cells,
    write_rows,
)
from pytest_cognito_idp.backend.model.pools import SchemaAttribute, UserPool

DEFAULT_HEADER = [
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
    "cognito:mfa_enabled",
    "cognito:username",
]


def make_pool(**settings: Any) -> UserPool:
    settings.setdefault("auto_verified_attributes", ["email"])
    return UserPool(
        "us-east-1_abcdefghi", "pool", "us-east-1", "123456789012", 0.0, 0.0, **settings
    )


def line(pool: UserPool, **values: str) -> str:
    """A row in GetCSVHeader's column order; keys use ``__`` for ``:``."""
    given = {k.replace("__", ":"): v for k, v in values.items()}
    return ",".join(given.get(column, "") for column in csv_header(pool))


def read(pool: UserPool, text: str) -> csv_file.UserRecord:
    return RowReader(tuple(csv_header(pool)), pool).read(text)


def valid(pool: UserPool, **values: str) -> str:
    base = {
        "cognito__username": "jane",
        "email": "jane@example.com",
        "email_verified": "TRUE",
        "cognito__mfa_enabled": "FALSE",
    }
    return line(pool, **{**base, **values})


MFA_OFF = (
    "The User Record's cognito:mfa_enabled does not fit the user pool's MFA configuration (OFF)."
)


# -- the header -------------------------------------------------------------------------------


def test_the_header_of_a_default_pool_is_the_documented_one() -> None:
    assert csv_header(make_pool()) == DEFAULT_HEADER


def test_custom_attributes_come_after_updated_at() -> None:
    pool = make_pool()
    pool.schema["custom:tenant"] = SchemaAttribute("custom:tenant")
    header = csv_header(pool)

    assert header[-4:] == ["updated_at", "custom:tenant", "cognito:mfa_enabled", "cognito:username"]


def test_column_order_is_free() -> None:
    pool = make_pool()
    columns = list(reversed(DEFAULT_HEADER))
    parsed = parse_file((",".join(columns) + "\n").encode(), pool)

    assert parsed.columns == tuple(columns)
    assert parsed.rows == []


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (DEFAULT_HEADER[:-1], "The CSV header is missing the column: cognito:username."),
        ([*DEFAULT_HEADER, "custom:nope"], "The CSV header has an unknown column: custom:nope."),
        ([*DEFAULT_HEADER, "email"], "The CSV header has the column email twice."),
    ],
)
def test_a_bad_header_makes_the_file_unparseable(header: list[str], message: str) -> None:
    with pytest.raises(CsvFileError) as excinfo:
        parse_file((",".join(header) + "\n").encode(), make_pool())
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The CSV file has no header row."),
        (
            b"\xef\xbb\xbf" + ",".join(DEFAULT_HEADER).encode(),
            "The CSV file must be UTF-8 without a byte order mark.",
        ),
        (b"name,\xff\xfe\n", "The CSV file is not valid UTF-8."),
    ],
)
def test_files_that_cannot_be_read(data: bytes, message: str) -> None:
    with pytest.raises(CsvFileError) as excinfo:
        parse_file(data, make_pool())
    assert str(excinfo.value) == message


def test_the_file_size_and_row_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    pool = make_pool()
    header = ",".join(DEFAULT_HEADER) + "\n"
    monkeypatch.setattr(csv_file, "MAX_FILE_BYTES", len(header) + 1)
    with pytest.raises(CsvFileError, match="larger than 100 MB"):
        parse_file((header + "xx").encode(), pool)

    monkeypatch.setattr(csv_file, "MAX_FILE_BYTES", 10**9)
    monkeypatch.setattr(csv_file, "MAX_ROWS", 2)
    assert len(parse_file((header + "a\nb\n").encode(), pool).rows) == 2
    with pytest.raises(CsvFileError, match="more than 500000 users"):
        parse_file((header + "a\nb\nc\n").encode(), pool)


def test_rows_keep_their_line_numbers_and_blank_lines_hold_no_user() -> None:
    pool = make_pool()
    data = ",".join(DEFAULT_HEADER) + "\r\nfirst\r\n\r\n  \nsecond"
    assert parse_file(data.encode(), pool).rows == [(2, "first"), (5, "second")]


# -- cells ------------------------------------------------------------------------------------


def test_cells_are_trimmed_and_escaped_commas_kept() -> None:
    assert split_cells(" a , b\\, c ,d") == ["a", "b, c", "d"]
    assert split_cells("a,,") == ["a", "", ""]


@pytest.mark.parametrize(
    "line",
    [
        *("Jane Doe,x", " a,b", "a ,b", "a, b", "a,b ", "a,\t,b", "a,\x1f", "a\x1c,b", "a b,c d"),
        *("a,\u00a0b", "é ,b", "é b,c", "a,b\u2003"),  # not ASCII: the slower regex path
    ],
)
def test_cells_are_trimmed_only_at_their_ends(line: str) -> None:
    # Spaces inside a value stay; whitespace at either end of any cell goes.
    assert split_cells(line) == [cell.strip() for cell in line.split(",")]


def test_a_row_with_an_escaped_comma_keeps_it_in_the_value() -> None:
    pool = make_pool()
    record = read(pool, valid(pool, address="1 Main St\\, Springfield"))
    assert record.attributes["address"] == "1 Main St, Springfield"


# -- rows -------------------------------------------------------------------------------------


def test_a_valid_row() -> None:
    pool = make_pool()
    record = read(
        pool, valid(pool, name=" Jane Doe ", birthdate="02/01/1985", updated_at="1471453471")
    )

    assert record.username == "jane"
    assert record.mfa_enabled is False
    assert record.attributes == {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "email_verified": "true",
        "birthdate": "02/01/1985",
        "updated_at": "1471453471",
    }


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"cognito__username": ""}, "The User Record does not have a valid cognito:username."),
        ({"cognito__username": "ja ne"}, "The User Record does not have a valid cognito:username."),
        (
            {"cognito__username": "ja\tne"},
            "The User Record does not have a valid cognito:username.",
        ),
        ({"email_verified": "FALSE"}, csv_file.NO_AUTO_VERIFIED),
        ({"email_verified": ""}, csv_file.NO_AUTO_VERIFIED),
        ({"email_verified": "yes"}, "The User Record has an invalid value for email_verified."),
        ({"email": ""}, "The User Record sets email_verified to true but has no email."),
        (
            {"phone_number_verified": "true"},
            "The User Record sets phone_number_verified to true but has no phone_number.",
        ),
        (
            {"birthdate": "1985-02-01"},
            "The User Record has a birthdate that is not in the format mm/dd/yyyy.",
        ),
        (
            {"updated_at": "yesterday"},
            "The User Record has an updated_at that is not epoch time in seconds.",
        ),
        (
            {"cognito__mfa_enabled": "TRUE"},
            MFA_OFF,
        ),
        (
            {"cognito__mfa_enabled": ""},
            MFA_OFF,
        ),
    ],
)
def test_rows_that_fail(values: dict[str, str], reason: str) -> None:
    pool = make_pool()
    with pytest.raises(RowFailed) as excinfo:
        read(pool, valid(pool, **values))
    assert str(excinfo.value) == reason


def test_a_row_with_the_wrong_number_of_values_fails() -> None:
    pool = make_pool()
    with pytest.raises(RowFailed) as excinfo:
        read(pool, valid(pool) + ",extra")
    assert str(excinfo.value) == "The User Record has 22 values but the header has 21 columns."


def test_a_row_longer_than_16000_characters_fails() -> None:
    pool = make_pool()
    text = valid(pool, address="x" * 16_000)
    with pytest.raises(RowFailed, match="longer than 16000 characters"):
        read(pool, text)


@pytest.mark.parametrize(
    ("mfa", "allowed", "refused"),
    [("ON", ["TRUE", "true"], ["FALSE", ""]), ("OPTIONAL", ["TRUE", "FALSE"], ["", "maybe"])],
)
def test_mfa_enabled_follows_the_pool(mfa: str, allowed: list[str], refused: list[str]) -> None:
    pool = make_pool(mfa_configuration=mfa)
    for value in allowed:
        assert read(pool, valid(pool, cognito__mfa_enabled=value)).mfa_enabled is (
            value.lower() == "true"
        )
    for value in refused:
        with pytest.raises(RowFailed, match="cognito:mfa_enabled"):
            read(pool, valid(pool, cognito__mfa_enabled=value))


def test_any_auto_verified_attribute_may_be_the_verified_one() -> None:
    pool = make_pool(auto_verified_attributes=["email", "phone_number"])
    record = read(
        pool,
        valid(
            pool, email_verified="false", phone_number="+15555550100", phone_number_verified="TRUE"
        ),
    )
    assert record.attributes["phone_number_verified"] == "true"

    only_phone = make_pool(auto_verified_attributes=["phone_number"])
    with pytest.raises(RowFailed, match="auto verified"):
        read(only_phone, valid(only_phone))


def test_required_attributes_must_have_a_value() -> None:
    pool = make_pool()
    pool.schema["given_name"] = SchemaAttribute("given_name", required=True)
    with pytest.raises(RowFailed) as excinfo:
        read(pool, valid(pool))
    assert str(excinfo.value) == "The User Record is missing the required attribute given_name."
    assert read(pool, valid(pool, given_name="Jane")).attributes["given_name"] == "Jane"


# -- writing rows -----------------------------------------------------------------------------


def test_rows_written_from_dicts_read_back() -> None:
    pool = make_pool()
    data = write_rows(
        [
            {
                "cognito:username": "jane",
                "email": "jane@example.com",
                "email_verified": True,
                "cognito:mfa_enabled": False,
                "address": "1 Main St, Springfield",
                "updated_at": 1471453471,
            },
        ],
        pool,
    )
    parsed = parse_file(data, pool)
    assert parsed.columns == tuple(DEFAULT_HEADER)
    record = RowReader(parsed.columns, pool).read(parsed.rows[0][1])
    assert record.attributes["address"] == "1 Main St, Springfield"
    assert record.attributes["updated_at"] == "1471453471"
    assert record.attributes["email_verified"] == "true"


def test_unknown_keys_become_columns_and_line_breaks_are_refused() -> None:
    pool = make_pool()
    header = write_rows([{"nickname_typo": "x"}], pool).decode().splitlines()[0]
    assert header.endswith(",nickname_typo")

    with pytest.raises(ValueError, match="line break"):
        write_rows([{"address": "1 Main St\nSpringfield"}], pool)
