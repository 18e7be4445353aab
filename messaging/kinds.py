"""Every kind of message the portal sends, in one list. Each call of
people.services.notify_person (and notify_guest) names its kind; a test reads the code and
fails on a call without one, then sends every kind by every channel."""

from django.db import models


class Kind(models.TextChoices):
    CONFIRMATION = "confirmation", "Booking confirmations and changes"
    REMINDER = "reminder", "Reminders"
    INVITATION = "invitation", "Invitations to take part"
    PROJECT_PLACE = "project_place", "Answers about a project place"
    EVALUATION = "evaluation", "Asking how a project went"
    PROJECT_UPDATE = "project_update", "Updates from a project"
    COMMITMENT_NEWS = "commitment_news", "News of something we promised"
    WHAT_WE_HEARD = "what_we_heard", "What we heard at an event"
    REPORT = "report", "New reports"
    CLAIM = "claim", "Payment claims"
    RETENTION = "retention", "Questions about keeping your details"
    YOUR_DATA = "your_data", "Your information, ready to download"
    STORY = "story", "About a story you wrote"
    STAFF_TASK = "staff_task", "Jobs for staff"
    DIGEST = "digest", "Round-ups of news"
    FORUM_REPLY = "forum_reply", "Replies in a forum topic you follow"


# News that can wait for a person's weekly or monthly round-up. Everything else (a booking, a
# reminder, a claim, a question about their account) goes at once whatever they chose.
CAN_WAIT = {Kind.PROJECT_UPDATE, Kind.COMMITMENT_NEWS, Kind.WHAT_WE_HEARD, Kind.REPORT,
            Kind.FORUM_REPLY}
