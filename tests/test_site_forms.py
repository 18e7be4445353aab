"""Bad input to every form: a GOV.UK error summary linking to real fields, what was typed
kept, and nothing saved."""

import pytest

from tests.site_checks import error_summary_links, url_for
from tests.site_rules import ALL_FORM_CHECKS


def _label(check):
    return f"{check.url}-as-{check.role}"


@pytest.mark.parametrize("check", ALL_FORM_CHECKS, ids=_label)
def test_bad_input_is_explained_kept_and_not_saved(check, site_world, role_clients):
    url = url_for(check.url, check, site_world)
    client = role_clients.reauthenticated[check.role]
    before = {model: model.objects.count() for model in check.unchanged}

    response = client.post(url, {**check.data, **check.files})

    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    html = response.content.decode()
    links = error_summary_links(html)
    assert links, "no GOV.UK error summary with links"
    for fragment in links:
        assert f'id="{fragment}"' in html, f"error summary links to #{fragment}, not on the page"
    assert html.count("govuk-error-message") >= 1, "no error message by the field"
    assert "<title>Error: " in html, "the page title does not start with 'Error:'"
    kept = check.kept
    if kept is None:
        kept = [value for key, value in check.data.items()
                if isinstance(value, str) and value and "password" not in key]
    for value in kept:
        assert f'value="{value}"' in html or f">{value}</textarea>" in html, f"lost {value!r}"
    for message in check.errors:
        assert message in html
    for model, count in before.items():
        assert model.objects.count() == count, f"{model.__name__} rows were saved"
