"""Plain words on the people pages."""

from django.urls import reverse

from people.services import consent_give


def test_someone_already_in_the_people_bank_is_told_so_and_not_asked_to_join_again(
        client_for, member):
    client = client_for(member)
    html = client.get(reverse("people:consent")).content.decode()
    assert "If you join," in html and "I agree to join the people bank" in html
    consent_give(person=member)
    html = client.get(reverse("people:consent")).content.decode()
    assert "You are already in the people bank." in html
    assert "If you join," not in html and "I agree to join the people bank" not in html
    assert f'href="{reverse("people:consent_withdraw")}">leave the people bank</a>' in html
