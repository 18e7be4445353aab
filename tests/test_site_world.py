"""The shared whole-site world keeps tests apart: what one test writes, signs out or changes
in its copy of the world, the next test never sees (tests/conftest.py site_world)."""

import pytest
from django.urls import reverse

from payments.models import Claim
from people.models import User

# In this order, in one process: the second test looks for what the first one did.
pytestmark = pytest.mark.xdist_group("site-world-isolation")


def test_a_test_writes_signs_out_and_changes_its_world(site_world, role_clients, media_root):
    assert site_world.claim.receipts.get().file.storage.exists(
        site_world.claim.receipts.get().file.name), "the world's receipt is in MEDIA_ROOT"
    Claim.objects.filter(pk=site_world.claim.pk).delete()
    User.objects.create_user(email="stranger@test.example", password="x", name="Stranger")
    site_world.claim.pk = None
    role_clients["staff"].post(reverse("account_logout"))
    assert role_clients["staff"].get(reverse("staff_home")).status_code == 302
    (media_root / "left-behind.txt").write_text("a file of this test's own")


def test_the_next_test_sees_none_of_it(site_world, role_clients, media_root):
    assert Claim.objects.filter(pk=site_world.claim.pk).exists()
    assert not User.objects.filter(email="stranger@test.example").exists()
    assert role_clients["staff"].get(reverse("staff_home")).status_code == 200
    assert not (media_root / "left-behind.txt").exists()
