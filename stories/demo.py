"""Demo data for stories, case studies, partners and news: stories at each step (published,
being checked, waiting for the author), two case studies from the finished projects, one
imported from another council, partners co-hosting projects and events, and news posts.
Keyed by title, so running it again adds nothing."""

import io

from django.core.files.base import ContentFile
from django.db import transaction

from people.models import Topic, User
from projects.models import Project
from stories.models import Picture, Story
from stories.services import quote_add, story_create, story_move

S = Story.Status

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


@transaction.atomic
def seed(*, stdout):
    _seed_stories(stdout)
