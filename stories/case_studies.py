"""Case studies in the regional format: the builder that starts one from a finished project
with what the portal knows, publishing, the printed versions (through the one PDF helper) and
the structured export and import (docs/case-study.schema.json, checked with jsonschema)."""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from coproduction.documents import document_template, render_pdf
from listening import pictograms
from listening.models import Commitment
from projects.models import Attendance, Evaluation, Membership, Project, Scale, Session
from projects.models import Status as ProjectStatus
from stories import rules
from stories.models import CaseStudy

SCHEMA_PATH = settings.BASE_DIR / "docs" / "case-study.schema.json"
FORMAT = "case-study/1"

# The text fields staff write, in the order of the regional format.
WRITTEN_FIELDS = ["title", "summary", "problem", "who_was_involved", "what_they_did",
                  "what_changed", "learning", "conditions", "barriers", "easy_read_summary"]
FACT_FIELDS = ["started_on", "ended_on", "level_of_involvement", "people_involved",
               "how_often", "evaluation_results", "commitments_met"]


# ---------------------------------------------------------------- the builder


def closed_projects_without_case_study():
    return (Project.objects.filter(status=ProjectStatus.CLOSED)
            .annotate(n=Count("case_studies")).filter(n=0).order_by("-ends_on", "title"))


def _evaluation_text(project) -> str:
    questions = Evaluation.QUESTIONS
    counts = Evaluation.objects.filter(project=project).aggregate(
        total=Count("pk"), **{q: Count("pk", filter=Q(**{q: Scale.YES})) for q in questions})
    total = counts.pop("total")
    if not total:
        return ""
    labels = {q: Evaluation._meta.get_field(q).verbose_name for q in questions}
    lines = [f"{total} {'person' if total == 1 else 'people'} answered the evaluation."]
    lines += [f"{labels[q]} Yes: {counts[q]} of {total}." for q in questions]
    return "\n".join(lines)


def project_facts(project: Project) -> dict:
    """What the portal knows about a finished project, for staff to edit in the case study."""
    people = (Membership.objects.filter(project=project).values("person").distinct().count())
    sessions = Session.objects.filter(project=project).aggregate(
        n=Count("pk"), first=Min("starts_at"), last=Max("starts_at"))
    attended = Attendance.objects.filter(session__project=project).count()
    how_often = ""
    if sessions["n"]:
        how_often = (f"{sessions['n']} meeting{'s' if sessions['n'] != 1 else ''} from "
                     f"{sessions['first']:%B %Y} to {sessions['last']:%B %Y}")
        if attended:
            how_often += f", {round(attended / sessions['n'])} people at each on average"
    commitments = Commitment.objects.filter(event__project=project).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status=Commitment.Status.DONE)))
    commitments_met = (f"{commitments['done']} of {commitments['total']} commitments done."
                       if commitments["total"] else "")
    return {
        "started_on": project.starts_on,
        "ended_on": project.ends_on,
        "level_of_involvement": project.get_level_display(),
        "people_involved": people,
        "how_often": how_often,
        "evaluation_results": _evaluation_text(project),
        "commitments_met": commitments_met,
    }


@transaction.atomic
def case_study_start(*, project: Project, by) -> CaseStudy:
    """A draft case study for a finished project, filled in with what the portal knows."""
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff write case studies.")
    if project.status != ProjectStatus.CLOSED:
        raise ValidationError("Case studies are written once a project has finished.")
    existing = CaseStudy.objects.filter(project=project).first()
    if existing is not None:
        return existing
    co_chairs = ", ".join(str(person) for person in
                          [project.staff_co_chair, project.lived_experience_co_chair] if person)
    partners = ", ".join(partner.name for partner in project.partners.order_by("name"))
    who = project.who_for
    if co_chairs:
        who += f"\nCo-chairs: {co_chairs}."
    if partners:
        who += f"\nCo-hosted with: {partners}."
    case_study = CaseStudy(
        project=project, created_by=by, title=project.title, summary=project.summary[:250],
        problem=project.problem,
        who_was_involved=who,
        what_they_did=project.what_is_involved, what_changed=project.outcome_summary,
        easy_read_summary=project.easy_read_summary, learning="", conditions="", barriers="",
        **project_facts(project))
    case_study.save()
    return case_study


@transaction.atomic
def case_study_update(*, case_study: CaseStudy, by, **fields) -> CaseStudy:
    if not rules.can_edit_case_study(by, case_study):
        raise PermissionDenied("This case study cannot be changed.")
    for name, value in fields.items():
        setattr(case_study, name, value)
    case_study.full_clean()
    case_study.save()
    return case_study


@transaction.atomic
def case_study_move(*, case_study: CaseStudy, to: str, by) -> CaseStudy:
    case_study = CaseStudy.objects.select_for_update().get(pk=case_study.pk)
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff publish case studies.")
    CaseStudy.MOVES.check(CaseStudy.Status(case_study.status), CaseStudy.Status(to))
    if to == CaseStudy.Status.PUBLISHED:
        missing = [CaseStudy._meta.get_field(name).verbose_name
                   for name in ["learning", "conditions", "barriers", "what_changed"]
                   if not getattr(case_study, name).strip()]
        if missing:
            raise ValidationError("Fill in " + ", ".join(missing) + " before publishing.")
        case_study.published_at, case_study.published_by = timezone.now(), by
    case_study.status = to
    case_study.save(update_fields=["status", "published_at", "published_by"])
    return case_study


# ---------------------------------------------------------------- printed versions


@dataclass
class Picture:
    src: str
    alt: str


def _picture(name, *, for_pdf):
    pictogram = pictograms.get(name)
    return Picture(pictogram.path if for_pdf else staticfiles_storage.url(pictogram.path),
                   pictogram.alt)


PDF_TEMPLATE = "stories/case_study_pdf.html"  # and case_study_pdf_easy_read.html


def case_study_context(case_study: CaseStudy, *, for_pdf: bool) -> dict:
    """Everything the printed case study shows, loaded before rendering (no queries)."""
    names = {"problem": "question", "people": "people", "did": "help", "changed": "done",
             "learning": "idea", "barriers": "cannot", "calendar": "calendar"}
    return {"case": case_study, "for_pdf": for_pdf,
            "council": case_study.from_council or settings.COUNCIL_NAME,
            "pictures": {key: _picture(name, for_pdf=for_pdf) for key, name in names.items()}}


def case_study_pdf(case_study: CaseStudy, *, version: str) -> bytes:
    """The PDF in one of the printed formats (a coproduction.documents.DocumentFormat)."""
    return render_pdf(document_template(PDF_TEMPLATE, version),
                      case_study_context(case_study, for_pdf=True), version=version)


# ---------------------------------------------------------------- export and import


@cache
def schema() -> dict:
    with open(SCHEMA_PATH, encoding="utf-8") as file:
        return json.load(file)


def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def _iso(value):
    return value.isoformat() if value else None


def case_study_export(case_study: CaseStudy) -> dict:
    """The case study as the published schema describes it. An imported one keeps its id and
    council, so passing it on does not make it ours."""
    data = {
        "format": FORMAT,
        "id": str(case_study.source_uid or case_study.uid),
        "council": case_study.from_council or settings.COUNCIL_NAME,
        "title": case_study.title,
        "summary": case_study.summary,
        "what_happened": {
            "problem": case_study.problem,
            "who_was_involved": case_study.who_was_involved,
            "what_they_did": case_study.what_they_did,
            "what_changed": case_study.what_changed,
        },
        "learning": case_study.learning,
        "conditions": case_study.conditions,
        "barriers": case_study.barriers,
        "easy_read_summary": case_study.easy_read_summary,
        "facts": {
            "started_on": _iso(case_study.started_on),
            "ended_on": _iso(case_study.ended_on),
            "level_of_involvement": case_study.level_of_involvement,
            "people_involved": case_study.people_involved,
            "how_often": case_study.how_often,
            "evaluation_results": case_study.evaluation_results,
            "commitments_met": case_study.commitments_met,
        },
        "published_on": _iso(case_study.published_at.date() if case_study.published_at
                             else None),
    }
    return data


def schema_problems(data) -> list[str]:
    """Plain-English reasons the data does not follow the schema (empty when it does)."""
    problems = []
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(e.path)):
        where = " → ".join(str(part) for part in error.path) or "the file"
        problems.append(f"{where}: {error.message}")
    return problems


def parse_import(raw: bytes) -> dict:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError("The file is not a case study export: it is not JSON.") from error
    problems = schema_problems(data)
    if problems:
        shown = problems[:5]
        raise ValidationError(["The file does not follow the case study format:", *shown])
    if data["council"] == settings.COUNCIL_NAME:
        raise ValidationError("This case study is one of ours: there is no need to import it.")
    return data


@transaction.atomic
def case_study_import(*, data: dict, by) -> CaseStudy:
    """Imports a checked export (parse_import) as a published case study from another council,
    kept apart from ours. The same case study from the same council is imported once."""
    if not rules.is_council_staff(by):
        raise PermissionDenied("Only staff import case studies.")
    happened, facts = data["what_happened"], data["facts"]
    if CaseStudy.objects.filter(from_council=data["council"], source_uid=data["id"]).exists():
        raise ValidationError(f"This case study from {data['council']} has been imported "
                              "already.")

    def day(value):
        return date.fromisoformat(value) if value else None

    case_study = CaseStudy(
        source=CaseStudy.Source.IMPORTED, from_council=data["council"], source_uid=data["id"],
        title=data["title"], summary=data["summary"], problem=happened["problem"],
        who_was_involved=happened["who_was_involved"], what_they_did=happened["what_they_did"],
        what_changed=happened["what_changed"], learning=data["learning"],
        conditions=data["conditions"], barriers=data["barriers"],
        easy_read_summary=data.get("easy_read_summary", ""),
        started_on=day(facts.get("started_on")), ended_on=day(facts.get("ended_on")),
        level_of_involvement=facts.get("level_of_involvement", ""),
        people_involved=facts.get("people_involved"), how_often=facts.get("how_often", ""),
        evaluation_results=facts.get("evaluation_results", ""),
        commitments_met=facts.get("commitments_met", ""),
        status=CaseStudy.Status.PUBLISHED, created_by=by, published_by=by,
        published_at=timezone.now())
    try:
        case_study.full_clean(exclude=["uid"])
    except ValidationError as error:
        raise ValidationError(["The case study could not be imported:",
                               *[f"{k}: {' '.join(v)}" for k, v in
                                 error.message_dict.items()]]) from error
    try:
        with transaction.atomic():
            case_study.save()
    except IntegrityError as error:
        raise ValidationError(f"This case study from {data['council']} has been imported "
                              "already.") from error
    return case_study
