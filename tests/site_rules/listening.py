from tests.site_rules.rules import everyone

RULES = {
    "listening:event_list": everyone(),
    "listening:you_said_we_did": everyone(),
}
