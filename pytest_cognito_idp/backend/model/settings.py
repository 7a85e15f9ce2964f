"""The pool settings the fake acts on, as typed values.

CreateUserPool and UpdateUserPool give them as PascalCase structures; operations/ reads those
into the records here, and the backend reads only the records. The structures themselves are
kept as given on ``UserPool.settings`` for DescribeUserPool to echo.
"""

from __future__ import annotations

from typing import Literal, Optional, Tuple

import attrs

# The feature plans (UserPoolTier), cheapest first; a new pool is on Essentials (documented).
Tier = Literal["LITE", "ESSENTIALS", "PLUS"]
TIERS: Tuple[Tier, ...] = ("LITE", "ESSENTIALS", "PLUS")


@attrs.frozen
class InvitationTemplate:
    """AdminCreateUserConfig.InviteMessageTemplate; None where the pool gave no text."""

    email_subject: Optional[str] = None
    email_message: Optional[str] = None
    sms_message: Optional[str] = None


@attrs.frozen
class MessageTemplates:
    """The texts of the messages the pool sends; None (or empty) means the service's default.

    A verification text is VerificationMessageTemplate's, else the older top-level setting
    (SmsVerificationMessage, EmailVerificationMessage, EmailVerificationSubject).
    """

    sms_verification: Optional[str] = None
    email_verification: Optional[str] = None
    email_verification_subject: Optional[str] = None
    # VerificationMessageTemplate.DefaultEmailOption == CONFIRM_WITH_LINK, and its link texts.
    confirm_with_link: bool = False
    email_by_link: Optional[str] = None
    email_subject_by_link: Optional[str] = None
    sms_authentication: Optional[str] = None
    invitation: InvitationTemplate = InvitationTemplate()


@attrs.frozen
class DeviceConfiguration:
    """DeviceConfiguration: present when the pool remembers devices."""

    challenge_required_on_new_device: bool = False
    # The user must opt in (UpdateDeviceStatus) before a confirmed device is remembered.
    device_only_remembered_on_user_prompt: bool = False


@attrs.frozen
class MfaFactors:
    """The factors SetUserPoolMfaConfig configured, as the fake acts on them."""

    # Whether the call configured any factor at all (until then, a pool that turned MFA on
    # with CreateUserPool or UpdateUserPool uses SMS when it has SMS settings).
    configured: bool = False
    sms: bool = False  # SmsMfaConfiguration given
    software_token: bool = False  # SoftwareTokenMfaConfiguration.Enabled
    email: bool = False  # EmailMfaConfiguration given
    # EmailMfaConfiguration's Subject and Message (for MFA and sign-in codes alike).
    email_subject: Optional[str] = None
    email_message: Optional[str] = None
    # WebAuthnConfiguration: the passkeys' relying party (None: the pool's domain) and user
    # verification.
    relying_party_id: Optional[str] = None
    user_verification: str = "preferred"


@attrs.frozen
class PoolSettings:
    """What the backend acts on of a pool's settings (everything else is only echoed)."""

    messages: MessageTemplates = MessageTemplates()
    # AccountRecoverySetting's mechanisms (verified_email, verified_phone_number, admin_only)
    # by priority; empty when the pool has no setting.
    account_recovery: Tuple[str, ...] = ()
    devices: Optional[DeviceConfiguration] = None
    # SignInPolicy.AllowedFirstAuthFactors.
    first_auth_factors: Tuple[str, ...] = ("PASSWORD",)
    # UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate.
    verify_before_update: Tuple[str, ...] = ()
    # UserPoolAddOns.AdvancedSecurityMode: OFF, AUDIT or ENFORCED.
    advanced_security_mode: str = "OFF"
    # SmsConfiguration given (by CreateUserPool, UpdateUserPool or SetUserPoolMfaConfig).
    sms_configured: bool = False
