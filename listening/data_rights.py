"""Listening's part of a member's data rights (people.data_rights): what "download my data"
shows, and what happens to listening records when an account is deleted."""


def registrations_for_person(person) -> list[dict]:
    from listening.models import Registration

    return [{"Event": r.event.title, "Date": r.event.starts_at, "Status": r.get_status_display(),
             "Came": "Yes" if r.attended else "No", "Access needs": r.access_needs}
            for r in Registration.objects.filter(person=person).select_related("event")]


def feedback_for_person(person) -> list[dict]:
    from listening.models import FeedbackItem

    return [{"Said": item.text, "Question": item.get_question_display(),
             "Event": item.event.title if item.event else "", "Date": item.created_at,
             "May quote": "Yes" if item.consent_to_quote else "No"}
            for item in FeedbackItem.objects.filter(person=person).select_related("event")]


def erase(person) -> None:
    """What people said stays, anonymous (it shaped commitments); their bookings go."""
    from listening.models import FeedbackItem, Registration

    FeedbackItem.objects.filter(person=person).update(person=None, wants_updates=False)
    Registration.objects.filter(person=person).delete()
