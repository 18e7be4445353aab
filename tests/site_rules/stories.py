"""Stories, case studies, partner organisations and news: what each role gets."""

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import Picture, Quote, Story
from stories.services import quote_add, story_create, story_move
from tests.site_rules.rules import (
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    FormCheck,
    Rule,
    everyone,
    only,
    signed_in,
)

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def _published(w):
    return {"pk": w.stories.published.pk}


def _draft(w):
    return {"pk": w.stories.draft.pk}


def _picture(w):
    return {"pk": w.stories.picture.pk}


# Only the author changes their draft; nobody else learns that it exists.
AUTHOR_ONLY = dict(visitor=LOGIN, member=OK, our_voice=NOT_FOUND, staff=NOT_FOUND,
                   finance=NOT_FOUND, admin=NOT_FOUND)

RULES = {
    "stories:story_list": everyone(),
    "stories:story_create": signed_in(),
    "stories:my_stories": signed_in(),
    "stories:stories_to_check": only("staff"),
    "stories:story_detail": everyone(kwargs=_published),
    "stories:story_edit": Rule(**AUTHOR_ONLY, kwargs=_draft),
    "stories:quote_add": Rule(**AUTHOR_ONLY, kwargs=_draft),
    "stories:picture_add": Rule(**AUTHOR_ONLY, kwargs=_draft),
    "stories:story_remove_part": everyone(NOT_ALLOWED, kwargs=_draft),
    "stories:story_move": everyone(NOT_ALLOWED, kwargs=_draft),
    "stories:story_picture": everyone(kwargs=_picture),
}

FORM_CHECKS = [
    FormCheck(url="stories:story_create", role="member",
              data={"title": "", "body": "We changed the leaflet for carers together."},
              unchanged=(Story,), errors=("Answer this question.",)),
    FormCheck(url="stories:quote_add", role="member", kwargs=_draft,
              data={"text": "It felt like they listened.", "speaker": "Jo, a carer"},
              unchanged=(Quote,), errors=("We can only publish someone&#x27;s words",)),
    FormCheck(url="stories:picture_add", role="member", kwargs=_draft,
              data={"alt_text": "Carers around a table"},
              files={"image": SimpleUploadedFile("photo.png", b"MZ not a picture",
                                                 content_type="image/png")},
              unchanged=(Picture,), errors=("The selected file must be a JPEG or PNG",)),
]


def build(world):
    p = world.people
    published = story_create(author=p.staff, title="The carers' leaflet we wrote together",
                             body="Carers and staff rewrote the leaflet.",
                             easy_read_summary="We wrote a new leaflet with carers.")
    quote_add(story=published, by=p.staff, text="At last a leaflet I understand.",
              speaker="Sam, a carer", consent_given=True)
    picture = Picture.objects.create(
        story=published, image=SimpleUploadedFile("leaflet.png", PNG), kind="png",
        alt_text="The new leaflet on a table", uploaded_by=p.staff)
    story_move(story=published, to=Story.Status.PUBLISHED, by=p.staff)
    draft = story_create(author=p.member, title="My first meeting",
                         body="I was nervous, but people were kind.")
    world.stories = SimpleNamespace(published=published, picture=picture, draft=draft)
