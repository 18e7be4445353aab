"""Every URL × every role gives what the declared table says (tests/site_rules), with the
security headers, and shows no canary to a role that may not see it, in the page or in the logs
and emails it made (tests/site_privacy.py)."""

import logging

import pytest
from django.core import mail
from django.test import override_settings

from tests.site_checks import outcome, url_for
from tests.site_privacy import (
    CANARIES,
    logs_showing,
    mail_problems,
    privacy_problems,
    production_hsts,
)
from tests.site_rules import ALL_RULES
from tests.site_rules.rules import ROLES
from tests.urlset import url_names_needing_rules


def test_every_url_has_a_rule():
    names, unnamed = url_names_needing_rules()
    assert not unnamed, f"URL patterns without a name cannot be given a rule: {unnamed}"
    missing = sorted(names - ALL_RULES.keys())
    assert not missing, f"URLs with no rule in tests/site_rules: {missing}"
    stale = sorted(ALL_RULES.keys() - names - {"admin:index"})
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(ALL_RULES))
def test_url_gives_each_role_what_the_table_says(name, site_world, role_clients, caplog):
    rule = ALL_RULES[name]
    url = url_for(name, rule, site_world)
    wrong, exposed = [], []
    caplog.set_level(logging.DEBUG)
    # Secure requests, with production's HSTS settings (the suite runs over plain HTTP).
    with override_settings(**production_hsts()):
        for role in ROLES:
            response = role_clients[role].get(url, secure=True)
            got = outcome(response)
            if got != rule.expected(role):
                wrong.append(f"{role}: expected {rule.expected(role)}, got {got}")
            exposed += privacy_problems(role, response, name)
    assert not wrong, f"{url}: " + "; ".join(wrong)
    assert not exposed, f"{url}: " + "; ".join(exposed)
    assert not logs_showing([value for value, _ in CANARIES.values()], caplog.records)
    assert not mail_problems(mail.outbox, site_world)
