from tests.site_rules.rules import everyone

RULES = {
    "projects:list": everyone(),
}
