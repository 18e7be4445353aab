"""The personal data inventory (people.personal_data) covers every field; "download my data"
holds every personal field of the person's rows it does not explain away; and after erasure no
trace of the person's words is left in the database, the stored files or the cache."""

import pickle
from itertools import count

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.cache import cache
from django.db import models
from django.test import override_settings
from django.urls import reverse

from coproduction import celery_app
from payments.models import Claim, PayeeDetails
from payments.services import batch_create, claim_decide
from people.personal_data import INVENTORY, NOT_PERSONAL
from people.services import person_anonymise
from tests.pdf_checks import pdf_text
from tests.site_checks import write_over
from tests.site_privacy import CANARIES


def _fields(model):
    return {f.name for f in model._meta.get_fields()
            if getattr(f, "concrete", False) or (f.many_to_many and not f.auto_created)}


def test_every_field_of_every_model_is_classified():
    problems = []
    for model in apps.get_models():
        label = model._meta.label
        entry = INVENTORY.get(label)
        if entry is None:
            problems.append(f"{label}: not in people/personal_data.py")
            continue
        classes = entry.classes()
        problems += [f"{label}.{name}: not classified" for name in sorted(_fields(model) - set(
            classes))]
        problems += [f"{label}.{name}: no such field" for name in sorted(set(classes) - _fields(
            model))]
        personal = {name for name, kind in classes.items() if kind != NOT_PERSONAL}
        problems += [f"{label}.{name}: not_exported/kept but not personal" for name in sorted(
            (set(entry.not_exported) - {"rows"} | set(entry.kept.split())) - personal)]
        if bool(entry.exported_only) != ("rows" in entry.not_exported):
            problems.append(f"{label}: exported_only needs its reason in not_exported['rows']")
        if not entry.erasure.strip():
            problems.append(f"{label}: says nothing of erasure")
    problems += [f"{label}: no such model" for label in INVENTORY
                 if label not in {m._meta.label for m in apps.get_models()}]
    assert not problems, "\n".join(problems)


def _owned(label, entry, person, *, exported=False):
    """The person's rows of `label` (with `exported`, only those "download my data" holds)."""
    model = apps.get_model(label)
    if entry.owner == "id":
        return model.objects.filter(pk=person.pk)
    rows = model.objects.filter(**{entry.owner: person})
    return rows.filter(**entry.exported_only) if exported else rows


def _text_fields(label, entry, choices):
    """The owner's personal text fields: typed, and (with `choices`) picked from a list too."""
    model = apps.get_model(label)
    for name, kind in entry.classes().items():
        field = model._meta.get_field(name)
        picked = field.choices or getattr(field, "list_choices", None)
        # Not the password or a session's key: a new one would end or lose the session.
        # Nor a field that picks which rows are exported: a new value would change the pick.
        if (kind != NOT_PERSONAL and isinstance(field, (models.CharField, models.TextField))
                and (choices or not picked) and (field.max_length or 99) >= 10
                and name not in ("password", "session_key")
                and name not in {lookup.split("__")[0] for lookup in entry.exported_only}):
            yield name, getattr(field, "list_choices", None)


def _mark_every_text_field(person, *, choices=False,
                           exported=False) -> dict[str, tuple[str, str]]:
    """Gives each personal text field of each of `person`'s rows (with `exported`, of those
    "download my data" holds) a value of its own: token -> (model label, field). With
    `choices`, fields picked from a list get a code no list has, which what shows the answer's
    label shows as it is."""
    tokens, numbers = {}, count()
    for label, entry in INVENTORY.items():
        if not entry.owner:
            continue
        names = list(_text_fields(label, entry, choices))
        rows = _owned(label, entry, person, exported=exported)
        for pk in rows.values_list("pk", flat=True) if names else []:
            values = {name: [f"PD{next(numbers):05d}Z"] if is_list else f"PD{next(numbers):05d}Z"
                      for name, is_list in names}
            write_over(apps.get_model(label).objects.filter(pk=pk), values)
            tokens.update({value[0] if isinstance(value, list) else value: (label, name)
                           for name, value in values.items()})
    return tokens


def test_download_my_data_has_every_personal_field(site_world, role_clients):
    member = site_world.people.member
    tokens = _mark_every_text_field(member, choices=True, exported=True)
    assert len({label for label, _ in tokens.values()}) >= 15, "the world has rows to check"
    text = role_clients["member"].get(reverse("people:my_data") + "?format=json").content.decode()
    missing = sorted({f"{label}.{name}" for token, (label, name) in tokens.items()
                      if token not in text and name not in INVENTORY[label].not_exported})
    assert not missing, f"personal fields missing from the download: {missing}"
    # Only the owner's session downloads it: everyone else gets their own, or signs in.
    for role in ("our_voice", "staff", "finance", "admin", "partner"):
        other = role_clients[role].get(reverse("people:my_data") + "?format=json")
        assert other.status_code == 200 and not set(tokens) & set(other.content.decode().split(
            '"')), role
    assert role_clients["visitor"].get(reverse("people:my_data")).status_code == 302
    for role in ("our_voice", "staff", "finance", "admin", "partner"):
        assert role_clients[role].get(reverse("people:data_export_download", kwargs={
            "pk": site_world.data_export.pk})).status_code == 404, role


def _database_text() -> list[tuple[str, str]]:
    """Every row of every table (join tables too), as (table, text)."""
    rows = []
    for model in apps.get_models(include_auto_created=True):
        names = [f.attname for f in model._meta.concrete_fields]
        for values in model.objects.values_list(*names):
            text = " ".join(bytes(v).decode("utf-8", "replace")
                            if isinstance(v, (bytes, memoryview)) else str(v) for v in values)
            rows.append((model._meta.db_table, text))
    return rows


def _stored_files_text(root) -> list[tuple[str, str]]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            text = pdf_text(data) if data.startswith(b"%PDF-") and len(data) > 100 else \
                data.decode("utf-8", "replace")
            found.append((str(path.relative_to(root)), f"{path.name} {text}"))
    return found


def _cache_text() -> list[tuple[str, str]]:
    backend = cache._cache if hasattr(cache, "_cache") else None
    if isinstance(backend, dict):  # LocMemCache: pickled values
        return [(key, pickle.loads(value).__repr__() if value else "")
                for key, value in list(backend.items())]
    client = cache._cache.get_client()  # Redis: this test process's keys
    return [(key.decode(), repr(client.get(key)))
            for key in client.scan_iter(f"{settings.CACHES['default']['KEY_PREFIX']}*")]


def _forget_cache() -> None:
    """This test process's cache entries go: earlier tests' people (rolled back in the
    database, but with the same made-up emails) left sessions and pages there. (On the
    shared Redis the suite's clear() removes only this process's keys: tests/own_keys_cache.)"""
    cache.clear()


def test_after_erasure_nothing_of_the_person_is_left(site_world, role_clients, media_root,
                                                     django_capture_on_commit_callbacks):
    _forget_cache()
    member = site_world.people.member
    as_they_were = {member.name: "name", member.email: "email"}
    tokens = _mark_every_text_field(member)
    kept = {token for token, (label, name) in tokens.items()
            if name in INVENTORY[label].kept.split()}
    # Their data as a PDF (a file in MEDIA_ROOT), and the pages that keep figures in the cache.
    with django_capture_on_commit_callbacks(execute=True):
        role_clients["member"].post(reverse("people:my_data"), {"document_format": "standard"})
    with override_settings(DASHBOARD_CACHE_SECONDS=600, PUBLIC_PAGE_CACHE_SECONDS=300):
        for role, name in (("staff", "staff_home"), ("our_voice", "our_voice"),
                           ("member", "home"), ("visitor", "home")):
            role_clients[role].get(reverse(name))
    assert any(path.suffix == ".pdf" for path in media_root.rglob("*")), "an export was made"
    assert _cache_text(), "pages were kept in the cache"
    # Their sent claim is approved and exported in a payment batch (kept, with its CSV).
    claim_decide(claim=Claim.objects.get(pk=site_world.claim.pk), by=site_world.people.staff,
                 decision=Claim.Status.APPROVED)
    batch = batch_create(by=site_world.people.finance)
    member.refresh_from_db()
    assert member.name.encode() in bytes(batch.csv)
    # An admin changed their account in Django admin: the admin log names them.
    LogEntry.objects.log_actions(site_world.people.admin.pk, [member], CHANGE,
                                 change_message="Changed name.", single_object=True)
    payee = PayeeDetails.objects.get(person=member).reference
    with django_capture_on_commit_callbacks(execute=True):
        person_anonymise(person=member)

    # The member's canaries (the forum post is Our Voice's), name, email, phone, and every
    # free-text field the inventory does not say is kept.
    wanted = {value: kind for kind, (value, _) in CANARIES.items()
              if kind not in ("payee reference", "forum post")}
    wanted |= {**as_they_were, "01632 960001": "phone"}
    wanted |= {token: ".".join(where) for token, where in tokens.items() if token not in kept}
    left = []
    for where, rows in (("database", _database_text()),
                        ("stored files", _stored_files_text(media_root)),
                        ("cache", _cache_text())):
        left += [f"{where} {name}: {what}" for name, text in rows
                 for value, what in wanted.items() if value in text]
    assert not left, "\n".join(left[:30])
    # The payee reference stays, pseudonymous: on the payee row and in the batch's CSV.
    assert {name for name, text in _database_text() if payee in text} == {
        "payments_payeedetails", "payments_paymentbatch"}
    # Task results are never stored: nothing of anyone is kept there.
    assert not celery_app.conf.result_backend or celery_app.conf.task_ignore_result
