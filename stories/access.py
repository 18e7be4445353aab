"""One access helper per object type: `<entity>_for_user(user, pk)` fetches the object with
what its pages need, checks the rule, and answers 404 (never saying whether something exists
that the person may not see). Every view calls these."""

from django.http import Http404

from people.models import Role
from stories import rules
from stories.models import CaseStudy, NewsPost, Partner, PartnerAccount, Picture, Story


def story_for_user(user, pk, *, rule=rules.can_view_story) -> Story:
    story = Story.objects.select_related("author").filter(pk=pk).first()
    if story is None or not rule(user, story):
        raise Http404
    return story


def picture_for_user(user, pk) -> Picture:
    picture = Picture.objects.select_related("story").filter(pk=pk).first()
    if picture is None or not rules.can_view_story(user, picture.story):
        raise Http404
    return picture


def case_study_for_user(user, pk, *, rule=rules.can_view_case_study) -> CaseStudy:
    case_study = CaseStudy.objects.select_related("project").filter(pk=pk).first()
    if case_study is None or not rule(user, case_study):
        raise Http404
    return case_study


def partner_for_user(user, pk) -> Partner:
    """Partners are public: anyone may see one."""
    partner = Partner.objects.filter(pk=pk).first()
    if partner is None:
        raise Http404
    return partner


def partner_account_for_user(user, pk) -> PartnerAccount:
    account = PartnerAccount.objects.select_related("user", "partner").filter(pk=pk).first()
    if account is None or not user.has_role(Role.ADMIN):
        raise Http404
    return account


def news_for_user(user, pk) -> NewsPost:
    post = NewsPost.objects.filter(pk=pk).first()
    if post is None or not (post.is_published or rules.is_council_staff(user)):
        raise Http404
    return post
