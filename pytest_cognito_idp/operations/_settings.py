"""A CreateUserPool or UpdateUserPool request's settings, read into the typed values the
backend acts on (backend/model/settings.py)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from ..backend.lambdas import TRIGGERS, Triggers
from ..backend.model.settings import (
    DeviceConfiguration,
    InvitationTemplate,
    MessageTemplates,
    PoolSettings,
    Tier,
)
from . import Params


def tier(params: Params) -> Tier:
    given: Tier = params.get("UserPoolTier", "ESSENTIALS")  # the model checked the enum
    return given


def pool_settings(params: Params) -> PoolSettings:
    """The typed settings of a pool's settings as stored: the request's, defaults filled in,
    with the SignInPolicy of its Policies."""
    sign_in = params.get("SignInPolicy") or {}
    recovery = (params.get("AccountRecoverySetting") or {}).get("RecoveryMechanisms") or []
    update = params.get("UserAttributeUpdateSettings") or {}
    add_ons = params.get("UserPoolAddOns") or {}
    return PoolSettings(
        messages=messages(params),
        account_recovery=tuple(
            m["Name"] for m in sorted(recovery, key=lambda m: m.get("Priority", 0))
        ),
        devices=devices(params.get("DeviceConfiguration")),
        first_auth_factors=tuple(sign_in.get("AllowedFirstAuthFactors") or ["PASSWORD"]),
        verify_before_update=tuple(update.get("AttributesRequireVerificationBeforeUpdate") or []),
        advanced_security_mode=str(add_ons.get("AdvancedSecurityMode", "OFF")),
        sms_configured="SmsConfiguration" in params,
    )


def messages(params: Params) -> MessageTemplates:
    template: Dict[str, Any] = params.get("VerificationMessageTemplate") or {}
    invite: Dict[str, Any] = (params.get("AdminCreateUserConfig") or {}).get(
        "InviteMessageTemplate"
    ) or {}
    return MessageTemplates(
        sms_verification=template.get("SmsMessage") or params.get("SmsVerificationMessage"),
        email_verification=template.get("EmailMessage") or params.get("EmailVerificationMessage"),
        email_verification_subject=(
            template.get("EmailSubject") or params.get("EmailVerificationSubject")
        ),
        confirm_with_link=template.get("DefaultEmailOption") == "CONFIRM_WITH_LINK",
        email_by_link=template.get("EmailMessageByLink"),
        email_subject_by_link=template.get("EmailSubjectByLink"),
        sms_authentication=params.get("SmsAuthenticationMessage"),
        invitation=InvitationTemplate(
            email_subject=invite.get("EmailSubject"),
            email_message=invite.get("EmailMessage"),
            sms_message=invite.get("SMSMessage"),
        ),
    )


def triggers(lambda_config: Params) -> Triggers:
    """The trigger ARNs of a LambdaConfig; PreTokenGenerationConfig's ARN and version win over
    PreTokenGeneration's for that trigger."""
    arns = {name: str(lambda_config[name]) for name in TRIGGERS if lambda_config.get(name)}
    token = lambda_config.get("PreTokenGenerationConfig") or {}
    if token.get("LambdaArn"):
        arns["PreTokenGeneration"] = str(token["LambdaArn"])
    return Triggers(arns, str(token.get("LambdaVersion") or "V1_0"))


def devices(given: Optional[Dict[str, Any]]) -> Optional[DeviceConfiguration]:
    if not isinstance(given, dict):
        return None
    return DeviceConfiguration(
        challenge_required_on_new_device=bool(given.get("ChallengeRequiredOnNewDevice", False)),
        device_only_remembered_on_user_prompt=bool(
            given.get("DeviceOnlyRememberedOnUserPrompt", False)
        ),
    )
