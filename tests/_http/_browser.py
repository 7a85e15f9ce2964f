"""A browser in miniature for the domain's pages: a requests.Session that keeps cookies,
follows redirects while they stay on the domain, and submits HTML forms as a browser does
(every input's value, hidden ones included, plus the fields the test fills in)."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urljoin, urlsplit

import attrs
import requests


@attrs.frozen
class Form:
    action: str
    method: str
    fields: Dict[str, str]


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: List[Form] = []

    def handle_starttag(self, tag: str, attrs_: List[Tuple[str, Optional[str]]]) -> None:
        found = dict(attrs_)
        if tag == "form":
            self.forms.append(Form(found.get("action") or "", found.get("method") or "get", {}))
        elif tag == "input" and self.forms and found.get("name"):
            if found.get("type") == "radio" and found["name"] in self.forms[-1].fields:
                return  # the first option stays chosen
            self.forms[-1].fields[str(found["name"])] = found.get("value") or ""


def forms_of(html: str) -> List[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Browser:
    """Visits the domain at ``base`` (and ``others`` it is sent to, another pool's domain as a
    federated provider); ``callback`` is where it was sent off them."""

    def __init__(self, base: str, *others: str) -> None:
        self.base = base
        self.bases = (base, *others)  # every domain the browser may pass through
        self.session = requests.Session()
        self.callback: Optional[str] = None
        self.page: Optional[requests.Response] = None

    def _follow(self, response: requests.Response) -> requests.Response:
        while response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(self.bases):
                self.callback = location
                break
            response = self.session.get(location, allow_redirects=False, timeout=5)
        self.page = response
        return response

    def get(self, path_or_url: str, **params: str) -> requests.Response:
        url = path_or_url if "://" in path_or_url else self.base + path_or_url
        self.callback = None
        return self._follow(self.session.get(url, params=params, allow_redirects=False, timeout=5))

    def submit(self, **fields: str) -> requests.Response:
        """Fill the page's (first) form with ``fields`` and post it."""
        assert self.page is not None
        forms = forms_of(self.page.text)
        assert forms, f"no form on the page: {self.page.text}"
        form = forms[0]
        data = {**form.fields, **fields}
        self.callback = None
        action = urljoin(self.page.url, form.action)
        return self._follow(self.session.post(action, data=data, allow_redirects=False, timeout=5))

    def callback_params(self, fragment: bool = False) -> Dict[str, str]:
        assert self.callback is not None, "the browser was not sent back to the app"
        parts = urlsplit(self.callback)
        text = parts.fragment if fragment else parts.query
        return {k: v[-1] for k, v in parse_qs(text).items()}
