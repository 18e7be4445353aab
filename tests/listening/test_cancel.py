"""'Cancel my place' asks first: the link opens "Are you sure?", and only its button cancels."""

import pytest
from django.urls import reverse

from listening.models import Registration
from listening.services import registration_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_cancel_my_place_asks_before_it_cancels(client_for, member, event):
    registration = registration_create(event=event, person=member)
    client = client_for(member)
    url = reverse("listening:registration_cancel", args=[event.pk])

    detail = client.get(event.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail and "Cancel my place" in detail

    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Are you sure you want to cancel your place?" in content
    assert "Yes, cancel my place" in content and "No, keep my place" in content
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED, "looking must not cancel"

    response = client.post(url)
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED


def test_leaving_the_waiting_list_says_so(client_for, member, staff):
    from tests.listening.conftest import make_event

    event = make_event(staff, capacity=1, title="Small room")
    registration_create(event=event, person=make_user("first@test.example"))
    registration_create(event=event, person=member)
    page = client_for(member).get(reverse("listening:registration_cancel", args=[event.pk]))
    assert "Are you sure you want to leave the waiting list?" in page.content.decode()


def test_people_not_booked_are_sent_back_to_the_event(client_for, member, event):
    response = client_for(member).get(reverse("listening:registration_cancel", args=[event.pk]))
    assert response.status_code == 302 and response.url == event.get_absolute_url()
