"""Finance: payment batches, the CSV, never paying a claim twice, marking paid."""

import csv
import io
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.urls import reverse

from payments.models import BatchItem, Claim, PaymentBatch
from payments.services import batch_create, batch_mark_paid, claim_decide, payee_set
from people.models import Notification
from tests.at_once import postgresql_only, run_at_once
from tests.conftest import make_user
from tests.payments.conftest import make_claim

D = Decimal
Status = Claim.Status
Choice = Claim.PaymentChoice


def approved_claim(person, staff, policy, **kwargs):
    claim = make_claim(person, policy, **kwargs)
    return claim_decide(claim=claim, by=staff, decision=Status.APPROVED)


@pytest.fixture
def ready(db, member, another_member, staff, finance_user, policy):
    payee_set(person=member, by=finance_user, reference="NCC-100")
    payee_set(person=another_member, by=finance_user, reference="NCC-200")
    return [
        approved_claim(member, staff, policy, hours="2", miles="10"),  # £32 + £4.50
        approved_claim(member, staff, policy, hours="1", payment_choice=Choice.VOUCHERS,
                       voucher_option=policy["gift"]),  # 2 × £10 vouchers
        approved_claim(another_member, staff, policy, hours="1",
                       payment_choice=Choice.CHARITY, charity_name="Carers UK"),  # £16
    ]


def rows(data):
    return list(csv.reader(io.StringIO(bytes(data).decode("utf-8-sig"))))


@pytest.mark.django_db
def test_batch_csv_has_one_row_per_payee_and_vouchers_separately(client_for, ready,
                                                                  finance_user):
    batch = batch_create(by=finance_user)
    assert (batch.claim_count, batch.total) == (3, D("72.50"))
    assert Claim.objects.filter(status=Status.BATCHED).count() == 3
    table = rows(batch.csv)
    assert table[0][:4] == ["Batch", "Line", "Payee reference", "Payee name"]
    body = [row[1:] for row in table[1:]]
    assert ["Payment", "NCC-100", "Mo Member", "2", "32.00", "4.50", "36.50",
            "", "", "", "", ""] in body
    assert ["Vouchers", "NCC-100", "Mo Member", "", "", "", "", "High street gift card", "2",
            "20.00", "", ""] in body
    assert ["Charity", "NCC-200", "Ann Other", "", "", "", "", "", "", "", "Carers UK",
            "16.00"] in body
    assert body[-1][:7] == ["Total", "", "", "3", "32.00", "4.50", "36.50"]
    # Downloading again gives the identical file.
    url = reverse("payments:batch_csv", args=[batch.pk])
    first = client_for(finance_user).get(url)
    second = client_for(finance_user).get(url)
    assert first.content == second.content == bytes(batch.csv)
    assert first["Content-Disposition"] == f'attachment; filename="payment-batch-{batch.pk}.csv"'


@pytest.mark.django_db
def test_a_claim_is_never_in_two_batches(ready, finance_user):
    batch = batch_create(by=finance_user)
    with pytest.raises(ValidationError):
        batch_create(by=finance_user)  # nothing left to batch
    other = PaymentBatch.objects.create(created_by=finance_user, csv=b"")
    with pytest.raises(IntegrityError), transaction.atomic():
        BatchItem.objects.create(batch=other, claim=ready[0])
    assert BatchItem.objects.filter(claim=ready[0]).get().batch == batch


@pytest.mark.django_db
def test_chosen_claims_and_payee_references(client_for, ready, finance_user, staff, policy):
    batch = batch_create(by=finance_user, claim_ids=[ready[0].pk])
    assert list(batch.items.values_list("claim", flat=True)) == [ready[0].pk]
    no_reference = make_user("noref@test.example", "Nora Ref")
    approved_claim(no_reference, staff, policy)
    with pytest.raises(ValidationError, match="Nora Ref"):
        batch_create(by=finance_user)
    assert PaymentBatch.objects.count() == 1


@pytest.mark.django_db
def test_only_finance_makes_and_pays_batches(ready, staff, member, client_for):
    for user in (staff, member):
        with pytest.raises(PermissionDenied):
            batch_create(by=user)
    assert client_for(staff).post(reverse("payments:finance_claims"),
                                  {"all": "1"}).status_code == 403
    assert not PaymentBatch.objects.exists()


@pytest.mark.django_db
def test_marking_a_batch_paid_pays_its_claims_and_tells_the_claimants(client_for, ready,
                                                                      finance_user, member):
    response = client_for(finance_user).post(reverse("payments:finance_claims"), {"all": "1"})
    batch = PaymentBatch.objects.get()
    assert response.url == reverse("payments:batch_detail", args=[batch.pk])
    client_for(finance_user).post(reverse("payments:batch_paid", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == PaymentBatch.Status.PAID and batch.paid_by == finance_user
    assert set(Claim.objects.values_list("status", flat=True)) == {Status.PAID}
    assert Notification.objects.filter(person=member, subject="Your claim has been paid"
                                       ).count() == 2
    batch_mark_paid(batch=batch, by=finance_user)  # again: nothing changes, nobody told twice
    assert Notification.objects.filter(subject="Your claim has been paid").count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_exports_at_once_never_pay_a_claim_twice(ready, finance_user):
    """Two finance officers press "make a batch" at the same moment. On PostgreSQL the second
    waits on the row locks; on SQLite on the database's write lock. Either way one batch gets
    every claim and the other gets none."""
    barrier = threading.Barrier(2)
    outcomes = []

    def export():
        close_old_connections()
        try:
            barrier.wait()
            outcomes.append(batch_create(by=finance_user).pk)
        except (ValidationError, IntegrityError) as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=export) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    batches = [o for o in outcomes if isinstance(o, int)]
    # One export made the batch; the other waited, then found nothing left to pay.
    assert len(batches) == 1 and "ValidationError" in outcomes, outcomes
    assert BatchItem.objects.count() == 3
    assert PaymentBatch.objects.get().claim_count == 3
    assert Claim.objects.filter(status=Status.BATCHED).count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("url_name,role", [("payments:approvals", "staff"),
                                           ("payments:finance_claims", "finance"),
                                           ("payments:batch_list", "finance"),
                                           ("payments:claim_list", "member")])
def test_list_pages_run_a_bounded_number_of_queries(client_for, people, policy, url_name, role,
                                                    django_assert_max_num_queries):
    """The same queries for 3 claims as for 30: session, user, count, page of rows (amounts
    annotated, people joined), the panels' and messages' own."""
    user = getattr(people, role)

    def add(count):
        for n in range(count):
            person = make_user(f"p{count}-{n}@test.example", f"Person {n}")
            claim = make_claim(person, policy, hours="1", miles="3")
            if role == "finance":
                claim_decide(claim=claim, by=people.staff, decision=Status.APPROVED)
                payee_set(person=person, by=people.finance, reference=f"R{count}-{n}")
        if url_name == "payments:batch_list":
            batch_create(by=people.finance)
        if role == "member":
            for _ in range(count):
                make_claim(people.member, policy, hours="1")

    client = client_for(user)
    url = reverse(url_name)
    add(3)
    with django_assert_max_num_queries(12) as few:
        assert client.get(url).status_code == 200
    add(30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_one_claim_at_once_give_one_approval(member, staff, second_staff,
                                                              policy):
    """Two officers press "approve" on the same claim at the same moment: one approval is
    recorded and the claimant is told once; the other officer is refused."""
    claim = make_claim(member, policy)
    errors = run_at_once(
        lambda: claim_decide(claim=claim, by=staff, decision=Status.APPROVED),
        lambda: claim_decide(claim=claim, by=second_staff, decision=Status.APPROVED))
    assert len(errors) == 1 and isinstance(errors[0], ValidationError | PermissionDenied), errors
    claim.refresh_from_db()
    assert claim.status == Status.APPROVED
    assert claim.events.filter(to_status=Status.APPROVED).count() == 1
    assert Notification.objects.filter(person=member,
                                       subject="Your claim is approved").count() == 1
