"""Managed login's HTML: real forms a browser (or a test posting them) fills in.

Field names are the contract's: ``username`` and ``password`` on the sign-in form, ``code`` on
the code pages (SMS, email, TOTP, MFA setup, the one-time sign-in codes), ``new_password`` on the
new-password page, ``challenge`` on the choice page, ``credential`` on the passkey page; every
form carries a hidden ``_csrf`` token, and the challenge pages the sign-in's ``session``.
"""

from __future__ import annotations

import json
from html import escape
from typing import Dict, List, Optional

ERROR_PAGE_TEXT = "An error was encountered with the requested page."  # observed

_STYLE = (
    "body{font-family:sans-serif;max-width:24rem;margin:3rem auto}"
    "label,input,button{display:block;width:100%;margin:.4rem 0}"
    ".error{color:#b00}"
)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>\n"
    )


def _error(error: Optional[str]) -> str:
    return f'<p class="error" id="error" role="alert">{escape(error)}</p>' if error else ""


# For the pages built elsewhere (passkey_page.py).
page = _page
error_paragraph = _error


def _form(action: str, csrf: str, fields: str, button: str, session: Optional[str] = None) -> str:
    hidden = f'<input type="hidden" name="_csrf" value="{escape(csrf)}">'
    if session is not None:
        hidden += f'<input type="hidden" name="session" value="{escape(session)}">'
    return (
        f'<form method="post" action="{escape(action)}">{hidden}{fields}'
        f'<button type="submit" name="signInSubmitButton">{escape(button)}</button></form>'
    )


def _input(name: str, label: str, kind: str = "text", autocomplete: str = "off") -> str:
    return (
        f'<label for="{name}">{escape(label)}</label>'
        f'<input id="{name}" name="{name}" type="{kind}" autocomplete="{autocomplete}" required>'
    )


def sign_in(action: str, csrf: str, error: Optional[str], links: Dict[str, str]) -> str:
    fields = _input("username", "Username", autocomplete="username") + _input(
        "password", "Password", "password", "current-password"
    )
    more = "".join(
        f'<p><a href="{escape(href)}">{escape(text)}</a></p>' for text, href in links.items()
    )
    return _page("Sign in", _error(error) + _form(action, csrf, fields, "Sign in") + more)


def username_first(action: str, csrf: str, error: Optional[str], links: Dict[str, str]) -> str:
    """Choice-based sign-in's first form: the username, then the ways to sign in."""
    fields = _input("username", "Username", autocomplete="username webauthn")
    more = "".join(
        f'<p><a href="{escape(href)}">{escape(text)}</a></p>' for text, href in links.items()
    )
    return _page("Sign in", _error(error) + _form(action, csrf, fields, "Next") + more)


# How the choice page names each first factor (the wordings are unconfirmed).
FACTOR_LABELS = {
    "WEB_AUTHN": "Passkey",
    "PASSWORD": "Password",
    "EMAIL_OTP": "Email message one-time code",
    "SMS_OTP": "SMS message one-time code",
}


def select_challenge(
    action: str, csrf: str, session: str, error: Optional[str], choices: List[str]
) -> str:
    """SELECT_CHALLENGE: one radio button (``challenge``) per first factor available."""
    fields = "".join(
        f'<label><input type="radio" name="challenge" value="{escape(c)}" required> '
        f"{escape(FACTOR_LABELS.get(c, c))}</label>"
        for c in choices
    )
    return _page(
        "Choose a sign-in method",
        _error(error) + _form(action, csrf, fields, "Continue", session),
    )


def password(action: str, csrf: str, session: str, error: Optional[str]) -> str:
    """The password, once chosen on the choice page (the answer to SELECT_CHALLENGE)."""
    fields = '<input type="hidden" name="challenge" value="PASSWORD">' + _input(
        "password", "Password", "password", "current-password"
    )
    return _page(
        "Enter your password", _error(error) + _form(action, csrf, fields, "Sign in", session)
    )


def providers_only(error: Optional[str], links: Dict[str, str]) -> str:
    """The sign-in page of a client that signs in through third-party providers only."""
    more = "".join(
        f'<p><a href="{escape(href)}">{escape(text)}</a></p>' for text, href in links.items()
    )
    return _page("Sign in", _error(error) + more)


def code(action: str, csrf: str, session: str, error: Optional[str], where: str) -> str:
    intro = f"<p>{escape(where)}</p>"
    fields = _input("code", "Code", autocomplete="one-time-code")
    return _page(
        "Enter your code", _error(error) + intro + _form(action, csrf, fields, "Sign in", session)
    )


def new_password(
    action: str, csrf: str, session: str, error: Optional[str], required: List[str]
) -> str:
    fields = _input("new_password", "New password", "password", "new-password")
    for name in required:
        fields += _input(f"requiredAttributes[{name}]", name)
    body = "<p>Change your temporary password to continue.</p>" + _form(
        action, csrf, fields, "Change password", session
    )
    return _page("Change password", _error(error) + body)


def select_mfa(
    action: str, csrf: str, session: str, error: Optional[str], choices: List[str]
) -> str:
    fields = "".join(
        f'<label><input type="radio" name="mfa_type" value="{escape(c)}" required> '
        f"{escape(c)}</label>"
        for c in choices
    )
    return _page(
        "Choose how to sign in", _error(error) + _form(action, csrf, fields, "Continue", session)
    )


def mfa_setup(
    action: str, csrf: str, session: str, error: Optional[str], secret: str, uri: str
) -> str:
    intro = (
        "<p>Set up an authenticator app: scan or enter this key, then enter a code.</p>"
        f'<p><code id="secret">{escape(secret)}</code></p>'
        f'<p><a id="otpauth" href="{escape(uri)}">{escape(uri)}</a></p>'
    )
    fields = _input("code", "Code", autocomplete="one-time-code")
    return _page(
        "Set up MFA", _error(error) + intro + _form(action, csrf, fields, "Sign in", session)
    )


def error_page(error: str) -> str:
    return _page("Error", f'<p>{ERROR_PAGE_TEXT}</p><p id="error">{escape(error)}</p>')


def message(title: str, text: str, link: Optional[str] = None) -> str:
    more = f'<p><a href="{escape(link)}">Continue</a></p>' if link else ""
    return _page(title, f"<p>{escape(text)}</p>{more}")


def required_attributes(parameters: Dict[str, str]) -> List[str]:
    """The attributes a NEW_PASSWORD_REQUIRED challenge asks for (``userAttributes.`` dropped)."""
    try:
        names = json.loads(parameters.get("requiredAttributes", "[]"))
    except ValueError:
        return []
    return [str(n).partition(".")[2] or str(n) for n in names]


def sign_up(action: str, csrf: str, error: Optional[str], attributes: List[str]) -> str:
    fields = _input("username", "Username", autocomplete="username") + _input(
        "password", "Password", "password", "new-password"
    )
    for name in attributes:
        kind = "email" if name == "email" else "tel" if name == "phone_number" else "text"
        fields += _input(name, name, kind)
    return _page("Sign up", _error(error) + _form(action, csrf, fields, "Sign up"))


def confirm(action: str, csrf: str, error: Optional[str], username: str, where: str) -> str:
    hidden = f'<input type="hidden" name="username" value="{escape(username)}">'
    fields = hidden + _input("code", "Verification code", autocomplete="one-time-code")
    intro = f"<p>{escape(where)}</p>"
    return _page(
        "Confirm your account", _error(error) + intro + _form(action, csrf, fields, "Confirm")
    )


def forgot_password(action: str, csrf: str, error: Optional[str]) -> str:
    fields = _input("username", "Username", autocomplete="username")
    return _page(
        "Forgot your password?", _error(error) + _form(action, csrf, fields, "Reset my password")
    )


def confirm_forgot_password(
    action: str, csrf: str, error: Optional[str], username: str, where: str
) -> str:
    fields = (
        f'<input type="hidden" name="username" value="{escape(username)}">'
        + _input("code", "Code", autocomplete="one-time-code")
        + _input("new_password", "New password", "password", "new-password")
    )
    intro = f"<p>{escape(where)}</p>"
    return _page(
        "Reset your password",
        _error(error) + intro + _form(action, csrf, fields, "Change password"),
    )
