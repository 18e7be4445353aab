from io import StringIO

from people import demo
from people.models import Consent, EqualityAnswers, MemberProfile


def test_demo_has_at_least_200_varied_members_and_is_idempotent(db):
    demo.seed(stdout=StringIO())
    counts = (MemberProfile.objects.count(), Consent.objects.count(),
              EqualityAnswers.objects.count())
    demo.seed(stdout=StringIO())
    assert (MemberProfile.objects.count(), Consent.objects.count(),
            EqualityAnswers.objects.count()) == counts
    profiles = MemberProfile.objects.all()
    assert profiles.count() >= 200
    assert len({p.preferred_channel for p in profiles}) == 4
    assert len({p.recognition for p in profiles}) == 4
    assert profiles.filter(created_by__isnull=False).exists()  # made on paper or by phone
    assert Consent.objects.filter(withdrawn_at__isnull=False).exists()
    assert MemberProfile.objects.filter(user__email="member@example.org").exists()
