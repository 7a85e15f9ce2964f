"""A pool's third-party identity providers (IdPs): SAML, OIDC and the four social providers.

Each type needs its own ``ProviderDetails``; on describe the service adds the endpoints it uses
(the API reference shows a create request and the describe response for each type). The fake
never reaches the network: an OIDC issuer's endpoints that were not given are the conventional
paths under the issuer (real Cognito reads them from the issuer's discovery document), and a SAML
``MetadataURL`` is kept as given while a ``MetadataFile`` is read for its redirect bindings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Sequence, Tuple

import attrs

from ...errors import (
    DuplicateProviderException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from .certificates import ENCRYPTION_KEY, self_signed

if TYPE_CHECKING:
    from ..model.pools import UserPool

PROVIDERS_PER_POOL = 300
# App clients may always name the pool's own directory.
COGNITO = "COGNITO"
SOCIAL_TYPES = ("Google", "Facebook", "LoginWithAmazon", "SignInWithApple")
SOCIAL_DETAILS = ("client_id", "client_secret", "authorize_scopes")
REQUIRED_DETAILS: Dict[str, Tuple[str, ...]] = {
    "Google": SOCIAL_DETAILS,
    "Facebook": SOCIAL_DETAILS,
    "LoginWithAmazon": SOCIAL_DETAILS,
    "SignInWithApple": ("client_id", "team_id", "key_id", "private_key", "authorize_scopes"),
    "OIDC": ("client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"),
    "SAML": (),
}
# Facebook's Graph API version when none is given (the API reference's example value).
FACEBOOK_API_VERSION = "v17.0"
# Details the service keeps but never shows again.
HIDDEN_DETAILS = frozenset({"private_key", "MetadataFile"})
# Attribute mapping keys beyond the schema: the federated user's username.
MAPPABLE_EXTRA = frozenset({"username"})

_SAML_MD = "urn:oasis:names:tc:SAML:2.0:metadata"
_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"


@attrs.define
class IdentityProvider:
    name: str
    type: str
    created: float
    last_modified: float
    # As given (the request's ProviderDetails), and what the service adds on describe.
    details: Dict[str, str] = attrs.field(factory=dict)
    added_details: Dict[str, str] = attrs.field(factory=dict)
    attribute_mapping: Dict[str, str] = attrs.field(factory=dict)
    idp_identifiers: List[str] = attrs.field(factory=list)

    @property
    def described_details(self) -> Dict[str, str]:
        shown = {k: v for k, v in self.details.items() if k not in HIDDEN_DETAILS}
        shown.update(self.added_details)
        return dict(sorted(shown.items()))


# -- finding -----------------------------------------------------------------------------------


def provider_of(pool: UserPool, name: str) -> IdentityProvider:
    found = pool.identity_providers.get(name)
    if found is None:
        # The service's wording is unconfirmed.
        raise ResourceNotFoundException(f"Identity provider {name} does not exist.")
    return found


def provider_by_identifier(pool: UserPool, identifier: str) -> IdentityProvider:
    for provider in pool.identity_providers.values():
        if identifier in provider.idp_identifiers:
            return provider
    # The service's wording is unconfirmed.
    raise ResourceNotFoundException(f"Identity provider with identifier {identifier} not found.")


def check_supported(pool: UserPool, names: Sequence[str]) -> None:
    """App clients' SupportedIdentityProviders must name COGNITO or providers of the pool."""
    for name in names:
        if name != COGNITO and name not in pool.identity_providers:
            # Observed: "The provider Google does not exist for User Pool us-east-1_XXXXXXXXX".
            raise InvalidParameterException(
                f"The provider {name} does not exist for User Pool {pool.id}"
            )


# -- creating and changing ---------------------------------------------------------------------


def add_provider(pool: UserPool, provider: IdentityProvider) -> IdentityProvider:
    """Validate ``provider`` (its name, type, details, mapping, identifiers) and add it."""
    if provider.name in pool.identity_providers:
        # Observed in CloudTrail: "<ProviderName> already exists in user pool <userPoolId>".
        raise DuplicateProviderException(f"{provider.name} already exists in user pool {pool.id}")
    _check_name(provider.name, provider.type)
    added = configure(
        pool, provider, provider.details, provider.attribute_mapping, provider.created
    )
    _check_identifiers(pool, provider.name, provider.idp_identifiers)
    if len(pool.identity_providers) >= PROVIDERS_PER_POOL:
        # The quota is documented; the wording is unconfirmed.
        raise LimitExceededException(
            f"The number of identity providers in this user pool has reached the limit of "
            f"{PROVIDERS_PER_POOL}."
        )
    provider.added_details = added
    provider.attribute_mapping = _with_username(provider.type, provider.attribute_mapping)
    pool.identity_providers[provider.name] = provider
    return provider


def update_provider(
    pool: UserPool,
    provider: IdentityProvider,
    details: Optional[Mapping[str, str]],
    mapping: Optional[Mapping[str, str]],
    identifiers: Optional[Sequence[str]],
    now: float,
) -> IdentityProvider:
    """Replace what the request gives (ProviderDetails whole, as CloudFormation and Terraform
    send it), validated as on creation; what it omits stays."""
    new_details = dict(details) if details is not None else provider.details
    new_mapping = (
        _with_username(provider.type, mapping)
        if mapping is not None
        else provider.attribute_mapping
    )
    new_identifiers = list(identifiers) if identifiers is not None else provider.idp_identifiers
    added = configure(pool, provider, new_details, new_mapping, now)
    _check_identifiers(pool, provider.name, new_identifiers)
    provider.details = new_details
    provider.added_details = added
    provider.attribute_mapping = new_mapping
    provider.idp_identifiers = new_identifiers
    provider.last_modified = now
    return provider


def remove_provider(pool: UserPool, name: str) -> None:
    # App clients that name the provider keep the name: the service lets the provider go and
    # refuses the client's next update instead (observed in public infrastructure code).
    del pool.identity_providers[provider_of(pool, name).name]


def _with_username(type_: str, mapping: Mapping[str, str]) -> Dict[str, str]:
    out = dict(mapping)
    if type_ != "SAML":
        # The service maps the federated username to the IdP's subject unless told otherwise
        # (seen as drift by infrastructure tools; unconfirmed in the API reference).
        out.setdefault("username", "sub")
    return out


def _check_name(name: str, type_: str) -> None:
    # Observed: "Provider NameOfGP cannot be of type Google." (a social provider is named by its
    # type); a non-social provider may not take a social provider's name either (unconfirmed).
    if (type_ in SOCIAL_TYPES or name in SOCIAL_TYPES) and name != type_:
        raise InvalidParameterException(f"Provider {name} cannot be of type {type_}.")
    if name.upper() == COGNITO:
        # Reserved for the pool's own directory (wording unconfirmed).
        raise InvalidParameterException(f"Provider name {name} is reserved.")


def configure(
    pool: UserPool,
    provider: IdentityProvider,
    details: Mapping[str, str],
    mapping: Mapping[str, str],
    now: float,
) -> Dict[str, str]:
    """Check ``details`` and ``mapping`` for the provider's type; return the details the service
    adds on describe."""
    missing = [k for k in REQUIRED_DETAILS[provider.type] if not details.get(k)]
    if missing:
        # The service's wording is unconfirmed.
        raise InvalidParameterException(
            f"ProviderDetails of a {provider.type} provider require {', '.join(missing)}."
        )
    for attribute in mapping:
        if attribute not in pool.schema and attribute not in MAPPABLE_EXTRA:
            # The service's wording is unconfirmed.
            raise InvalidParameterException(
                f"Attribute mapping {attribute} does not exist in the user pool schema."
            )
    added = _ADDED[provider.type](details)
    if provider.type == "SAML" and details.get("EncryptedResponses") == "true":
        # The certificate the IdP encrypts assertions with; it stays across updates.
        added["ActiveEncryptionCertificate"] = provider.added_details.get(
            "ActiveEncryptionCertificate"
        ) or self_signed(pool.id, now, ENCRYPTION_KEY)
    return added


def _check_identifiers(pool: UserPool, name: str, identifiers: Sequence[str]) -> None:
    if len(set(identifiers)) != len(identifiers):
        raise InvalidParameterException("Duplicate IdpIdentifiers are not allowed.")
    for other in pool.identity_providers.values():
        if other.name == name:
            continue
        for identifier in identifiers:
            if identifier in other.idp_identifiers:
                # Identifiers name one provider of the pool; the wording is unconfirmed.
                raise DuplicateProviderException(
                    f"Identifier {identifier} already exists in user pool {pool.id}"
                )


# -- what describe adds, per type --------------------------------------------------------------


def _google(details: Mapping[str, str]) -> Dict[str, str]:
    return {
        "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
        "oidc_issuer": "https://accounts.google.com",
        "token_request_method": "POST",
        "token_url": "https://www.googleapis.com/oauth2/v4/token",
    }


def _facebook(details: Mapping[str, str]) -> Dict[str, str]:
    version = details.get("api_version") or FACEBOOK_API_VERSION
    return {
        "api_version": version,
        "attributes_url": f"https://graph.facebook.com/{version}/me?fields=",
        "attributes_url_add_attributes": "true",
        "authorize_url": f"https://www.facebook.com/{version}/dialog/oauth",
        "token_request_method": "GET",
        "token_url": f"https://graph.facebook.com/{version}/oauth/access_token",
    }


def _amazon(details: Mapping[str, str]) -> Dict[str, str]:
    return {
        "attributes_url": "https://api.amazon.com/user/profile",
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://www.amazon.com/ap/oa",
        "token_request_method": "POST",
        "token_url": "https://api.amazon.com/auth/o2/token",
    }


def _apple(details: Mapping[str, str]) -> Dict[str, str]:
    return {
        "attributes_url_add_attributes": "false",
        "authorize_url": "https://appleid.apple.com/auth/authorize",
        "oidc_issuer": "https://appleid.apple.com",
        "token_request_method": "POST",
        "token_url": "https://appleid.apple.com/auth/token",
    }


def _oidc(details: Mapping[str, str]) -> Dict[str, str]:
    method = details["attributes_request_method"]
    if method not in ("GET", "POST"):
        # The service's wording is unconfirmed.
        raise InvalidParameterException("attributes_request_method must be GET or POST.")
    issuer = details["oidc_issuer"].rstrip("/")
    # Endpoints not given: the conventional paths under the issuer, standing in for discovery.
    endpoints = {
        "authorize_url": f"{issuer}/authorize",
        "token_url": f"{issuer}/token",
        "attributes_url": f"{issuer}/userinfo",
        "jwks_uri": f"{issuer}/.well-known/jwks.json",
    }
    added = {k: v for k, v in endpoints.items() if not details.get(k)}
    added["attributes_url_add_attributes"] = "false"
    return added


def _saml(details: Mapping[str, str]) -> Dict[str, str]:
    sources = [k for k in ("MetadataFile", "MetadataURL") if details.get(k)]
    if len(sources) != 1:
        # The service's wording is unconfirmed.
        raise InvalidParameterException(
            "ProviderDetails of a SAML provider require exactly one of MetadataFile and "
            "MetadataURL."
        )
    added: Dict[str, str] = {}
    if sources == ["MetadataFile"]:
        added.update(_redirect_bindings(details["MetadataFile"]))
    return added


def _redirect_bindings(metadata: str) -> Dict[str, str]:
    """The IdP's HTTP-Redirect single sign-on and logout locations from a metadata document."""
    try:
        root = ET.fromstring(metadata)
    except ET.ParseError:
        # The service's wording is unconfirmed.
        raise InvalidParameterException("Could not parse metadata file.") from None
    descriptor = root.find(f".//{{{_SAML_MD}}}IDPSSODescriptor")
    if descriptor is None:
        raise InvalidParameterException("No IDPSSODescriptor found in metadata.")
    out: Dict[str, str] = {}
    for element, key in (
        ("SingleSignOnService", "SSORedirectBindingURI"),
        ("SingleLogoutService", "SLORedirectBindingURI"),
    ):
        for service in descriptor.findall(f"{{{_SAML_MD}}}{element}"):
            if service.get("Binding") == _REDIRECT and service.get("Location"):
                out[key] = service.get("Location", "")
                break
    return out


_ADDED = {
    "Google": _google,
    "Facebook": _facebook,
    "LoginWithAmazon": _amazon,
    "SignInWithApple": _apple,
    "OIDC": _oidc,
    "SAML": _saml,
}
