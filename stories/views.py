from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from stories import access, rules, selectors, services
from stories.forms import PictureForm, QuoteForm, StoryFilterForm, StoryForm, StoryMoveForm
from stories.models import Story

PER_PAGE = 10

MOVE_LABELS = {
    Story.Status.CHECKING: "Send it to staff to check",
    Story.Status.PUBLISHED: "Publish it",
    Story.Status.WITH_AUTHOR: "Checked: ask the author to approve it",
    Story.Status.DRAFT: "Send it back to the author",
    Story.Status.WITHDRAWN: "Take it off the website",
}
AUTHOR_MOVE_LABELS = {
    Story.Status.PUBLISHED: "I approve: publish my story",
    Story.Status.CHECKING: "Ask staff for changes",
    Story.Status.DRAFT: "Change it again",
}


# ---------------------------------------------------------------- public pages


@require_safe
def story_list(request):
    topics = selectors.story_topics()
    form = StoryFilterForm(request.GET or None, topics=topics)
    topic = form.cleaned_data.get("topic") if form.is_valid() else None
    return render(request, "stories/story_list.html", {
        "filter_form": form, "topic": topic,
        "page": paginate(request, selectors.published_stories(topic=topic), per_page=PER_PAGE)})


@require_safe
def story_detail(request, pk):
    story = access.story_for_user(request.user, pk)
    moves = rules.story_moves_for(request.user, story)
    labels = AUTHOR_MOVE_LABELS if rules.is_author(request.user, story) else {}
    return render(request, "stories/story_detail.html", {
        **selectors.story_page(story),
        "moves": [(to, labels.get(to) or MOVE_LABELS[to]) for to in moves],
        "can_edit": rules.can_edit_story(request.user, story),
        "is_author": rules.is_author(request.user, story),
        "is_staff": rules.is_council_staff(request.user)})


@require_safe
def story_picture(request, pk):
    picture = access.picture_for_user(request.user, pk)
    content_type = "image/png" if picture.kind == "png" else "image/jpeg"
    response = FileResponse(picture.image.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---------------------------------------------------------------- writing


@role_required(Role.MEMBER)
def story_create(request):
    form = StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        story = services.story_create(author=request.user, **form.cleaned_data)
        messages.success(request, "Story saved. Add quotes and pictures if you want to.")
        remember(request, form, story.get_absolute_url())
        return redirect(story)
    return render(request, "stories/story_form.html", {"form": form, "story": None})


@role_required(Role.MEMBER)
def story_edit(request, pk):
    story = access.story_for_user(request.user, pk, rule=rules.can_edit_story)
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST" and form.is_valid():
        services.story_update(story=story, by=request.user, **form.cleaned_data)
        messages.success(request, "Story saved.")
        remember(request, form, story.get_absolute_url())
        return redirect(story)
    return render(request, "stories/story_form.html", {"form": form, "story": story})


@role_required(Role.MEMBER)
def quote_add(request, pk):
    story = access.story_for_user(request.user, pk, rule=rules.can_edit_story)
    form = QuoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.quote_add(story=story, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Quote added.")
            return redirect(story)
    return render(request, "stories/quote_form.html", {"form": form, "story": story})


@role_required(Role.MEMBER)
def picture_add(request, pk):
    story = access.story_for_user(request.user, pk, rule=rules.can_edit_story)
    form = PictureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.picture_add(story=story, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Picture added.")
            return redirect(story)
    return render(request, "stories/picture_form.html", {"form": form, "story": story})


@require_POST
@role_required(Role.MEMBER)
def story_remove_part(request, pk):
    story = access.story_for_user(request.user, pk, rule=rules.can_edit_story)
    quote_id = request.POST.get("quote", "")
    picture_id = request.POST.get("picture", "")
    services.story_remove_part(story=story, by=request.user,
                               quote_id=int(quote_id) if quote_id.isdigit() else None,
                               picture_id=int(picture_id) if picture_id.isdigit() else None)
    messages.success(request, "Removed.")
    return redirect(story)


@require_POST
@role_required(Role.MEMBER)
def story_move(request, pk):
    story = access.story_for_user(request.user, pk)
    form = StoryMoveForm(request.POST)
    if form.is_valid():
        try:
            services.story_move(story=story, to=form.cleaned_data["to"], by=request.user,
                                note=form.cleaned_data["note"])
        except (ValidationError, PermissionDenied) as error:
            text = (" ".join(error.messages) if isinstance(error, ValidationError)
                    else str(error))
            messages.error(request, text)
        else:
            messages.success(request, "Done.")
    else:
        messages.error(request, "Choose what to do with the story.")
    return redirect(story)


@require_safe
@role_required(Role.MEMBER)
def my_stories(request):
    return render(request, "stories/my_stories.html", {
        "page": paginate(request, selectors.my_stories(request.user), per_page=20)})


@require_safe
@role_required(Role.STAFF)
def stories_to_check(request):
    return render(request, "stories/stories_to_check.html", {
        "page": paginate(request, selectors.stories_to_check(), per_page=20)})
