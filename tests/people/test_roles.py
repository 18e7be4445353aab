"""Admins grant and remove roles on one page; every change is recorded and visible."""

from people.models import Role, RoleChange, User
from people.services import user_set_roles
from tests.site_checks import client_as


def test_admin_grants_and_removes_roles_and_each_change_is_recorded(people):
    admin, person = people.admin, people.member
    client = client_as(admin)

    response = client.post(f"/admin-area/roles/{person.pk}/", {"roles": ["our_voice", "staff"]})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.roles == [Role.MEMBER, Role.OUR_VOICE, Role.STAFF]

    client.post(f"/admin-area/roles/{person.pk}/", {"roles": ["our_voice"]})
    person.refresh_from_db()
    assert not person.has_role(Role.STAFF)

    changes = list(RoleChange.objects.filter(user=person).order_by("id")
                   .values_list("role", "granted", "changed_by"))
    assert changes == [("our_voice", True, admin.pk), ("staff", True, admin.pk),
                       ("staff", False, admin.pk)]
    log = client.get("/admin-area/roles/changes/").content.decode()
    assert log.count(f'<td class="govuk-table__cell">{person.email}</td>') == 3
    assert "Staff taken away" in log


def test_saving_the_same_roles_records_nothing(people):
    assert user_set_roles(changed_by=people.admin, user=people.our_voice,
                          roles={Role.OUR_VOICE}) == []
    assert not RoleChange.objects.exists()


def test_role_list_searches_and_filters(people):
    client = client_as(people.admin)
    html = client.get("/admin-area/roles/", {"role": "finance"}).content.decode()
    assert people.finance.email in html and people.member.email not in html
    html = client.get("/admin-area/roles/", {"q": "Olu"}).content.decode()
    assert people.our_voice.email in html and people.staff.email not in html


def test_role_list_query_count_does_not_grow_with_people(people, django_assert_max_num_queries):
    client = client_as(people.admin)
    User.objects.bulk_create(User(email=f"p{i}@test.example") for i in range(120))
    # session, user, second-factor check, count, page of people
    with django_assert_max_num_queries(6):
        response = client.get("/admin-area/roles/")
    assert response.status_code == 200
    assert "125 people" in response.content.decode()


def test_a_removed_role_closes_its_pages_at_once(people):
    client = client_as(people.staff)
    assert client.get("/staff/").status_code == 200
    user_set_roles(changed_by=people.admin, user=people.staff, roles=set())
    assert client.get("/staff/").status_code == 403
