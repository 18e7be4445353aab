"""Bad input never gives a server error: every URL, as every role, with nonsense in the query
string, and with an empty and a nonsense form posted to it."""

import traceback

import pytest

from tests.site_checks import url_for
from tests.site_rules import ALL_RULES
from tests.site_rules.rules import ROLES

# Every query parameter the site's filters, pages and downloads read, with values no form
# would send.
JUNK_QUERY = ("page=-1&q=%00%27%22<script>&topic=abc&area=999999&status=nope&when=soon"
              "&format=exe&sort=drop&date_from=2026-13-45&date_to=yesterday&theme=x&question=7"
              "&event=-3&mode=both&time=never&paid=maybe&role=king&project=%20&kind=?&next=//x")
JUNK_FORM = {"email": "not-an-email", "amount": "£lots", "date": "31/02/2026", "pk": "x",
             "roles": "emperor", "status": "<b>", "hours": "-1e999", "page": "NaN",
             "action": "explode", "ids": ["1", "x", ""], "code": "' OR 1=1 --"}


@pytest.mark.parametrize("name", sorted(ALL_RULES))
def test_no_url_gives_a_server_error_for_bad_input(name, site_world, role_clients):
    rule = ALL_RULES[name]
    url = url_for(name, rule, site_world)
    separator = "&" if "?" in url else "?"
    errors = []
    for role in ROLES:
        client = role_clients.reauthenticated[role]
        for method, send, path, data in (
            ("GET junk", client.get, f"{url}{separator}{JUNK_QUERY}", None),
            ("POST empty", client.post, url, {}),
            ("POST junk", client.post, url, JUNK_FORM),
        ):
            try:
                status = send(path, data).status_code
            except Exception as error:  # the test client re-raises what the view raised
                where = traceback.extract_tb(error.__traceback__)[-1]
                errors.append(f"{role} {method}: {error!r} at {where.filename}:{where.lineno}")
                continue
            if status >= 500:
                errors.append(f"{role} {method}: {status}")
    assert not errors, f"{url}: " + "; ".join(errors)
