"""Rules for the site-wide pages, accounts (allauth) and Django's admin."""

from tests.site_rules.rules import (
    LOGIN,
    OK,
    REDIRECT,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
    visitors_only,
)

RULES = {
    "home": everyone(),
    "accessibility": everyone(),
    "privacy": everyone(),
    "cookies": everyone(),
    "contact": everyone(),
    "security_txt": everyone(),
    "dashboard": signed_in(),
    "our_voice": only("our_voice"),
    "staff_home": only("staff"),
    "finance_home": only("finance"),
    "admin_home": only("admin"),
    "system_status": only("admin"),
    # Django's admin: the admin role only; everyone else is sent to its sign-in page.
    "admin:index": Rule(REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, OK),
}

# allauth's pages.
RULES |= {
    "account_login": visitors_only(),
    "account_signup": visitors_only(),
    "account_request_login_code": visitors_only(),
    # Without a code on its way these send people back to start again.
    "account_confirm_login_code": Rule(LOGIN, *[REDIRECT] * 5),
    "account_logout": Rule(REDIRECT, OK, OK, OK, OK, OK),
    "account_inactive": everyone(),
    "account_reauthenticate": signed_in(),
    "account_email": signed_in(),
    "account_email_verification_sent": everyone(),
    "account_confirm_email": everyone(kwargs=lambda w: {"key": "not-a-real-key"}),
    "account_change_password": signed_in(),
    "account_set_password": signed_in(REDIRECT),
    "account_reset_password": everyone(),
    "account_reset_password_done": everyone(),
    "account_reset_password_from_key": everyone(
        kwargs=lambda w: {"uidb36": "zz", "key": "not-a-real-key"}),
    "account_reset_password_from_key_done": everyone(),
    "mfa_index": signed_in(),
    "usersessions_list": signed_in(),
    "mfa_authenticate": Rule(LOGIN, *[REDIRECT] * 5),
    # Changing a second factor first asks people to confirm who they are (REDIRECT to
    # reauthenticate); those without one have nothing to deactivate or view (404).
    "mfa_reauthenticate": Rule(LOGIN, REDIRECT, REDIRECT, OK, OK, OK),
    "mfa_activate_totp": Rule(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_deactivate_totp": Rule(LOGIN, 404, 404, REDIRECT, REDIRECT, REDIRECT),
    "mfa_view_recovery_codes": Rule(LOGIN, 404, 404, REDIRECT, REDIRECT, REDIRECT),
    "mfa_generate_recovery_codes": Rule(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_download_recovery_codes": Rule(LOGIN, 404, 404, REDIRECT, REDIRECT, REDIRECT),
}

FORM_CHECKS = [
    FormCheck(url="account_signup", role="visitor",
              data={"name": "Jo Bloggs", "email": "not-an-email", "password1": "short",
                    "password2": "different"},
              kept=("Jo Bloggs", "not-an-email")),
    FormCheck(url="account_login", role="visitor",
              data={"login": "nobody@test.example", "password": "wrong-password"},
              kept=("nobody@test.example",)),
    FormCheck(url="account_request_login_code", role="visitor", data={"email": "not-an-email"}),
    FormCheck(url="account_reset_password", role="visitor", data={"email": "not-an-email"}),
    FormCheck(url="account_email", role="member",
              data={"action_add": "", "email": "still-not-an-email"},
              kept=("still-not-an-email",)),
    FormCheck(url="account_change_password", role="member",
              data={"oldpassword": "wrong", "password1": "x", "password2": "y"}, kept=()),
    FormCheck(url="mfa_activate_totp", role="member", data={"code": "000000"},
              kept=("000000",)),
]
