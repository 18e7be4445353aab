"""Making a claim in short steps (payments.steps): one question a page, only the steps that
apply, everything typed kept on the draft between steps, no JavaScript needed; staff claiming
for someone use the same steps."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from payments.models import Claim, Receipt
from payments.services import claim_decide
from people.models import Notification
from tests.payments.conftest import make_claim, make_involvement, png

Status = Claim.Status
pytestmark = pytest.mark.django_db


def step_url(claim, step):
    return reverse("payments:claim_step", args=[claim.pk, step])


def check_url(claim):
    return reverse("payments:claim_edit", args=[claim.pk])


def start(client, involvement, activity):
    """Answers the first step; gives the new draft and where it went next."""
    response = client.post(reverse("payments:claim_new", args=[involvement.pk]),
                           {"activity_type": activity.pk})
    assert response.status_code == 302, response.content.decode()
    claim = Claim.objects.get(involvement=involvement)
    return claim, response.url


def answer(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    return response.url


def test_the_whole_journey_one_question_a_page(client_for, member, policy, involvement):
    client = client_for(member)
    # Nothing is saved by looking at the first step.
    first = client.get(reverse("payments:claim_new", args=[involvement.pk]))
    assert first.status_code == 200 and "What did you do?" in first.content.decode()
    assert not Claim.objects.exists()
    claim, url = start(client, involvement, policy["meeting"])
    assert claim.status == Status.DRAFT and url == step_url(claim, "time")
    url = answer(client, url, {"hours": "2"})
    assert url == step_url(claim, "payment")
    url = answer(client, url, {"payment_choice": "full"})
    assert url == step_url(claim, "costs")  # no follow-up question for "full"
    url = answer(client, url, {"expense_types": [policy["mileage"].pk, policy["bus"].pk]})
    assert url == step_url(claim, "cost-details")
    page = client.get(url).content.decode()
    # Only the questions for the costs chosen: miles for mileage, an amount for the bus.
    assert 'name="expense_1_miles"' in page and 'name="expense_2_amount"' in page
    assert 'name="expense_1_amount"' not in page and "Taxi" not in page
    url = answer(client, url, {"expense_1_miles": "10", "expense_2_amount": "4.80",
                               "expense_2_details": "Return bus"})
    assert url == step_url(claim, "receipts")
    url = answer(client, url, {"action": "continue", "receipt": png()})
    assert url == step_url(claim, "notes")
    url = answer(client, url, {"notes": "My carer came too"})
    assert url == check_url(claim)
    check = client.get(url).content.decode()
    # 2 hours at £16 (the demo rate since 6 April 2026), 10 miles at 45p and the bus.
    assert "£32.00" in check and "£4.50" in check and "£4.80" in check and "£41.30" in check
    assert "My carer came too" in check and "1 added" in check
    response = client.post(url)
    assert response.url == reverse("payments:claim_detail", args=[claim.pk])
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED and claim.notes == "My carer came too"
    assert sorted(line.amount for line in claim.lines.all()) == [
        Decimal("4.50"), Decimal("4.80"), Decimal("32.00")]
    assert Notification.objects.filter(person=member, subject="We have your claim").exists()


def test_a_receipt_chosen_before_continuing_is_kept(client_for, member, policy, involvement):
    """The old form dropped receipts chosen before "Work out my total"."""
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    answer(client, step_url(claim, "costs"), {"expense_types": [policy["bus"].pk]})
    answer(client, step_url(claim, "cost-details"), {"expense_1_amount": "4.80"})
    # "Add this receipt" keeps it and stays; "Save and continue" with a file keeps it too.
    assert answer(client, step_url(claim, "receipts"),
                  {"action": "upload", "receipt": png()}) == step_url(claim, "receipts")
    answer(client, step_url(claim, "receipts"), {"action": "continue", "receipt": png()})
    assert Receipt.objects.filter(claim=claim).count() == 2
    assert "Receipt 2 (PNG)" in client.get(step_url(claim, "receipts")).content.decode()


def test_a_cost_that_needs_a_receipt_cannot_be_sent_without_one(client_for, member, policy,
                                                                 involvement):
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    answer(client, step_url(claim, "costs"), {"expense_types": [policy["bus"].pk]})
    answer(client, step_url(claim, "cost-details"), {"expense_1_amount": "4.80"})
    assert "Add a receipt for: Bus or train fares" in client.get(
        check_url(claim)).content.decode()
    response = client.post(check_url(claim))
    assert response.status_code == 200
    assert "Add a receipt for: Bus or train fares" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Status.DRAFT


def test_only_the_steps_that_apply(client_for, member, policy):
    client = client_for(member)
    # A fixed amount: no question about time.
    claim, url = start(client, make_involvement(member), policy["speaking"])
    assert url == step_url(claim, "payment")
    assert client.get(step_url(claim, "time")).url == step_url(claim, "payment")
    # Training is not paid for time: straight to costs; no costs, no receipts: to the notes.
    claim, url = start(client, make_involvement(member), policy["training"])
    assert url == step_url(claim, "costs")
    assert answer(client, url, {"expense_types": [policy["mileage"].pk]}) == step_url(
        claim, "cost-details")
    # Mileage needs no receipt.
    assert answer(client, step_url(claim, "cost-details"),
                  {"expense_1_miles": "12"}) == step_url(claim, "notes")
    # Vouchers: one question about which ones, and only then.
    claim, _ = start(client, make_involvement(member), policy["meeting"])
    answer(client, step_url(claim, "time"), {"hours": "2"})
    assert answer(client, step_url(claim, "payment"), {"payment_choice": "vouchers"}) == \
        step_url(claim, "payment-details")
    page = client.get(step_url(claim, "payment-details")).content.decode()
    assert 'name="voucher_option"' in page and 'name="charity_name"' not in page
    answer(client, step_url(claim, "payment-details"), {"voucher_option": policy["gift"].pk})
    claim.refresh_from_db()
    assert claim.lines.get().category == "voucher"


def test_what_was_typed_is_kept_between_steps(client_for, member, policy, involvement):
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    answer(client, step_url(claim, "time"), {"hours": "3.5"})
    answer(client, step_url(claim, "payment"), {"payment_choice": "charity"})
    answer(client, step_url(claim, "payment-details"), {"charity_name": "Carers UK"})
    # Going back shows every answer again.
    assert 'value="3.5"' in client.get(step_url(claim, "time")).content.decode()
    assert re.search(r'value="charity"\s*checked',
                     client.get(step_url(claim, "payment")).content.decode())
    assert 'value="Carers UK"' in client.get(
        step_url(claim, "payment-details")).content.decode()
    assert re.search(rf'value="{policy["meeting"].pk}"\s*checked',
                     client.get(step_url(claim, "activity")).content.decode())


def test_a_change_from_check_your_answers_comes_back_to_it(client_for, member, policy):
    client = client_for(member)
    claim = make_claim(member, policy, miles="10", submit=False)
    assert answer(client, step_url(claim, "time"), {"hours": "3"}) == check_url(claim)
    claim.refresh_from_db()
    assert claim.lines.get(category="payment").amount == Decimal("48.00")
    # A change that needs a new answer asks it first: costs → how much.
    assert answer(client, step_url(claim, "costs"),
                  {"expense_types": [policy["mileage"].pk, policy["meals"].pk]}) == \
        step_url(claim, "cost-details")
    page = client.get(step_url(claim, "cost-details")).content.decode()
    assert 'name="expense_1_miles" value="10"' in page  # the mileage typed before is kept


def test_step_errors_are_plain_english_and_keep_what_was_typed(client_for, member, policy,
                                                                involvement):
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    html = client.post(step_url(claim, "time"), {"hours": "two"}).content.decode()
    assert "Enter the number of hours as a number, for example 2.5" in html
    assert 'value="two"' in html
    html = client.post(step_url(claim, "time"), {"hours": "-1"}).content.decode()
    assert "Enter the number of hours as 0 or more" in html
    assert "Ensure this value" not in html
    answer(client, step_url(claim, "costs"), {"expense_types": [policy["mileage"].pk]})
    html = client.post(step_url(claim, "cost-details"), {"expense_1_miles": ""}).content.decode()
    assert "Enter the number of miles you drove, for example 12" in html
    # "Pay me less" checks the amount against the full payment, on its own page.
    answer(client, step_url(claim, "payment"), {"payment_choice": "less"})
    html = client.post(step_url(claim, "payment-details"),
                       {"less_amount": "500"}).content.decode()
    assert "Enter an amount less than £32.00" in html


def test_recognition_preference_chooses_the_starting_option(client_for, member, policy,
                                                            involvement, monkeypatch):
    monkeypatch.setattr("people.selectors.recognition_preference", lambda person: "vouchers")
    monkeypatch.setattr("payments.views.recognition_preference", lambda person: "vouchers")
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    html = client.get(step_url(claim, "payment")).content.decode()
    assert re.search(r'value="vouchers"\s*checked', html)
    assert "You told us you prefer vouchers" in html


def test_the_hours_start_from_the_activity(client_for, member, policy):
    involvement = make_involvement(member, hours="3.5")
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    assert 'name="hours" value="3.50"' in client.get(step_url(claim, "time")).content.decode()


def test_staff_claim_for_someone_with_the_same_steps(client_for, member, staff, policy,
                                                     involvement):
    client = client_for(staff)
    claim, url = start(client, involvement, policy["meeting"])
    assert (claim.person, claim.made_by, claim.on_behalf) == (member, staff, True)
    assert "Claim for Mo Member" in client.get(url).content.decode()
    answer(client, step_url(claim, "costs"), {"expense_types": []})
    client.post(check_url(claim))
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert "made by" in client.get(reverse("payments:approvals")).content.decode()


def test_nobody_else_answers_the_steps(client_for, member, another_member, staff, policy):
    claim = make_claim(member, policy, submit=False)
    for user in (another_member, staff):
        assert client_for(user).get(step_url(claim, "time")).status_code == 404
        assert client_for(user).post(step_url(claim, "time"), {"hours": "9"}).status_code == 404
    assert client_for(member).get(step_url(claim, "no-such-step")).status_code == 404
    claim.refresh_from_db()
    assert claim.lines.get(category="payment").amount == Decimal("32.00")


def test_a_returned_claim_is_changed_and_sent_again(client_for, member, staff, policy):
    claim = make_claim(member, policy, miles="10")
    claim_decide(claim=claim, by=staff, decision=Status.RETURNED, reason="Say where from")
    client = client_for(member)
    check = client.get(check_url(claim)).content.decode()
    assert "Say where from" in check and "10 miles" in check
    assert answer(client, step_url(claim, "cost-details"),
                  {"expense_1_miles": "12", "expense_1_details": "From Carrow"}) == \
        check_url(claim)
    assert client.post(check_url(claim)).status_code == 302
    claim.refresh_from_db()
    assert claim.status == Status.SUBMITTED
    assert claim.lines.get(category="expense").amount == Decimal("5.40")
    # Staff cannot change a member's claim; nobody changes one waiting for approval.
    assert client_for(staff).get(check_url(claim)).status_code == 404
    assert client.get(check_url(claim)).status_code == 404
    assert client.get(step_url(claim, "time")).status_code == 404


def test_opening_a_claim_again_continues_the_draft(client_for, member, policy, involvement):
    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    response = client.get(reverse("payments:claim_new", args=[involvement.pk]))
    assert response.url == check_url(claim)


# --- "Your claim so far", worked out on the server ---

def test_the_claim_so_far_is_worked_out_on_the_server_and_saves_nothing(
        client_for, member, another_member, staff, policy):
    claim = make_claim(member, policy, miles="10", submit=False)  # 2 hours and 10 miles
    client = client_for(member)
    url = reverse("payments:claim_so_far", args=[claim.pk])
    typed = client.get(url, {"step": "time", "hours": "3"}).json()
    assert typed == {"lines": [{"description": "Meeting: 3 hours", "amount": "£48.00"},
                               {"description": "Mileage: 10 miles", "amount": "£4.50"}],
                     "total": "£52.50", "problems": []}
    miles = client.get(url, {"step": "cost-details", "expense_1_miles": "20"}).json()
    assert miles["total"] == "£41.00"
    vouchers = client.get(url, {"step": "payment", "payment_choice": "none"}).json()
    assert vouchers["total"] == "£4.50"
    # What is not yet right says so, in the same words as the step.
    assert client.get(url, {"step": "time", "hours": "two"}).json()["problems"] == [
        "Enter the number of hours as a number, for example 2.5"]
    claim.refresh_from_db()
    assert claim.answers["hours"] == "2" and claim.lines.get(category="payment").amount == \
        Decimal("32.00")
    for user in (another_member, staff):
        assert client_for(user).get(url, {"step": "time", "hours": "3"}).status_code == 404


def test_the_step_page_shows_the_claim_so_far_without_javascript(client_for, member, policy):
    claim = make_claim(member, policy, miles="10", submit=False)
    html = client_for(member).get(step_url(claim, "cost-details")).content.decode()
    assert 'id="claim-so-far"' in html and "£36.50" in html
    assert f'data-so-far-url="/payments/claims/{claim.pk}/so-far/?step=cost-details"' in html
    assert "payments/claim-so-far.js" in html


def test_a_bad_receipt_on_its_step_is_explained_and_nothing_is_kept(client_for, member, policy,
                                                                     involvement):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(member)
    claim, _ = start(client, involvement, policy["meeting"])
    answer(client, step_url(claim, "costs"), {"expense_types": [policy["bus"].pk]})
    answer(client, step_url(claim, "cost-details"), {"expense_1_amount": "4.80"})
    response = client.post(step_url(claim, "receipts"), {"action": "continue", "receipt":
                           SimpleUploadedFile("r.pdf", b"not a pdf", "application/pdf")})
    html = response.content.decode()
    assert response.status_code == 200 and "The selected file must be a PDF, JPEG or PNG" in html
    assert "govuk-error-summary" in html and not Receipt.objects.exists()
