"""Stories, case studies, partner organisations and news: what each role gets."""

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import Status as ProjectStatus
from stories.case_studies import case_study_move, case_study_start, case_study_update
from stories.models import (
    CaseStudy,
    NewsPost,
    Partner,
    PartnerAccount,
    Picture,
    Quote,
    Story,
)
from stories.services import news_move, news_save, quote_add, story_create, story_move
from tests.conftest import make_user
from tests.site_rules.projects import make_project
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


def _case_study(w):
    return {"pk": w.stories.case_study.pk}


def _draft_case_study(w):
    return {"pk": w.stories.draft_case_study.pk}


def _closed_project(w):
    return {"project_pk": w.stories.closed_project.pk}


def _partner(w):
    return {"pk": w.stories.partner.pk}


def _partner_account(w):
    return {"pk": w.stories.partner_account.pk}


def _news(w):
    return {"pk": w.stories.news.pk}


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
    "stories:case_study_list": everyone(),
    "stories:case_study_schema": everyone(),
    "stories:case_study_manage": only("staff"),
    "stories:case_study_import": only("staff"),
    "stories:case_study_start": everyone(NOT_ALLOWED, kwargs=_closed_project),
    "stories:case_study_detail": everyone(kwargs=_case_study),
    "stories:case_study_edit": only("staff", kwargs=_draft_case_study),
    "stories:case_study_move": everyone(NOT_ALLOWED, kwargs=_case_study),
    "stories:case_study_pdf": everyone(kwargs=_case_study, query="format=large_print"),
    "stories:case_study_json": everyone(kwargs=_case_study),
    "stories:partner_list": everyone(),
    "stories:partner_detail": everyone(kwargs=_partner),
    "stories:partner_create": only("staff"),
    "stories:partner_edit": only("staff", kwargs=_partner),
    "stories:partner_accounts": only("admin", kwargs=_partner),
    "stories:partner_account_remove": everyone(NOT_ALLOWED, kwargs=_partner_account),
    "stories:partner_home": only("partner"),
    "stories:my_groups": signed_in(),
    "stories:news_list": everyone(),
    "stories:news_feed": everyone(),
    "stories:news_create": only("staff"),
    "stories:news_detail": everyone(kwargs=_news),
    "stories:news_edit": only("staff", kwargs=_news),
    "stories:news_move": everyone(NOT_ALLOWED, kwargs=_news),
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
    FormCheck(url="stories:case_study_edit", role="staff", kwargs=_draft_case_study,
              data={"title": "", "summary": "Carers rewrote the leaflet", "problem": "Hard",
                    "who_was_involved": "Carers", "what_they_did": "Met six times",
                    "started_on_0": "31", "started_on_1": "2", "started_on_2": "2026"},
              kept=("Carers rewrote the leaflet", "31"), errors=("Answer this question.",)),
    # The browser check submits the form with no file chosen; this one posts a file.
    FormCheck(url="stories:case_study_import", role="staff", data={"file": ""},
              files={"file": SimpleUploadedFile("case.json", b'{"format": "case-study/1"}',
                                                content_type="application/json")},
              unchanged=(CaseStudy,), kept=(),
              errors=("The file does not follow the case study format",)),
    FormCheck(url="stories:partner_create", role="staff",
              data={"name": "Healthwatch Northshire", "what_they_do": "",
                    "website": "not a website"},
              unchanged=(Partner,), kept=("Healthwatch Northshire", "not a website")),
    FormCheck(url="stories:partner_accounts", role="admin", kwargs=_partner,
              data={"email": "nobody-here@test.example"}, unchanged=(PartnerAccount,),
              errors=("There is no account with this email address.",)),
    FormCheck(url="stories:news_create", role="staff",
              data={"title": "New leaflet for carers", "body": "", "easy_read": "We made it."},
              unchanged=(NewsPost,)),
]


def build(world):
    p = world.people
    # The partner role's person: made here, not in make_role_users, so that tests counting the
    # shared test people are not changed by the seventh role.
    p.partner = make_user("partner@test.example", "Pat Partner", is_partner=True)
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
    closed = make_project(p.staff, status=ProjectStatus.CLOSED, title="Carers' leaflet",
                          outcome_summary="A new leaflet, written with carers.")
    case_study = case_study_start(project=closed, by=p.staff)
    case_study_update(case_study=case_study, by=p.staff, learning="Start early.",
                      conditions="Time and money.", barriers="Meeting rooms.")
    case_study_move(case_study=case_study, to=CaseStudy.Status.PUBLISHED, by=p.staff)
    later = make_project(p.staff, status=ProjectStatus.CLOSED, title="Day centre menus",
                         outcome_summary="New menus.")
    draft_case_study = case_study_start(project=later, by=p.staff)
    waiting = make_project(p.staff, status=ProjectStatus.CLOSED, title="Transport review",
                           outcome_summary="Fewer missed pick-ups.")
    # The partner role's person works for the carers' centre, which co-hosts a project still
    # in draft (only staff and the co-hosts see it) and the leaflet project, and the listening
    # room's past event (which the partner's staff co-run).
    partner = Partner.objects.create(name="Northshire Carers' Centre",
                                     what_they_do="Support for unpaid carers.",
                                     contact_email="hello@carers.example",
                                     website="https://carers.example")
    co_hosted = make_project(p.staff, status=ProjectStatus.DRAFT, title="Carers' cafés")
    partner.projects.set([co_hosted, closed])
    partner.events.set([world.listening.past_event])
    partner_account = PartnerAccount.objects.create(user=p.partner, partner=partner,
                                                    added_by=p.admin)
    news = news_save(post=NewsPost(title="Carers' cafés open", body="Three cafés opened.",
                                   easy_read="Carers can meet at a café."), by=p.staff)
    news_move(post=news, to=NewsPost.Status.PUBLISHED, by=p.staff)
    world.stories = SimpleNamespace(news=news, published=published, picture=picture, draft=draft,
                                    case_study=case_study, draft_case_study=draft_case_study,
                                    closed_project=waiting, partner=partner,
                                    partner_account=partner_account, co_hosted=co_hosted)
