from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from coproduction import public_cache
from people.models import (
    GRANTABLE_ROLES,
    AccessNeed,
    ChoiceListField,
    Consent,
    EqualityAnswers,
    Invitation,
    Involvement,
    MemberProfile,
    Recognition,
    Role,
    StaffAccess,
    TrainingRecord,
    User,
)


def people_for_role_admin(*, q: str = "", role: str = ""):
    people = User.objects.order_by("email")
    if q:
        people = people.filter(Q(email__icontains=q) | Q(name__icontains=q))
    if role:
        people = people.filter(**{GRANTABLE_ROLES[Role(role)]: True})
    return people


def access_needs_text(person) -> str:
    """A plain-English summary of what `person` needs to take part, to pre-fill the access
    needs box when they join a project or register for an event ("" if we do not know)."""
    profile = getattr(person, "profile", None)
    return profile.access_needs_summary() if profile is not None else ""


def recognition_preference(person) -> str:
    """How `person` wants to be recognised (a people.models.Recognition value)."""
    profile = getattr(person, "profile", None)
    return getattr(profile, "recognition", "") or Recognition.PAYMENT


def document_format_for(person) -> str:
    """The printed format `person` reads (a coproduction.documents.DocumentFormat), from
    their profile: standard for someone with none (or no account)."""
    from coproduction.documents import DocumentFormat

    profile = getattr(person, "profile", None) if getattr(person, "pk", None) else None
    return profile.document_format if profile is not None else DocumentFormat.STANDARD


def _fair_spread_since():
    return timezone.now() - timedelta(days=round(settings.FAIR_SPREAD_MONTHS * 30.44))


def recent_involvement_count():
    """How many different projects and events the person `OuterRef("pk")` took part in over
    the fair-spread period: a subquery per person on the (person, starts_at) index. What
    User.recent_involvements stores (people.services.recent_involvements_refresh)."""
    recent = (Involvement.objects.filter(person=OuterRef("pk"),
                                         starts_at__gte=_fair_spread_since())
              .order_by().values("person")
              .annotate(n=Count("activity_key", distinct=True)).values("n"))
    return Coalesce(Subquery(recent, output_field=IntegerField()), Value(0))


def recently_involved():
    """Whether the person `OuterRef("pk")` took part in anything in the fair-spread period."""
    return Exists(Involvement.objects.filter(person=OuterRef("pk"),
                                             starts_at__gte=_fair_spread_since()))


# --- The people bank ---------------------------------------------------------------------

SORTS = {
    "fair": ("recent_involvements", "name", "pk"),
    "name": ("name", "pk"),
    "newest": ("-profile__created_at", "pk"),
}


def people_bank_members():
    """Everyone in the people bank: active, with a profile, and a consent not withdrawn."""
    consenting = Consent.objects.filter(person=OuterRef("pk"), withdrawn_at=None)
    return User.objects.filter(Exists(consenting), is_active=True, profile__isnull=False)


# The same figures for every member of staff: kept a minute (issue 13: each count reads the
# whole people bank), or not at all when DASHBOARD_CACHE_SECONDS is 0.
FIGURES_KEPT_SECONDS = 60


def kept_for_staff(name: str, compute):
    """compute(), kept FIGURES_KEPT_SECONDS under `name` (the same for every member of staff)."""
    return public_cache.remember(name, "", (), compute,
                                 min(FIGURES_KEPT_SECONDS, settings.DASHBOARD_CACHE_SECONDS))


def people_bank_counts() -> dict:
    """How many are in the people bank, and how many of them took no part lately: one pass
    over the bank (the stored fair-spread count says who), kept a minute. The staff home shows
    them, and the whole-bank search takes its total from here."""
    return kept_for_staff("people-bank-counts", lambda: people_bank_members().aggregate(
        count=Count("pk"), not_recent=Count("pk", filter=Q(recent_involvements=0))))


def people_bank_search(*, q: str = "", topic=None, area=None, lived_experience: str = "",
                       availability: str = "", format: str = "", access_need: str = "",
                       recognition: str = "", meeting_mode: str = "",
                       not_recently_involved: bool = False, sort: str = "fair"):
    """Members who consented to the people bank, filtered and sorted (by default on the
    stored fair-spread count, User.recent_involvements, fewest first). Topics and areas are
    prefetched: a page of results is the same handful of queries for 10 or 10,000 people."""
    people = people_bank_members()
    profiles = MemberProfile.objects.all()
    if topic is not None:
        profiles = profiles.filter(topics=topic)
    if area is not None:
        profiles = profiles.filter(areas=area)
    if topic is not None or area is not None:
        people = people.filter(pk__in=profiles.values("user_id"))
    if lived_experience == "care":
        people = people.filter(profile__draws_on_care=True)
    elif lived_experience == "carer":
        people = people.filter(profile__unpaid_carer=True)
    for field, value in (("availability", availability), ("formats", format),
                         ("access_needs", access_need)):
        if value:
            people = people.filter(**{f"profile__{field}__contains": f",{value},"})
    if recognition:
        people = people.filter(profile__recognition=recognition)
    if meeting_mode:
        modes = [meeting_mode] if meeting_mode == "both" else [meeting_mode, "both"]
        people = people.filter(profile__meeting_mode__in=modes)
    if q:
        people = people.filter(Q(name__icontains=q) | Q(profile__help_with__icontains=q)
                               | Q(profile__access_needs_other__icontains=q))
    if not_recently_involved:
        people = people.filter(recent_involvements=0)
    return (people.select_related("profile")
            .prefetch_related("profile__topics", "profile__areas")
            .order_by(*SORTS.get(sort, SORTS["fair"])))


def people_by_ids(ids):
    """The chosen people, in the same shape as search results (for invitations and export)."""
    return people_bank_search(sort="name").filter(pk__in=ids)


def participation_history(person):
    """The projects and events a person took part in, newest first, with total hours."""
    involvements = list(Involvement.objects.filter(person=person).order_by("-starts_at"))
    total = sum((item.hours for item in involvements), start=0)
    return {"involvements": involvements, "total_hours": total}


def person_summary(person):
    """What a member's profile page (and staff's view of it) shows, loaded before rendering."""
    profile = (MemberProfile.objects.filter(user=person)
               .prefetch_related("topics", "areas").first())
    return {
        "person": person,
        "profile": profile,
        "topics": list(profile.topics.all()) if profile else [],
        "areas": list(profile.areas.all()) if profile else [],
        "consent": Consent.objects.filter(person=person, withdrawn_at=None)
        .select_related("recorded_by").first(),
        "consents": list(Consent.objects.filter(person=person).select_related("recorded_by")),
        "training": list(TrainingRecord.objects.filter(person=person)),
        "invitations": list(Invitation.objects.filter(person=person)),
        "done_for_them": done_for(person),
        **participation_history(person),
    }


def done_for(person, *, limit: int = 50) -> list[StaffAccess]:
    """What staff did for `person` (made their profile, booked them a place, recorded their
    consent...), newest first: their history of "by staff member X for Y"."""
    return list(StaffAccess.objects.filter(subject=person,
                                           action__in=StaffAccess.FOR_SOMEONE)
                .select_related("actor")[:limit])


def invitations_waiting(person):
    return list(Invitation.objects.filter(person=person, status=Invitation.Status.SENT))


def audit_trail(*, action="", actor=None, since=None, until=None):
    """The audit trail for the admin page, newest first, filtered."""
    return (StaffAccess.objects.matching(action=action, actor=actor, since=since, until=until)
            .select_related("actor", "subject"))


def suppress_small_counts(rows: list[dict], threshold: int, key: str = "count") -> list[dict]:
    """Hides (sets to None) each count from 1 to threshold - 1 in one group of rows, and when
    exactly one is hidden, the next smallest too, so that no hidden count can be worked out by
    subtracting from the total. The one way the portal suppresses small numbers."""
    small = [row for row in rows if row[key] is not None and 0 < row[key] < threshold]
    if len(small) == 1:
        others = sorted((row for row in rows if row[key] is not None and row[key] >= threshold),
                        key=lambda row: row[key])
        if others:
            small.append(others[0])
    for row in small:
        row[key] = None
    return rows


def equality_counts(*, threshold: int | None = None, people=None) -> dict:
    """Equality monitoring as counts only, for everyone who answered or for `people` (a User
    queryset). A count from 1 to threshold - 1 is suppressed (shown as None), and when a
    question has exactly one suppressed count the next smallest is suppressed too, so that no
    one's answer can be worked out by subtracting from the total. With fewer answers in all
    than the threshold nothing is shown. Two queries."""
    threshold = threshold or settings.EQUALITY_SUPPRESS_BELOW
    answers = EqualityAnswers.objects.filter(person__is_active=True)
    if people is not None:
        answers = answers.filter(person__in=people)
    total = answers.count()
    result = {"threshold": threshold, "total": total, "questions": [],
              "too_few": total < threshold}
    if result["too_few"]:
        return result
    fields = list(EqualityAnswers.QUESTIONS)
    counted = answers.aggregate(**{f"{field}__{value}": Count("pk", filter=Q(**{field: value}))
                                   for field in fields
                                   for value, _label in EqualityAnswers.QUESTIONS[field][1]})
    for field in fields:
        question, choices = EqualityAnswers.QUESTIONS[field]
        rows = [{"field": field, "value": value, "label": label,
                 "count": counted[f"{field}__{value}"]}
                for value, label in choices]
        suppress_small_counts(rows, threshold)
        result["questions"].append({"field": field, "question": question, "rows": rows})
    return result


def data_for_person(person) -> dict:
    """Everything held about `person`, for "download my data" (page, PDF and JSON): plain
    values only, so rendering runs no queries."""
    from people.data_rights import data_sections

    summary = person_summary(person)
    profile = summary["profile"]
    sections = [
        {"name": "account", "title": "Your account", "records": [{
            "Name": person.name, "Email address": person.email,
            "Joined": person.date_joined, "Last signed in": person.last_login,
            "Roles": ", ".join(role.label for role in person.roles)}]},
    ]
    if profile:
        sections.append({"name": "profile", "title": "Your profile", "records": [{
            "Phone number": profile.phone, "Postal address": profile.address,
            "How we contact you": profile.get_preferred_channel_display(),
            "How often we send news": profile.get_message_frequency_display(),
            "When to contact you": profile.contact_times,
            "Formats you need": ", ".join(profile.format_labels()),
            "Language for an interpreter": profile.interpreter_language,
            "What helps you at meetings": ", ".join(profile.access_need_labels()),
            "Anything else that helps": profile.access_needs_other,
            "Lived experience": ", ".join(profile.lived_experience_labels()),
            "Topics": ", ".join(topic.name for topic in summary["topics"]),
            "What you would like to help with": profile.help_with,
            "Areas": ", ".join(area.name for area in summary["areas"]),
            "How you can meet": profile.get_meeting_mode_display(),
            "When you are free": ", ".join(profile.availability_labels()),
            "How you want to be thanked": profile.get_recognition_display(),
            "Made by staff for you": bool(profile.created_by_id),
            "Last changed": profile.updated_at}]})
    sections.append({"name": "consents", "title": "Your consent to be in the people bank",
                     "records": [{"Privacy notice version": c.notice_version,
                                  "Given": c.given_at, "How": c.get_method_display(),
                                  "Recorded by": str(c.recorded_by or ""),
                                  "What you were told": c.what_they_were_told,
                                  "Withdrawn": c.withdrawn_at} for c in summary["consents"]]})
    equality = EqualityAnswers.objects.filter(person=person).first()
    if equality:
        sections.append({"name": "equality", "title": "Your equality monitoring answers",
                         "records": [{
                             "Consent given": equality.consented_at,
                             **{EqualityAnswers.QUESTIONS[field][0]:
                                getattr(equality, f"get_{field}_display")()
                                for field in EqualityAnswers.QUESTIONS}}]})
    sections += [
        {"name": "training", "title": "Training and development",
         "records": [{"Course or session": t.title, "Who ran it": t.provider,
                      "Date": t.attended_on} for t in summary["training"]]},
        {"name": "participation", "title": "Projects and events you took part in",
         "records": [{"Activity": i.activity_title, "What": i.title, "When": i.starts_at,
                      "Hours": i.hours} for i in summary["involvements"]]},
        {"name": "invitations", "title": "Invitations",
         "records": [{"To": i.target_title, "Sent": i.sent_at,
                      "Answer": i.get_status_display(), "Answered": i.answered_at}
                     for i in summary["invitations"]]},
        {"name": "done_for_you", "title": "What our staff did for you",
         "records": [{"What": item.detail or item.get_action_display(), "When": item.at,
                      "By": str(item.actor)} for item in summary["done_for_them"]]},
        {"name": "messages", "title": "Messages we sent you",
         "records": [{"Subject": n.subject, "Message": n.body, "Sent": n.created_at,
                      "How": n.get_channel_display()}
                     for n in person.notifications.all()]},
    ]
    for section in data_sections():
        sections.append({"name": section.name, "title": section.title,
                         "records": list(section.collect(person))})
    return {"person": person, "sections": sections, "generated_at": timezone.now()}


def retention_waiting_offline(limit: int = 10):
    """People with no email address we asked whether they want to stay, oldest question
    first: only staff can record their answer (by phone or letter), and until then we keep
    them. Gives (the first `limit`, how many in all)."""
    from people.models import RetentionCheck

    checks = (RetentionCheck.objects.filter(person__email="", person__anonymised_at=None)
              .select_related("person").order_by("flagged_at", "pk"))
    return list(checks[:limit]), checks.count()


def inactive_since(days: int):
    """Members (no staff roles) with no sign-in, profile change or participation since
    `days` ago, who have not been asked yet."""
    cutoff = timezone.now() - timedelta(days=days)
    recent_involvement = Involvement.objects.filter(person=OuterRef("pk"),
                                                    starts_at__gte=cutoff)
    # Staff acting for someone who has no email (a booking by phone) is their activity too.
    recent_for_them = StaffAccess.objects.filter(subject=OuterRef("pk"), at__gte=cutoff,
                                                 action__in=StaffAccess.FOR_SOMEONE)
    people = User.objects.filter(is_active=True, anonymised_at=None,
                                 date_joined__lt=cutoff, retention_check__isnull=True)
    for field in GRANTABLE_ROLES.values():
        people = people.filter(**{field: False})
    return (people.filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
            .filter(Q(profile__isnull=True) | Q(profile__updated_at__lt=cutoff))
            .exclude(Exists(recent_involvement)).exclude(Exists(recent_for_them)))



def access_need_labels(needs: list[str]) -> str:
    """What helps someone take part (a ChoiceListField of AccessNeed codes), in words."""
    return ", ".join(ChoiceListField.labels(AccessNeed.choices, needs))


def access_need_codes(person) -> set[str]:
    """The formats and meeting needs `person` ticked on their profile, as codes ("bsl",
    "step_free", "easy_read" ...), so that other rooms can tick the same boxes for them."""
    profile = getattr(person, "profile", None)
    if profile is None:
        return set()
    return set(profile.formats) | set(profile.access_needs)
