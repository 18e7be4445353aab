"""Writes for stories, case studies, partners and news: each validates, writes inside one
transaction, and records who did what."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from coproduction import public_cache
from coproduction.uploads import check_upload, delete_stored_files, give_random_name
from messaging.kinds import Kind
from people.models import Role
from people.services import notify_person, user_set_roles
from stories import rules
from stories.models import (
    NewsPost,
    Partner,
    PartnerAccount,
    Picture,
    Quote,
    Story,
    StoryStatusChange,
)

S = Story.Status


# ---------------------------------------------------------------- stories


@transaction.atomic
def story_create(*, author, title: str, body: str, easy_read_summary: str = "", topics=(),
                 projects=()) -> Story:
    story = Story(author=author, title=title, body=body, easy_read_summary=easy_read_summary,
                  by_staff=author.has_role(Role.STAFF))
    story.full_clean()
    story.save()
    story.topics.set(topics)
    story.projects.set(projects)
    return story


@transaction.atomic
def story_update(*, story: Story, by, title: str, body: str, easy_read_summary: str = "",
                 topics=(), projects=()) -> Story:
    story = Story.objects.select_for_update().get(pk=story.pk)
    if not rules.can_edit_story(by, story):
        raise PermissionDenied("This story cannot be changed now.")
    story.title, story.body, story.easy_read_summary = title, body, easy_read_summary
    story.full_clean()
    story.save(update_fields=["title", "body", "easy_read_summary"])
    story.topics.set(topics)
    story.projects.set(projects)
    return story


# What the author is told at each step of a member's story.
_TELL_AUTHOR = {
    S.WITH_AUTHOR: ("Your story has been checked",
                    "Staff have checked your story. Please read it and say if we may publish it."),
    S.DRAFT: ("Your story has come back to you",
              "Staff have sent your story back with a note. You can change it and send it again."),
    S.PUBLISHED: ("Your story is published", "Thank you. Your story is now on our website."),
}


@transaction.atomic
def story_move(*, story: Story, to: str, by, note: str = "") -> Story:
    """Moves a story to its next status if the move exists and this person may make it;
    records who and when. Publishing a member's story needs its author's approval, which is
    the author making the WITH_AUTHOR → PUBLISHED move themselves."""
    story = Story.objects.select_for_update().select_related("author").get(pk=story.pk)
    Story.MOVES.check(S(story.status), S(to))
    if not rules.can_move_story(by, story, to):
        raise PermissionDenied("You cannot make this change to the story.")
    if to == S.CHECKING and story.status == S.WITH_AUTHOR and not note.strip():
        raise ValidationError({"note": "Say what you would like changed."})
    StoryStatusChange.objects.create(story=story, from_status=story.status, to_status=to,
                                     changed_by=by)
    story.status = to
    fields = ["status"]
    if note.strip():
        story.staff_note = note.strip()
        fields.append("staff_note")
    if to == S.PUBLISHED:
        story.published_at = timezone.now()
        fields.append("published_at")
    story.save(update_fields=fields)
    if not story.by_staff and to in _TELL_AUTHOR and by.pk != story.author_id:
        subject, body = _TELL_AUTHOR[to]
        notify_person(person=story.author, subject=subject, body=body,
                      url=reverse("stories:story_detail", args=[story.pk]), kind=Kind.STORY)
    return story


@transaction.atomic
def quote_add(*, story: Story, by, text: str, speaker: str, consent_given: bool) -> Quote:
    if not rules.can_edit_story(by, story):
        raise PermissionDenied("This story cannot be changed now.")
    if not consent_given:
        raise ValidationError({"consent_given": "We can only publish someone's words if they "
                                                "agreed. Tick the box once they have."})
    quote = Quote(story=story, text=text, speaker=speaker, consent_given=True,
                  consent_recorded_by=by)
    quote.full_clean()
    quote.save()
    return quote


@transaction.atomic
def picture_add(*, story: Story, by, image, alt_text: str) -> Picture:
    """A JPEG or PNG (checked by its content, like every upload) with its alt text."""
    if not rules.can_edit_story(by, story):
        raise PermissionDenied("This story cannot be changed now.")
    try:
        kind = check_upload(image, kinds=("jpeg", "png"), max_megabytes=5)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from error
    if not alt_text.strip():
        raise ValidationError({"alt_text": "Say what the picture shows."})
    # Stored under a random name, like every upload: the uploaded name may hold personal data.
    picture = Picture(story=story, image=give_random_name(image, kind), kind=kind,
                      alt_text=alt_text.strip(),
                      uploaded_by=by)
    picture.save()
    return picture


@transaction.atomic
def story_remove_part(*, story: Story, by, quote_id=None, picture_id=None) -> None:
    if not rules.can_edit_story(by, story):
        raise PermissionDenied("This story cannot be changed now.")
    if quote_id:
        story.quotes.filter(pk=quote_id).delete()
    if picture_id:
        picture = story.pictures.filter(pk=picture_id).first()
        if picture is not None:
            picture.delete()
            delete_stored_files([picture.image.name])


# ---------------------------------------------------------------- partner organisations


@transaction.atomic
def partner_save(*, partner: Partner, by, projects=(), events=()) -> Partner:
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff keep the list of partners.")
    partner.full_clean()
    partner.save()
    partner.projects.set(projects)
    partner.events.set(events)
    public_cache.bump("listening")  # an event's "what we heard" names its co-hosts
    return partner


@transaction.atomic
def partner_account_add(*, partner: Partner, user, by) -> PartnerAccount:
    """Links the person to the organisation and gives them the partner role (recorded and
    told, like every role). A person works for one partner at a time."""
    if not by.has_role(Role.ADMIN):
        raise PermissionDenied("Only an admin gives partner accounts.")
    account, _ = PartnerAccount.objects.update_or_create(
        user=user, defaults={"partner": partner, "added_by": by, "added_at": timezone.now()})
    user_set_roles(changed_by=by, user=user, roles={*user.roles, Role.PARTNER})
    return account


@transaction.atomic
def partner_account_remove(*, account: PartnerAccount, by) -> None:
    if not by.has_role(Role.ADMIN):
        raise PermissionDenied("Only an admin removes partner accounts.")
    user = account.user
    account.delete()
    user_set_roles(changed_by=by, user=user,
                   roles={role for role in user.roles if role != Role.PARTNER})


@transaction.atomic
def member_groups_set(*, person, groups) -> None:
    """The partner groups a member says they belong to (their own, optional answer)."""
    person.partner_groups.set(groups)


# ---------------------------------------------------------------- news


@transaction.atomic
def news_save(*, post: NewsPost, by, topics=(), areas=()) -> NewsPost:
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff write news.")
    if post.pk is None:
        post.author = by
    post.full_clean()
    post.save()
    post.topics.set(topics)
    post.areas.set(areas)
    return post


@transaction.atomic
def news_move(*, post: NewsPost, to: str, by) -> NewsPost:
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff publish news.")
    post = NewsPost.objects.select_for_update().get(pk=post.pk)
    NewsPost.MOVES.check(NewsPost.Status(post.status), NewsPost.Status(to))
    post.status = to
    if to == NewsPost.Status.PUBLISHED and post.published_at is None:
        # The first time only: a post taken down for a fix and put back keeps its date, and
        # is not told again in members' round-ups (messaging.digests).
        post.published_at = timezone.now()
    post.save(update_fields=["status", "published_at", "updated_at"])
    return post
