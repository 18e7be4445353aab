from tests.site_rules.rules import everyone

RULES = {
    "payments:policy": everyone(),
}
