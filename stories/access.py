"""One access helper per object type: `<entity>_for_user(user, pk)` fetches the object with
what its pages need, checks the rule, and answers 404 (never saying whether something exists
that the person may not see). Every view calls these."""

from django.http import Http404

from stories import rules
from stories.models import CaseStudy, Picture, Story


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
