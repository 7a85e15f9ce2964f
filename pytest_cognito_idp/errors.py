"""Modeled cognito-idp errors: one class per error code of the service model.

Every error a fake operation raises is one of these. The live service answers client errors with
HTTP 400 and ``InternalErrorException`` with 500 (see the fact sheet, section 1), whatever the
Smithy model says; the status lives on the class so the wire layer needs no table.
"""

from __future__ import annotations


class CognitoError(Exception):
    """An error the service would return: ``code`` is the ``__type``, ``message`` its text."""

    code = "CognitoError"
    status = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class AccessDeniedException(CognitoError):
    code = "AccessDeniedException"


class AliasExistsException(CognitoError):
    code = "AliasExistsException"


class CachedCIMDURLDoesNotExistException(CognitoError):
    code = "CachedCIMDURLDoesNotExistException"


class CodeDeliveryFailureException(CognitoError):
    code = "CodeDeliveryFailureException"


class CodeMismatchException(CognitoError):
    code = "CodeMismatchException"


class ConcurrentModificationException(CognitoError):
    code = "ConcurrentModificationException"


class DeviceKeyExistsException(CognitoError):
    code = "DeviceKeyExistsException"


class DuplicateProviderException(CognitoError):
    code = "DuplicateProviderException"


class EnableSoftwareTokenMFAException(CognitoError):
    code = "EnableSoftwareTokenMFAException"


class ExpiredCodeException(CognitoError):
    code = "ExpiredCodeException"


class FeatureUnavailableInTierException(CognitoError):
    code = "FeatureUnavailableInTierException"


class ForbiddenException(CognitoError):
    code = "ForbiddenException"


class GroupExistsException(CognitoError):
    code = "GroupExistsException"


class InternalErrorException(CognitoError):
    code = "InternalErrorException"
    status = 500


class InternalServerException(CognitoError):
    code = "InternalServerException"
    status = 500


class InvalidEmailRoleAccessPolicyException(CognitoError):
    code = "InvalidEmailRoleAccessPolicyException"


class InvalidLambdaResponseException(CognitoError):
    code = "InvalidLambdaResponseException"


class InvalidOAuthFlowException(CognitoError):
    code = "InvalidOAuthFlowException"


class InvalidParameterException(CognitoError):
    code = "InvalidParameterException"


class InvalidPasswordException(CognitoError):
    code = "InvalidPasswordException"


class InvalidSmsRoleAccessPolicyException(CognitoError):
    code = "InvalidSmsRoleAccessPolicyException"


class InvalidSmsRoleTrustRelationshipException(CognitoError):
    code = "InvalidSmsRoleTrustRelationshipException"


class InvalidUserPoolConfigurationException(CognitoError):
    code = "InvalidUserPoolConfigurationException"


class LimitExceededException(CognitoError):
    code = "LimitExceededException"


class MFAMethodNotFoundException(CognitoError):
    code = "MFAMethodNotFoundException"


class ManagedLoginBrandingExistsException(CognitoError):
    code = "ManagedLoginBrandingExistsException"


class NotAuthorizedException(CognitoError):
    code = "NotAuthorizedException"


class OperationNotEnabledException(CognitoError):
    code = "OperationNotEnabledException"


class PasswordHistoryPolicyViolationException(CognitoError):
    code = "PasswordHistoryPolicyViolationException"


class PasswordResetRequiredException(CognitoError):
    code = "PasswordResetRequiredException"


class PreconditionNotMetException(CognitoError):
    code = "PreconditionNotMetException"


class RefreshTokenReuseException(CognitoError):
    code = "RefreshTokenReuseException"


class ResourceNotFoundException(CognitoError):
    code = "ResourceNotFoundException"


class ScopeDoesNotExistException(CognitoError):
    code = "ScopeDoesNotExistException"


class ServiceQuotaExceededException(CognitoError):
    code = "ServiceQuotaExceededException"


class SoftwareTokenMFANotFoundException(CognitoError):
    code = "SoftwareTokenMFANotFoundException"


class TermsExistsException(CognitoError):
    code = "TermsExistsException"


class TierChangeNotAllowedException(CognitoError):
    code = "TierChangeNotAllowedException"


class TooManyFailedAttemptsException(CognitoError):
    code = "TooManyFailedAttemptsException"


class TooManyRequestsException(CognitoError):
    code = "TooManyRequestsException"


class UnauthorizedException(CognitoError):
    code = "UnauthorizedException"


class UnexpectedLambdaException(CognitoError):
    code = "UnexpectedLambdaException"


class UnsupportedIdentityProviderException(CognitoError):
    code = "UnsupportedIdentityProviderException"


class UnsupportedOperationException(CognitoError):
    code = "UnsupportedOperationException"


class UnsupportedTokenTypeException(CognitoError):
    code = "UnsupportedTokenTypeException"


class UnsupportedUserStateException(CognitoError):
    code = "UnsupportedUserStateException"


class UserImportInProgressException(CognitoError):
    code = "UserImportInProgressException"


class UserLambdaValidationException(CognitoError):
    code = "UserLambdaValidationException"


class UserNotConfirmedException(CognitoError):
    code = "UserNotConfirmedException"


class UserNotFoundException(CognitoError):
    code = "UserNotFoundException"


class UserPoolAddOnNotEnabledException(CognitoError):
    code = "UserPoolAddOnNotEnabledException"


class UserPoolTaggingException(CognitoError):
    code = "UserPoolTaggingException"


class UsernameExistsException(CognitoError):
    code = "UsernameExistsException"


class WebAuthnChallengeNotFoundException(CognitoError):
    code = "WebAuthnChallengeNotFoundException"


class WebAuthnClientMismatchException(CognitoError):
    code = "WebAuthnClientMismatchException"


class WebAuthnConfigurationMissingException(CognitoError):
    code = "WebAuthnConfigurationMissingException"


class WebAuthnCredentialNotSupportedException(CognitoError):
    code = "WebAuthnCredentialNotSupportedException"


class WebAuthnNotEnabledException(CognitoError):
    code = "WebAuthnNotEnabledException"


class WebAuthnOriginNotAllowedException(CognitoError):
    code = "WebAuthnOriginNotAllowedException"


class WebAuthnRelyingPartyMismatchException(CognitoError):
    code = "WebAuthnRelyingPartyMismatchException"


ERRORS: dict[str, type[CognitoError]] = {cls.code: cls for cls in CognitoError.__subclasses__()}
"""Every modeled error class by its code."""


class OperationNotSupported(NotImplementedError):
    """The operation is in the service model but pytest-cognito-idp does not implement it yet
    (not a service error: the fake's own limit, named so a test can tell)."""
