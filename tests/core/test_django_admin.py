"""Django admin is for configuration and looking things up: people are never deleted there
(that would skip the erasure service), and evidence (roles, consents, audit rows, claims,
batches) cannot be added, changed or deleted there."""

from django.apps import apps

from people.models import Consent, RoleChange, User
from people.services import consent_give
from tests.site_checks import client_as

EVIDENCE = ["people.rolechange", "people.consent", "people.staffaccess", "people.invitation",
            "payments.claim", "payments.paymentbatch"]


def test_people_cannot_be_deleted_in_django_admin(people):
    client = client_as(people.admin)
    member = people.member
    assert client.get(f"/django-admin/people/user/{member.pk}/delete/").status_code == 403
    changelist = client.get("/django-admin/people/user/")
    assert changelist.status_code == 200
    assert "delete_selected" not in changelist.content.decode()
    response = client.post("/django-admin/people/user/",
                           {"action": "delete_selected", "_selected_action": [member.pk],
                            "post": "yes"})
    assert User.objects.filter(pk=member.pk).exists()
    assert response.status_code in (200, 302, 403)


def test_evidence_is_read_only_in_django_admin(people):
    consent_give(person=people.member)
    RoleChange.objects.create(changed_by=people.admin, user=people.staff, role="staff",
                              granted=True)
    client = client_as(people.admin)
    for label in EVIDENCE:
        app_label, model_name = label.split(".")
        model = apps.get_model(app_label, model_name)
        assert client.get(f"/django-admin/{app_label}/{model_name}/add/").status_code == 403
        row = model.objects.first()
        if row is None:
            continue
        base = f"/django-admin/{app_label}/{model_name}/{row.pk}"
        assert client.get(f"{base}/delete/").status_code == 403, label
        page = client.get(f"{base}/change/")
        assert page.status_code == 200, label
        assert 'name="_save"' not in page.content.decode(), label
    consent = Consent.objects.get(person=people.member)
    client.post(f"/django-admin/people/consent/{consent.pk}/change/", {"method": "phone"})
    consent.refresh_from_db()
    assert consent.method != "phone"


def test_the_admin_role_sees_claims_only_with_the_finance_role(people):
    from decimal import Decimal

    from payments.calculation import ClaimValues
    from payments.demo import seed_policy
    from payments.models import ActivityType
    from payments.services import claim_create
    from people.services import involvement_record

    seed_policy()
    involvement = involvement_record(
        person=people.member, kind="project_session", activity_key="t:1", activity_title="Group",
        title="Meeting", starts_at=people.member.date_joined, hours=Decimal(2), source="t:1")
    claim = claim_create(involvement=involvement, made_by=people.member, values=ClaimValues(
        activity_type=ActivityType.objects.get(name="Meeting"), hours=Decimal(2),
        notes="CANARY-claim-note"))
    admin = client_as(people.admin)
    assert admin.get("/django-admin/payments/claim/").status_code == 403
    assert admin.get(f"/django-admin/payments/claim/{claim.pk}/change/").status_code in (302, 403)
    assert "payments/claim/" not in admin.get("/django-admin/").content.decode()
    people.admin.is_finance_officer = True
    people.admin.save(update_fields=["is_finance_officer"])
    page = client_as(people.admin).get(f"/django-admin/payments/claim/{claim.pk}/change/")
    assert page.status_code == 200 and "CANARY-claim-note" in page.content.decode()
