from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from coproduction.documents import (
    DocumentFormat,
    document_format_asked,
    document_response,
)
from coproduction.forms import add_service_error
from coproduction.paging import paginate
from coproduction.plain_language import remember
from coproduction.roles import Role, role_required
from people.selectors import document_format_for
from projects.access import project_for_user
from stories import access, case_studies, rules, selectors, services
from stories.forms import (
    CaseStudyForm,
    CaseStudyImportForm,
    MyGroupsForm,
    NewsFilterForm,
    NewsForm,
    PartnerAccountForm,
    PartnerForm,
    PictureForm,
    QuoteForm,
    StoryFilterForm,
    StoryForm,
    StoryMoveForm,
)
from stories.models import CaseStudy, NewsPost, Partner, Story

PER_PAGE = 10

# What each move is called on the button, by where the story is and where it goes.
MOVE_LABELS = {
    (Story.Status.DRAFT, Story.Status.CHECKING): "Send it to staff to check",
    (Story.Status.DRAFT, Story.Status.PUBLISHED): "Publish it",
    (Story.Status.CHECKING, Story.Status.WITH_AUTHOR): "Checked: ask the author to approve it",
    (Story.Status.CHECKING, Story.Status.DRAFT): "Send it back to the author",
    (Story.Status.WITH_AUTHOR, Story.Status.PUBLISHED): "I approve: publish my story",
    (Story.Status.WITH_AUTHOR, Story.Status.CHECKING): "Ask staff for changes",
    (Story.Status.PUBLISHED, Story.Status.WITHDRAWN): "Take it off the website",
    (Story.Status.WITHDRAWN, Story.Status.DRAFT): "Change it again",
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
    return render(request, "stories/story_detail.html", {
        **selectors.story_page(story),
        "moves": [(to, MOVE_LABELS[story.status, to]) for to in moves],
        "can_edit": rules.can_edit_story(request.user, story),
        "is_author": rules.is_author(request.user, story),
        "is_staff": rules.is_council_staff(request.user)})


@require_safe
def story_picture(request, pk):
    picture = access.picture_for_user(request.user, pk)
    content_type = "image/png" if picture.kind == "png" else "image/jpeg"
    with picture.image.open("rb") as file:  # at most 5MB (services.picture_add)
        response = HttpResponse(file.read(), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
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


# ---------------------------------------------------------------- case studies


@require_safe
def case_study_list(request):
    other = request.GET.get("from") == "other"
    case_studies = (CaseStudy.objects.published()
                    .filter(source=CaseStudy.Source.IMPORTED if other else CaseStudy.Source.OURS)
                    .order_by("-published_at", "-pk"))
    return render(request, "stories/case_study_list.html", {
        "other": other, "page": paginate(request, case_studies, per_page=PER_PAGE),
        "is_staff": rules.is_council_staff(request.user)})


@require_safe
def case_study_detail(request, pk):
    case_study = access.case_study_for_user(request.user, pk)
    return render(request, "stories/case_study_detail.html", {
        "case": case_study, "versions": VERSION_NAMES,
        "can_edit": rules.can_edit_case_study(request.user, case_study),
        "is_staff": rules.is_council_staff(request.user)})


VERSION_NAMES = DocumentFormat.choices


@require_safe
def case_study_pdf(request, pk):
    case_study = access.case_study_for_user(request.user, pk)
    version = document_format_asked(request, default=document_format_for(request.user))
    return document_response(request, case_studies.PDF_TEMPLATE,
                             case_studies.case_study_context(case_study, for_pdf=True),
                             version=version, filename=f"case-study-{case_study.pk}.pdf")


@require_safe
def case_study_json(request, pk):
    case_study = access.case_study_for_user(request.user, pk,
                                            rule=lambda user, c: c.is_published)
    response = JsonResponse(case_studies.case_study_export(case_study),
                            json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="case-study-{case_study.pk}.json"'
    return response


@require_safe
def case_study_schema(request):
    return JsonResponse(case_studies.schema(), json_dumps_params={"indent": 2})


@require_safe
@role_required(Role.STAFF)
def case_study_manage(request):
    drafts = CaseStudy.objects.ours().filter(status=CaseStudy.Status.DRAFT).order_by("-pk")
    return render(request, "stories/case_study_manage.html", {
        "drafts": list(drafts.select_related("project")[:50]),
        "projects": list(case_studies.closed_projects_without_case_study()[:50])})


@require_POST
@role_required(Role.STAFF)
def case_study_start(request, project_pk):
    project = project_for_user(request.user, project_pk)
    try:
        case_study = case_studies.case_study_start(project=project, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("stories:case_study_manage")
    messages.success(request, "We have filled in what the portal knows. Check it, and write "
                              "the learning, conditions for success and barriers.")
    return redirect("stories:case_study_edit", case_study.pk)


@role_required(Role.STAFF)
def case_study_edit(request, pk):
    case_study = access.case_study_for_user(request.user, pk, rule=rules.can_edit_case_study)
    form = CaseStudyForm(request.POST or None, instance=case_study)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        case_studies.case_study_update(case_study=case_study, by=request.user, **fields)
        messages.success(request, "Case study saved.")
        remember(request, form, case_study.get_absolute_url())
        return redirect(case_study)
    return render(request, "stories/case_study_form.html", {"form": form, "case": case_study})


@require_POST
@role_required(Role.STAFF)
def case_study_move(request, pk):
    case_study = access.case_study_for_user(request.user, pk, rule=rules.can_edit_case_study)
    to = request.POST.get("to", "")
    if to not in CaseStudy.Status.values:
        messages.error(request, "Choose what to do with the case study.")
        return redirect(case_study)
    try:
        case_studies.case_study_move(case_study=case_study, to=to, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Published." if to == CaseStudy.Status.PUBLISHED
                         else "Taken back to draft.")
    return redirect(case_study)


@role_required(Role.STAFF)
def case_study_import(request):
    form = CaseStudyImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = case_studies.parse_import(form.cleaned_data["file"].read())
            case_study = case_studies.case_study_import(data=data, by=request.user)
        except ValidationError as error:
            add_service_error(form, error, field="file")
        else:
            messages.success(request, f"Imported from {case_study.from_council}.")
            return redirect(case_study)
    return render(request, "stories/case_study_import.html", {"form": form})


# ---------------------------------------------------------------- partner organisations


@require_safe
def partner_list(request):
    return render(request, "stories/partner_list.html", {
        "page": paginate(request, selectors.partners_for_list(), per_page=20),
        "is_staff": rules.is_council_staff(request.user)})


@require_safe
def partner_detail(request, pk):
    partner = access.partner_for_user(request.user, pk)
    is_admin = request.user.is_authenticated and request.user.has_role(Role.ADMIN)
    return render(request, "stories/partner_detail.html", {
        **selectors.partner_page(partner, show_accounts=is_admin),
        "is_staff": rules.is_council_staff(request.user), "is_admin": is_admin})


@role_required(Role.STAFF)
def partner_edit(request, pk=None):
    partner = access.partner_for_user(request.user, pk) if pk else Partner()
    form = PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partner = services.partner_save(partner=form.instance, by=request.user,
                                            projects=data["projects"], events=data["events"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, "Partner saved.")
            return redirect(partner)
    return render(request, "stories/partner_form.html", {"form": form, "partner": partner})


@role_required(Role.ADMIN)
def partner_accounts(request, pk):
    partner = access.partner_for_user(request.user, pk)
    form = PartnerAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.partner_account_add(partner=partner, user=form.user, by=request.user)
        messages.success(request, f"{form.user} now has a partner account for {partner}.")
        return redirect("stories:partner_accounts", partner.pk)
    return render(request, "stories/partner_accounts.html", {
        "form": form, "partner": partner,
        "accounts": list(partner.accounts.select_related("user").order_by("user__email"))})


@require_POST
@role_required(Role.ADMIN)
def partner_account_remove(request, pk):
    account = access.partner_account_for_user(request.user, pk)
    services.partner_account_remove(account=account, by=request.user)
    messages.success(request, "Partner account removed.")
    return redirect("stories:partner_accounts", account.partner_id)


@role_required(Role.MEMBER)
def my_groups(request):
    # Unticking every box posts nothing at all, and is still an answer.
    form = MyGroupsForm(request.POST if request.method == "POST" else None,
                        initial={"groups": list(request.user.partner_groups.all())})
    if request.method == "POST" and form.is_valid():
        services.member_groups_set(person=request.user, groups=form.cleaned_data["groups"])
        messages.success(request, "Saved the groups you belong to.")
        return redirect("stories:my_groups")
    return render(request, "stories/my_groups.html", {"form": form})


@require_safe
@role_required(Role.PARTNER)
def partner_home(request):
    return render(request, "stories/partner_home.html", selectors.partner_home(request.user))


# ---------------------------------------------------------------- news


@require_safe
def news_list(request):
    form = NewsFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    is_staff = rules.is_council_staff(request.user)
    return render(request, "stories/news_list.html", {
        "filter_form": form, "is_staff": is_staff,
        "drafts": selectors.news_drafts() if is_staff else [],
        "page": paginate(request, selectors.published_news(**filters), per_page=PER_PAGE)})


@require_safe
def news_detail(request, pk):
    post = access.news_for_user(request.user, pk)
    return render(request, "stories/news_detail.html", {
        "post": post, "topics": list(post.topics.all()), "areas": list(post.areas.all()),
        "is_staff": rules.is_council_staff(request.user)})


@role_required(Role.STAFF)
def news_edit(request, pk=None):
    post = access.news_for_user(request.user, pk) if pk else NewsPost()
    form = NewsForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        post = services.news_save(post=form.instance, by=request.user,
                                  topics=form.cleaned_data["topics"],
                                  areas=form.cleaned_data["areas"])
        messages.success(request, "News saved." if post.is_published else
                         "News saved as a draft. Publish it when it is ready.")
        remember(request, form, post.get_absolute_url())
        return redirect(post)
    return render(request, "stories/news_form.html", {"form": form, "post": post})


@require_POST
@role_required(Role.STAFF)
def news_move(request, pk):
    post = access.news_for_user(request.user, pk)
    to = request.POST.get("to", "")
    if to in NewsPost.Status.values:
        try:
            services.news_move(post=post, to=to, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Published." if to == NewsPost.Status.PUBLISHED
                             else "Taken back to draft.")
    return redirect(post)
