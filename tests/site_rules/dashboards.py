"""Rules for the dashboards (coproduction/dashboards/) and Our Voice's own space (the group is a
standing project: projects/our_voice_views.py). build(world) sets up the group with a meeting,
papers and an action, and one approved project so the dashboards have something to draw."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from coproduction.documents import DocumentFormat
from projects.models import ActionItem, MeetingPaper, Session
from projects.our_voice import our_voice_group_set_up
from tests.site_rules.rules import NOT_ALLOWED, FormCheck, everyone, only, signed_in

DASHBOARD_VIEWERS = ("our_voice", "staff", "admin")


def build(world):
    p = world.people
    group = our_voice_group_set_up(by=p.staff)
    starts = timezone.now() + timedelta(days=10)
    meeting = Session.objects.create(project=group, title="Our Voice meeting",
                                     starts_at=starts, ends_at=starts + timedelta(hours=2),
                                     venue="County Hall", venue_access="Step-free entrance.")
    paper = MeetingPaper(session=meeting, title="Agenda", uploaded_by=p.staff,
                         format=DocumentFormat.EASY_READ)
    paper.file.save("agenda.pdf", ContentFile(b"%PDF-1.4 agenda"), save=True)
    action = ActionItem.objects.create(project=group, action="Ask for the budget report",
                                       owner="Co-chairs", due_on=date.today(),
                                       updated_by=p.our_voice)
    world.dashboards = {"group": group, "meeting": meeting, "paper": paper, "action": action}


def _pk(key):
    return lambda w: {"pk": w.dashboards[key].pk}


RULES = {
    "dashboards:index": only(*DASHBOARD_VIEWERS),
    "dashboards:growth": only(*DASHBOARD_VIEWERS),
    "dashboards:listening": only(*DASHBOARD_VIEWERS),
    "dashboards:reach": only(*DASHBOARD_VIEWERS),
    "dashboards:experience": only(*DASHBOARD_VIEWERS),
    "dashboards:recognition": only(*DASHBOARD_VIEWERS),
    "dashboards:print": only(*DASHBOARD_VIEWERS, kwargs=lambda w: {"slug": "reach"}),
    "dashboards:csv": only(*DASHBOARD_VIEWERS,
                           kwargs=lambda w: {"slug": "growth", "table": "levels"}),
    "dashboards:mine": signed_in(),
    "projects:our_voice_space": only("our_voice", "staff"),
    "projects:our_voice_set_up": everyone(NOT_ALLOWED),
    "projects:action_create": only("our_voice", "staff"),
    "projects:action_edit": only("our_voice", "staff", kwargs=_pk("action")),
    # Papers are added by those who run the group's meetings (staff and its co-chair).
    "projects:paper_add": only("staff"),
    "projects:paper": only("our_voice", "staff", kwargs=_pk("paper")),
}

FORM_CHECKS = [
    FormCheck(url="projects:action_create", role="our_voice",
              data={"action": "", "owner": "Co-chairs", "due_on_0": "1", "due_on_1": "13",
                    "due_on_2": "2027", "status": "open"},
              kept=("Co-chairs", "13", "2027"), unchanged=(ActionItem,),
              errors=("Say what will be done",)),
    FormCheck(url="projects:action_edit", role="our_voice", kwargs=_pk("action"),
              data={"action": "Ask for the budget report", "owner": "", "due_on_0": "",
                    "status": "done", "note": "We asked twice"},
              kept=("We asked twice",), errors=("Say who will do it",)),
    FormCheck(url="projects:paper_add", role="staff",
              data={"session": "", "kind": "papers", "format": "standard",
                    "title": "Budget papers"},
              files={"file": SimpleUploadedFile("budget.pdf", b"not really a pdf",
                                                "application/pdf")},
              kept=("Budget papers",), unchanged=(MeetingPaper,),
              errors=("Choose the meeting",)),
]
