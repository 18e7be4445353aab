"""Sessions end: after too long unused (30 minutes for staff, finance and admin; a week for
members), too long after signing in (12 hours; 30 days), when the account is switched off;
and the session key changes when someone signs in."""

import time

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client

from coproduction.middleware import LAST_SEEN_KEY
from tests.conftest import PASSWORD
from tests.site_checks import client_as

MINUTE, HOUR, DAY = 60, 3600, 86400


def age_session(client, *, unused_for=0, signed_in_ago=0):
    session = client.session
    now = time.time()
    session[LAST_SEEN_KEY] = now - unused_for
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = now - signed_in_ago
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def signed_out(response):
    return response.status_code == 302 and response.headers["Location"].startswith(
        "/accounts/login/")


def test_staff_are_signed_out_after_30_minutes_unused(people):
    client = client_as(people.staff)
    age_session(client, unused_for=29 * MINUTE)
    assert client.get("/staff/").status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < MINUTE  # used again: the clock restarts
    age_session(client, unused_for=31 * MINUTE)
    assert signed_out(client.get("/staff/"))
    assert "_auth_user_id" not in client.session


def test_members_stay_signed_in_longer(people):
    client = client_as(people.member)
    age_session(client, unused_for=6 * HOUR, signed_in_ago=6 * HOUR)
    assert client.get("/dashboard/").status_code == 200
    age_session(client, unused_for=8 * DAY, signed_in_ago=8 * DAY)
    assert signed_out(client.get("/dashboard/"))


def test_staff_sign_in_again_after_12_hours_however_busy(people):
    client = client_as(people.finance)
    age_session(client, unused_for=MINUTE, signed_in_ago=13 * HOUR)
    assert signed_out(client.get("/finance/"))


def test_a_switched_off_account_is_signed_out_at_once(people):
    client = client_as(people.member)
    assert client.get("/dashboard/").status_code == 200
    people.member.is_active = False
    people.member.save(update_fields=["is_active"])
    assert signed_out(client.get("/dashboard/"))


def test_the_session_key_changes_at_sign_in(people):
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    client.post("/accounts/login/", {"login": people.member.email, "password": PASSWORD})
    assert client.get("/dashboard/").status_code == 200
    assert client.session.session_key != before


def signed_in_by_password(user, address="127.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_signing_out_on_one_device_signs_out_everywhere(people):
    library, home = signed_in_by_password(people.member), signed_in_by_password(people.member)
    assert home.get("/accounts/sessions/").content.count(b"govuk-table__row") == 3  # head + 2
    library.post("/accounts/logout/")
    assert signed_out(home.get("/dashboard/"))
    assert signed_out(library.get("/dashboard/"))


def test_someone_else_signing_out_ends_only_their_own_sessions(people):
    mine = signed_in_by_password(people.member)
    signed_in_by_password(people.our_voice).post("/accounts/logout/")
    assert mine.get("/dashboard/").status_code == 200


def test_people_can_end_their_other_sessions_from_the_sessions_page(people):
    lost_phone, here = signed_in_by_password(people.member), signed_in_by_password(people.member)
    page = here.get("/accounts/sessions/")
    assert b"Where you are signed in" in page.content and b"This device" in page.content
    here.post("/accounts/sessions/")
    assert signed_out(lost_phone.get("/dashboard/"))
    assert here.get("/dashboard/").status_code == 200


def test_leaving_the_people_bank_ends_every_session(people):
    from people.services import person_anonymise

    other_device = signed_in_by_password(people.member)
    person_anonymise(person=people.member)
    assert signed_out(other_device.get("/dashboard/"))
    from allauth.usersessions.models import UserSession
    assert not UserSession.objects.filter(user=people.member).exists()
