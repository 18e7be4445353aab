"""The stories room's part of a member's data rights (people.data_rights): their stories and
the groups they said they belong to; what happens to them when an account is deleted."""


def stories_for_person(person) -> list[dict]:
    from stories.models import Story

    return [{"Title": story.title, "Story": story.body, "Status": story.get_status_display(),
             "Published": story.published_at or ""}
            for story in Story.objects.filter(author=person).order_by("created_at")]


def groups_for_person(person) -> list[dict]:
    return [{"Group": partner.name} for partner in person.partner_groups.order_by("name")]


def erase(person) -> None:
    """Stories not yet published go; published ones stay (the author approved them for the
    public), and no longer show who wrote them, as the author is anonymised. Groups and a
    partner account go."""
    from coproduction.uploads import delete_stored_files
    from stories.models import PartnerAccount, Picture, Story

    unpublished = Story.objects.filter(author=person).exclude(status=Story.Status.PUBLISHED)
    pictures = list(Picture.objects.filter(story__in=unpublished).values_list("image", flat=True))
    unpublished.delete()
    delete_stored_files(pictures)
    person.partner_groups.clear()
    PartnerAccount.objects.filter(user=person).delete()
