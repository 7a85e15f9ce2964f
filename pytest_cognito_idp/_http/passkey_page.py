"""Managed login's passkey page: the WEB_AUTHN challenge in a form a browser can answer.

The request options (the challenge's ``CREDENTIAL_REQUEST_OPTIONS``, JSON) are embedded in a
``<script type="application/json" id="passkey-options">`` element. Submitting the form runs
``navigator.credentials.get`` with them, writes the assertion as AuthenticationResponseJSON (the
JSON RespondToAuthChallenge's ``CREDENTIAL`` takes) into the hidden ``credential`` field and posts
the form; the domain verifies it with the API's own WEB_AUTHN check. A client without JavaScript
(a test posting forms) reads the options from the page and posts ``credential`` itself.
"""

from __future__ import annotations

from html import escape
from typing import Optional

from . import login_pages as pages

# Base64url <-> bytes, the options' binary members decoded, and the assertion encoded as
# AuthenticationResponseJSON (W3C WebAuthn level 3 "toJSON" form, built by hand for browsers
# without PublicKeyCredential.toJSON).
_SCRIPT = """
(function () {
  var form = document.getElementById("passkey-form");
  function bytes(s) {
    s = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
    return Uint8Array.from(atob(s), function (c) { return c.charCodeAt(0); });
  }
  function text(buffer) {
    var out = "", view = new Uint8Array(buffer);
    for (var i = 0; i < view.length; i++) out += String.fromCharCode(view[i]);
    return btoa(out).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
  }
  form.addEventListener("submit", function (event) {
    if (form.elements.credential.value) return;
    event.preventDefault();
    var o = JSON.parse(document.getElementById("passkey-options").textContent);
    var publicKey = Object.assign({}, o, {
      challenge: bytes(o.challenge),
      allowCredentials: (o.allowCredentials || []).map(function (c) {
        return Object.assign({}, c, { id: bytes(c.id) });
      })
    });
    navigator.credentials.get({ publicKey: publicKey }).then(function (c) {
      var r = c.response;
      form.elements.credential.value = JSON.stringify({
        id: c.id,
        rawId: text(c.rawId),
        type: c.type,
        authenticatorAttachment: c.authenticatorAttachment,
        clientExtensionResults: c.getClientExtensionResults(),
        response: {
          clientDataJSON: text(r.clientDataJSON),
          authenticatorData: text(r.authenticatorData),
          signature: text(r.signature),
          userHandle: r.userHandle ? text(r.userHandle) : null
        }
      });
      form.submit();
    }).catch(function (error) {
      var shown = document.getElementById("passkey-error");
      shown.textContent = "The passkey could not be used: " + error.name;
      shown.hidden = false;
    });
  });
})();
"""


def passkey(action: str, csrf: str, session: str, error: Optional[str], options: str) -> str:
    """The page of a WEB_AUTHN challenge: ``options`` is its CREDENTIAL_REQUEST_OPTIONS."""
    # JSON inside <script>: "<" escaped so no "</script>" can end the element early.
    embedded = options.replace("<", "\\u003c")
    form = (
        f'<form id="passkey-form" method="post" action="{escape(action)}">'
        f'<input type="hidden" name="_csrf" value="{escape(csrf)}">'
        f'<input type="hidden" name="session" value="{escape(session)}">'
        '<input type="hidden" name="credential" value="">'
        '<button type="submit" name="signInSubmitButton">Sign in with passkey</button></form>'
    )
    body = (
        pages.error_paragraph(error)
        + '<p class="error" id="passkey-error" role="alert" hidden></p>'
        + "<p>Use the passkey on this device or a security key.</p>"
        + form
        + f'<script type="application/json" id="passkey-options">{embedded}</script>'
        + f"<script>{_SCRIPT}</script>"
    )
    return pages.page("Sign in with passkey", body)
