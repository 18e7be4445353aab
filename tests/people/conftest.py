import pytest

from people import invitations
from people.invitations import InvitationTarget
from people.models import Area, MemberProfile, Topic
from people.services import consent_give

ANSWERS = []


@pytest.fixture
def fake_target():
    """A kind of invitation target, as projects and listening register theirs."""
    target = InvitationTarget(kind="testkind", pk=7, title="Carers strategy group",
                              url="/projects/")
    ANSWERS.clear()
    invitations.register_target_kind(
        "testkind", "Test things", open_targets=lambda limit: [target][:limit],
        find=lambda pk: target if pk == 7 else None, on_answer=ANSWERS.append)
    yield target
    invitations._KINDS.pop("testkind", None)


@pytest.fixture
def topics(db):
    return {name: Topic.objects.get_or_create(slug=name.lower().replace(" ", "-"),
                                              defaults={"name": name})[0]
            for name in ("Dementia", "Carers", "Autism")}


@pytest.fixture
def areas(db):
    return {name: Area.objects.get_or_create(slug=name.lower(), defaults={"name": name})[0]
            for name in ("Carrow", "Fenwick")}


def bank_member(user, *, topics=(), areas=(), consent=True, **fields):
    profile = MemberProfile.objects.create(user=user, **fields)
    profile.topics.set(topics)
    profile.areas.set(areas)
    if consent:
        consent_give(person=user)
    return profile
