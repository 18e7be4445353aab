"""Every URL × every role gives what the declared table says (tests/site_rules)."""

import pytest

from tests.site_checks import outcome, url_for
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
def test_url_gives_each_role_what_the_table_says(name, site_world, role_clients):
    rule = ALL_RULES[name]
    url = url_for(name, rule, site_world)
    wrong = []
    for role in ROLES:
        got = outcome(role_clients[role].get(url))
        if got != rule.expected(role):
            wrong.append(f"{role}: expected {rule.expected(role)}, got {got}")
    assert not wrong, f"{url}: " + "; ".join(wrong)
