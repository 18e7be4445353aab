"""Stories: a member's story is checked by staff and approved by its author before anyone else
can read it; quotes need the speaker's consent; pictures are checked by content."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from people.models import Notification, Topic
from stories.models import Picture, Quote, Story, StoryStatusChange
from stories.services import picture_add, quote_add, story_create, story_move
from tests.site_rules.stories import PNG

S = Story.Status


@pytest.fixture
def member_story(people):
    return story_create(author=people.member, title="My first meeting",
                        body="I was nervous, but people were kind.")


def test_a_members_story_is_published_only_after_staff_check_and_author_approval(
        people, member_story, client_for):
    visitor = client_for(None)
    url = f"/stories/{member_story.pk}/"
    assert visitor.get(url).status_code == 404

    story_move(story=member_story, to=S.CHECKING, by=people.member)
    # Staff cannot publish a member's words for them, not even after checking.
    with pytest.raises(ValidationError):
        story_move(story=member_story, to=S.PUBLISHED, by=people.staff)
    story_move(story=member_story, to=S.WITH_AUTHOR, by=people.staff)
    with pytest.raises(PermissionDenied):
        story_move(story=member_story, to=S.PUBLISHED, by=people.staff)
    assert visitor.get(url).status_code == 404

    story_move(story=member_story, to=S.PUBLISHED, by=people.member)
    member_story.refresh_from_db()
    assert member_story.status == S.PUBLISHED and member_story.published_at
    assert visitor.get(url).status_code == 200
    history = list(StoryStatusChange.objects.filter(story=member_story)
                   .values_list("to_status", "changed_by"))
    assert history == [(S.CHECKING, people.member.pk), (S.WITH_AUTHOR, people.staff.pk),
                       (S.PUBLISHED, people.member.pk)]
    # The author was told it was checked (and asked to approve).
    assert Notification.objects.filter(person=people.member,
                                       subject="Your story has been checked").exists()


def test_the_author_may_ask_for_changes_with_a_note(people, member_story):
    story_move(story=member_story, to=S.CHECKING, by=people.member)
    story_move(story=member_story, to=S.WITH_AUTHOR, by=people.staff)
    with pytest.raises(ValidationError):
        story_move(story=member_story, to=S.CHECKING, by=people.member)
    story_move(story=member_story, to=S.CHECKING, by=people.member, note="Leave out my name.")
    member_story.refresh_from_db()
    assert member_story.status == S.CHECKING and member_story.staff_note == "Leave out my name."


def test_a_member_cannot_publish_their_own_story_without_a_check(people, member_story):
    with pytest.raises(ValidationError):
        story_move(story=member_story, to=S.WITH_AUTHOR, by=people.member)
    with pytest.raises(PermissionDenied):
        story_move(story=member_story, to=S.PUBLISHED, by=people.member)


def test_staff_check_only_other_peoples_stories(people):
    story = story_create(author=people.staff, title="Ours", body="Text")
    assert story.by_staff
    with pytest.raises(PermissionDenied):
        story_move(story=story, to=S.CHECKING, by=people.staff)
    story_move(story=story, to=S.PUBLISHED, by=people.staff)


def test_the_approval_steps_through_the_pages(people, member_story, client_for):
    member, staff = client_for(people.member), client_for(people.staff)
    move = f"/stories/{member_story.pk}/move/"
    page = member.get(f"/stories/{member_story.pk}/").content.decode()
    assert "Send it to staff to check" in page
    assert member.post(move, {"to": "checking"}).status_code == 302
    assert "Checked: ask the author to approve it" in staff.get(
        f"/stories/{member_story.pk}/").content.decode()
    staff.post(move, {"to": "with_author"})
    page = member.get(f"/stories/{member_story.pk}/").content.decode()
    assert "I approve: publish my story" in page and "Ask staff for changes" in page
    # Staff posting the author's move is refused, and nothing changes.
    staff.post(move, {"to": "published"})
    member_story.refresh_from_db()
    assert member_story.status == S.WITH_AUTHOR
    member.post(move, {"to": "published"})
    member_story.refresh_from_db()
    assert member_story.status == S.PUBLISHED


def test_a_quote_needs_the_speakers_consent(people, member_story, client_for):
    with pytest.raises(ValidationError):
        quote_add(story=member_story, by=people.member, text="Words", speaker="",
                  consent_given=False)
    response = client_for(people.member).post(
        f"/stories/{member_story.pk}/quotes/add/",
        {"text": "It felt like they listened.", "speaker": "Jo"})
    assert "We can only publish someone&#x27;s words" in response.content.decode()
    assert not Quote.objects.exists()
    quote = quote_add(story=member_story, by=people.member, text="Words", speaker="Jo",
                      consent_given=True)
    assert quote.consent_recorded_by == people.member


def test_pictures_are_checked_by_content_and_need_alt_text(people, member_story, client_for):
    member = client_for(people.member)
    fake = SimpleUploadedFile("photo.png", b"GIF89a not allowed", content_type="image/png")
    response = member.post(f"/stories/{member_story.pk}/pictures/add/",
                           {"image": fake, "alt_text": "A group"})
    assert "must be a JPEG or PNG" in response.content.decode()
    with pytest.raises(ValidationError):
        picture_add(story=member_story, by=people.member,
                    image=SimpleUploadedFile("p.png", PNG), alt_text=" ")
    response = member.post(f"/stories/{member_story.pk}/pictures/add/",
                           {"image": SimpleUploadedFile("p.png", PNG), "alt_text": "A group"})
    assert response.status_code == 302
    picture = Picture.objects.get()
    assert picture.kind == "png"
    # Served to the author now; to nobody else until the story is published.
    assert member.get(f"/stories/pictures/{picture.pk}/")["Content-Type"] == "image/png"
    assert client_for(None).get(f"/stories/pictures/{picture.pk}/").status_code == 404


def test_the_list_filters_by_topic_and_pages_with_bounded_queries(
        people, client, django_assert_max_num_queries):
    carers = Topic.objects.create(name="Carers", slug="carers")
    other = Topic.objects.create(name="Dementia", slug="dementia")
    for i in range(25):
        story = story_create(author=people.staff, title=f"Story {i}", body="Text",
                             topics=[carers if i % 2 else other])
        story_move(story=story, to=S.PUBLISHED, by=people.staff)
        Picture.objects.create(story=story, image=SimpleUploadedFile("p.png", PNG),
                               kind="png", alt_text="x", uploaded_by=people.staff)
    story_create(author=people.member, title="Not yet", body="Draft")
    # topics for the filter, the filter's choices, count, the page, its topics
    with django_assert_max_num_queries(6):
        response = client.get(f"/stories/?topic={carers.pk}")
    html = response.content.decode()
    assert "Story 23<" in html and "Story 24<" not in html and "Not yet" not in html
    page2 = client.get(f"/stories/?topic={carers.pk}&page=2").content.decode()
    assert "Page 2 of 2" in page2


def test_the_newest_stories_are_on_the_home_page(people, client):
    story = story_create(author=people.staff, title="Leaflet for carers", body="Text")
    assert "Leaflet for carers" not in client.get("/").content.decode()
    story_move(story=story, to=S.PUBLISHED, by=people.staff)
    assert "Leaflet for carers" in client.get("/").content.decode()
