"""Demo data for stories, case studies, partners and news: stories at each step (published,
being checked, waiting for the author), two case studies from the finished projects, one
imported from another council, partners co-hosting projects and events, and news posts.
Keyed by title, so running it again adds nothing."""

import io
import json

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.db import transaction

from listening.models import Event
from people.demo import DEMO_PASSWORD
from people.models import Area, Topic, User
from projects.models import Project
from stories.case_studies import (
    case_study_import,
    case_study_move,
    case_study_start,
    case_study_update,
    parse_import,
)
from stories.models import CaseStudy, NewsPost, Partner, PartnerAccount, Picture, Story
from stories.services import (
    news_move,
    news_save,
    quote_add,
    story_create,
    story_move,
)

S = Story.Status
# Works for the carers' centre: sees and co-runs what it co-hosts (password as the others).
PARTNER_ACCOUNT = ("partner@example.org", "Gill Harper")

STORIES = [
    # title, author, status, topics, projects, body, easy read, quotes
    ("The autism-friendly assessment we designed together", "staff@example.org", S.PUBLISHED,
     ["Autism"], ["Autism-friendly assessments"],
     "Autistic adults told us our assessments were too noisy, too long and too rushed.\n\n"
     "Eight people with lived experience worked with two social workers for six months. "
     "They wrote a new letter that says what will happen, chose a quiet room, and made a "
     "short video of the day.\n\nSince March, people can ask for the assessment in two "
     "shorter parts. Fewer people cancel, and more say they felt understood.",
     "Autistic adults helped us change our assessments.\nThey are quieter and shorter now.\n"
     "More people say they felt understood.",
     [("I could finally say what I needed without being rushed.", "Alex, who took part")]),
    ("Making sense of what care costs", "staff2@example.org", S.PUBLISHED,
     ["Direct payments"], ["Charging policy explained"],
     "People told us the letters about paying for care were frightening and hard to follow. "
     "A group of people who pay for their care rewrote them with the finance team.\n\n"
     "The new letters start with what you will pay, in one sentence, and a phone number "
     "that a person answers.",
     "We made our letters about paying for care easier to read.",
     [("The new letter told me what I pay in the first line.", "Margaret, a carer")]),
    ("My first co-production meeting", "member@example.org", S.WITH_AUTHOR, ["Carers"], [],
     "I nearly did not go. I thought it would be full of people in suits using words I "
     "did not know.\n\nInstead someone met me at the door, there was a quiet room if I "
     "needed it, and my taxi was paid for. By the end I was chairing the next meeting.",
     "I was nervous at my first meeting.\nPeople were kind.\nNow I help to run it.", []),
    ("Why I joined the people bank", "member@example.org", S.CHECKING, ["Carers"], [],
     "After caring for my mum for ten years I knew a lot about what works and what does "
     "not. Joining the people bank meant somebody finally asked.", "", []),
]


def _picture_bytes(colour, text):
    """A simple banner picture for the demo (Pillow comes with WeasyPrint)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 320), colour)
    ImageDraw.Draw(image).text((24, 140), text, fill="white", font_size=32)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _seed_stories(stdout):
    staff = User.objects.get(email="staff@example.org")
    made = 0
    for title, email, status, topics, projects, body, easy, quotes in STORIES:
        if Story.objects.filter(title=title).exists():
            continue
        author = User.objects.get(email=email)
        story = story_create(author=author, title=title, body=body, easy_read_summary=easy,
                             topics=Topic.objects.filter(name__in=topics),
                             projects=Project.objects.filter(title__in=projects))
        for text, speaker in quotes:
            quote_add(story=story, by=author, text=text, speaker=speaker, consent_given=True)
        if story.by_staff:
            Picture.objects.create(
                story=story, kind="png", uploaded_by=author,
                image=ContentFile(_picture_bytes("#1d70b8", title[:34]), name="demo.png"),
                alt_text="A blue banner with the story's title")
            story_move(story=story, to=status, by=author)
        else:
            story_move(story=story, to=S.CHECKING, by=author)
            if status == S.WITH_AUTHOR:
                story_move(story=story, to=S.WITH_AUTHOR, by=staff)
        made += 1
    stdout.write(f"Stories: {made} added.")


CASE_STUDIES = {
    "Autism-friendly assessments": {
        "summary": "Autistic adults and social workers redesigned the care needs assessment.",
        "who_was_involved": "Eight autistic adults, two family carers, two social workers and "
                            "an occupational therapist, with an autistic co-chair.",
        "learning": "Asking people how they want to meet, before the first meeting, meant "
                    "everyone could take part. Paying for time showed we valued it.",
        "conditions": "A co-chair with lived experience from the start. Quiet rooms and "
                      "written notes before each meeting. Managers who agreed to change "
                      "the process, not just the letter.",
        "barriers": "The case recording system could not show a two-part assessment at "
                    "first. Some meetings clashed with college terms.",
        "easy_read_summary": "Autistic adults helped us change our assessments.\nThey are "
                             "quieter and shorter now.",
    },
    "Charging policy explained": {
        "summary": "People who pay for their care rewrote the letters about charges.",
        "who_was_involved": "Six people who pay towards their care, a carer and two officers "
                            "from the financial assessment team.",
        "learning": "Reading real letters together showed which words frightened people.",
        "conditions": "The finance team let the group change the letter templates directly.",
        "barriers": "Legal wording that must stay in the letters. A short timescale.",
        "easy_read_summary": "We made our letters about paying for care easier to read.",
    },
}

OTHER_COUNCIL_CASE_STUDY = {
    "format": "case-study/1",
    "id": "5d1c0a4e-8f7b-4c36-9a57-2f3f0f7b6a11",
    "council": "Eastvale Borough Council",
    "title": "Carers shaping the short breaks offer",
    "summary": "Unpaid carers co-produced a new way to book short breaks.",
    "what_happened": {
        "problem": "Carers told us short breaks were hard to find and book, and many gave up.",
        "who_was_involved": "Twelve unpaid carers, the carers' centre and commissioners.",
        "what_they_did": "They mapped the booking journey, tested a new form and chose the "
                         "providers' information together over five months.",
        "what_changed": "One phone number and a short online form; bookings went up by a "
                        "third in the first year.",
    },
    "learning": "Carers were most involved when sessions were short and replacement care "
                "was arranged for them.",
    "conditions": "Replacement care paid for; evening sessions; a commissioner who attended "
                  "every meeting.",
    "barriers": "Contracts with providers could not change until renewal.",
    "easy_read_summary": "Carers helped make short breaks easier to book.",
    "facts": {
        "started_on": "2025-01-13", "ended_on": "2025-06-30",
        "level_of_involvement": "Co-production", "people_involved": 12,
        "how_often": "5 meetings from January to June 2025",
        "evaluation_results": "11 of 12 carers felt listened to.",
        "commitments_met": "4 of 5 commitments done.",
    },
    "published_on": "2025-09-01",
}


def _seed_case_studies(stdout):
    staff = User.objects.get(email="staff@example.org")
    made = 0
    for title, words in CASE_STUDIES.items():
        project = Project.objects.filter(title=title).first()
        if project is None or CaseStudy.objects.filter(project=project).exists():
            continue
        case_study = case_study_start(project=project, by=staff)
        case_study_update(case_study=case_study, by=staff, **words)
        case_study_move(case_study=case_study, to=CaseStudy.Status.PUBLISHED, by=staff)
        made += 1
    other = OTHER_COUNCIL_CASE_STUDY
    if not CaseStudy.objects.filter(from_council=other["council"]).exists():
        case_study_import(data=parse_import(json.dumps(other).encode()), by=staff)
        made += 1
    stdout.write(f"Case studies: {made} added.")


PARTNERS = [
    # name, what they do, contact, email, phone, website, projects, events
    ("Northshire Carers' Centre",
     "Information, advice and breaks for unpaid carers across the county, and the carers' "
     "forums we run together.", "Gill Harper", "hello@carers-centre.example",
     "01632 960 310", "https://carers-centre.example",
     ["Short breaks for carers", "Carers' emergency plans"],
     ["Carers' forum: Dunmere", "Listening space: carers and respite"]),
    ("Healthwatch Northshire",
     "The independent champion for people who use health and social care services.",
     "Ravi Shah", "info@healthwatch-northshire.example", "01632 960 422",
     "https://healthwatch-northshire.example", ["Hospital discharge"],
     ["Listening space with the Director of Adult Social Care"]),
    ("Northshire NHS Integrated Care Board",
     "Plans and pays for local NHS services, and works with the council on joined-up care.",
     "", "engagement@icb.example", "", "https://icb.example",
     ["Reablement after hospital"], []),
    ("Deaf Connect Northshire",
     "A Deaf-led charity: BSL interpreting, advice and social groups.",
     "Mia Lewis", "contact@deafconnect.example", "", "https://deafconnect.example",
     ["Deaf-friendly services"], ["Drop-in: help with information and advice"]),
]

NEWS = [
    ("Carers helped us redesign short breaks",
     "Twelve carers worked with us for six months on how short breaks are booked. From "
     "April you can book a break with one phone call or a short online form.\n\nThank you "
     "to everyone who took part, and to Northshire Carers' Centre, who co-hosted the group.",
     "Carers helped us change short breaks.\nNow you can book a break with one phone call.",
     ["Carers"], []),
    ("New letters about paying for care",
     "People who pay towards their care rewrote our letters with the finance team. The new "
     "letters say what you will pay in the first line.",
     "We wrote new letters about paying for care.\nThey are easier to read.",
     ["Direct payments"], []),
    ("Listening spaces in Dunmere and Carrow",
     "More than 80 people came to our listening spaces this autumn. Read what you told us "
     "and what we will do on our You said, we did page.",
     "80 people came to talk to us.\nWe wrote down what you said.",
     [], ["Dunmere", "Carrow"]),
]


def _seed_partners(stdout):
    admin = User.objects.get(email="admin@example.org")
    made = 0
    for name, what, contact, email, phone, website, projects, events in PARTNERS:
        partner, created = Partner.objects.get_or_create(name=name, defaults=dict(
            what_they_do=what, contact_name=contact, contact_email=email,
            contact_phone=phone, website=website))
        if created:
            partner.projects.set(Project.objects.filter(title__in=projects))
            partner.events.set(Event.objects.filter(title__in=events))
            made += 1
    # A partner account (the seventh role) for the carers' centre, and the demo member's
    # groups.
    centre = Partner.objects.get(name=PARTNERS[0][0])
    person = User.objects.filter(email=PARTNER_ACCOUNT[0]).first()
    if person is None:
        # Made like the other demo accounts (roles as fields), so nobody is emailed.
        person = User.objects.create_user(email=PARTNER_ACCOUNT[0], password=DEMO_PASSWORD,
                                          name=PARTNER_ACCOUNT[1], is_partner=True)
        EmailAddress.objects.create(user=person, email=person.email, verified=True,
                                    primary=True)
        PartnerAccount.objects.create(user=person, partner=centre, added_by=admin)
    User.objects.get(email="member@example.org").partner_groups.add(centre)
    stdout.write(f"Partners: {made} added.")


def _seed_news(stdout):
    staff = User.objects.get(email="staff@example.org")
    made = 0
    for title, body, easy, topics, areas in NEWS:
        if NewsPost.objects.filter(title=title).exists():
            continue
        post = news_save(post=NewsPost(title=title, body=body, easy_read=easy), by=staff,
                         topics=Topic.objects.filter(name__in=topics),
                         areas=Area.objects.filter(name__in=areas))
        news_move(post=post, to=NewsPost.Status.PUBLISHED, by=staff)
        made += 1
    stdout.write(f"News: {made} added.")


@transaction.atomic
def seed(*, stdout):
    _seed_stories(stdout)
    _seed_partners(stdout)
    _seed_case_studies(stdout)
    _seed_news(stdout)
