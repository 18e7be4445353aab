from datetime import timedelta

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from coproduction.documents import DocumentFormat
from coproduction.states import JobStatus, Moves, job_moves


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    OUR_VOICE = "our_voice", "Our Voice"
    STAFF = "staff", "Staff"
    FINANCE = "finance", "Finance"
    ADMIN = "admin", "Admin"
    PARTNER = "partner", "Partner organisation"


# The roles a person is granted (member is everyone who has an account), and the User field
# that holds each one. Fields rather than a join table: every request knows the roles free.
GRANTABLE_ROLES = {
    Role.OUR_VOICE: "is_our_voice",
    Role.STAFF: "is_council_staff",
    Role.FINANCE: "is_finance_officer",
    Role.ADMIN: "is_service_admin",
    # Staff of a partner organisation: see and co-run what it co-hosts (stories.Partner).
    Role.PARTNER: "is_partner",
}


class Recognition(models.TextChoices):
    """How a member wants their contribution recognised (the payments room respects it)."""

    PAYMENT = "payment", "Involvement payment"
    VOUCHERS = "vouchers", "Vouchers"
    EXPENSES_ONLY = "expenses_only", "Expenses only"
    NOTHING = "nothing", "Nothing"


# Roles that must sign in with a second factor.
SECOND_FACTOR_ROLES = (Role.STAFF, Role.FINANCE, Role.ADMIN)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email="", password=None, **fields):
        """Email is optional: staff add people who do not use email (from a phone call or a
        paper form). Such an account cannot sign in until it has an email address."""
        user = self.model(email=self.normalize_email(email or "").strip().lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        """Signing in by email, whatever its case; an empty address never finds anyone (many
        people have none)."""
        if not (username or "").strip():
            raise self.model.DoesNotExist
        return self.get(email__iexact=username.strip())

    def create_superuser(self, email, password=None, **fields):
        if not email:
            raise ValueError("An admin needs an email address.")
        fields.setdefault("is_service_admin", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    # Optional: many people the portal is for do not use email. Unique when given, whatever
    # its case (the constraint below); never a made-up address.
    email = models.EmailField("email address", blank=True)
    name = models.CharField(
        "name you like to be called", max_length=150, blank=True,
        help_text="This is how we will greet you. It does not have to be your full name.",
    )
    is_active = models.BooleanField(default=True)
    is_our_voice = models.BooleanField("Our Voice", default=False)
    is_council_staff = models.BooleanField("staff", default=False)
    is_finance_officer = models.BooleanField("finance", default=False)
    is_service_admin = models.BooleanField("admin", default=False)
    # db_default: rows written by code that predates the role (older migrations) get False.
    is_partner = models.BooleanField("partner organisation", default=False, db_default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the person's account was deleted at their request (or by the retention job):
    # the row stays so that records the council must keep still point somewhere, but it holds
    # no name or contact details any more.
    anonymised_at = models.DateTimeField(null=True, blank=True)
    # The fair-spread count: how many different projects and events the person took part in
    # over the last FAIR_SPREAD_MONTHS. Stored so the people bank sorts on an index instead
    # of counting everyone's involvement on each search (issue 13); kept by
    # people.services.involvement_record/remove and refreshed nightly as time passes
    # (people.tasks.recent_involvements_refresh).
    recent_involvements = models.PositiveIntegerField(default=0, db_default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""),
                name="one_account_per_email_address",
                violation_error_message="Someone already has an account with this email "
                                        "address."),
        ]
        indexes = [
            # The people bank's "fewest recent first" order: the first page is read from the
            # index, not sorted from every member (issue 13).
            models.Index(fields=["recent_involvements", "name", "id"],
                         name="user_fair_spread_order"),
            # Lists of people by name (finance's payees, staff claiming for someone): the page
            # of 50 is read from the index, not sorted from every account (issue 13).
            models.Index(fields=["name", "email"], name="user_name_order"),
        ]

    def __str__(self):
        if self.anonymised_at:
            return "Deleted account"
        return self.name or self.email or f"Person {self.pk}"

    def get_full_name(self):
        return str(self)

    def get_short_name(self):
        return str(self)

    @property
    def has_email(self) -> bool:
        return bool(self.email)

    @property
    def is_staff(self):
        """Django's admin site opens for the service admin role only."""
        return self.is_service_admin

    def has_perm(self, perm, obj=None):
        return self.is_active and self.is_service_admin or super().has_perm(perm, obj)

    def has_module_perms(self, app_label):
        return self.is_active and self.is_service_admin or super().has_module_perms(app_label)

    @property
    def roles(self) -> list[Role]:
        granted = [role for role, field in GRANTABLE_ROLES.items() if getattr(self, field)]
        return [Role.MEMBER, *granted]

    def has_role(self, role: Role) -> bool:
        if role == Role.MEMBER:
            return self.is_active
        return self.is_active and getattr(self, GRANTABLE_ROLES[role])

    @property
    def needs_second_factor(self) -> bool:
        return any(self.has_role(role) for role in SECOND_FACTOR_ROLES)


class RoleChange(models.Model):
    """Who granted or removed which role from whom, and when. Never edited or deleted."""

    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_changes")
    role = models.CharField(max_length=20, choices=Role.choices)
    granted = models.BooleanField()
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        action = "granted" if self.granted else "removed"
        return f"{self.get_role_display()} {action}"


class Area(models.Model):
    """A place the council covers: in the default demo, a district of the county."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(models.Model):
    """A subject people have lived experience of, shared by the people bank, projects and
    listening (e.g. dementia, direct payments)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Involvement(models.Model):
    """One time a person took part: a project session or listening event they attended, or a
    project they joined. The projects and listening rooms write these (through
    people.services.involvement_record); the people bank reads them for participation history
    and the fair-spread count, and payments lets people claim for them."""

    class Kind(models.TextChoices):
        PROJECT = "project", "Joined a project"
        PROJECT_SESSION = "project_session", "Project meeting"
        EVENT = "event", "Listening event"
        OTHER = "other", "Other activity"

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The activity it belongs to, e.g. "project:12" or "event:7": the fair-spread count
    # counts distinct activities, not meetings.
    activity_key = models.CharField(max_length=50)
    activity_title = models.CharField(max_length=200)
    title = models.CharField(max_length=200, help_text="e.g. the session's name and date")
    starts_at = models.DateTimeField()
    hours = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    url = models.CharField(max_length=300, blank=True)
    # What recorded it, e.g. "projects.attendance:55": recording again updates, never doubles.
    source = models.CharField(max_length=80, unique=True)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        indexes = [
            # The fair-spread count (people bank search, staff home, interest review): each
            # person's distinct activities since a date, read from the index alone (issue 13).
            models.Index(fields=["person", "starts_at"], include=["activity_key"],
                         name="involvement_fair_spread"),
        ]

    def __str__(self):
        return self.title


class Notification(models.Model):
    """A message to one person, kept so they can read it on their dashboard and so that staff
    can see who has been told what. Emailed when the person can be emailed; otherwise it waits
    in the staff list of people to phone, text or write to."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        POST = "post", "Letter"

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications",
                               null=True, blank=True)
    # A guest (someone with no account, e.g. who booked an event) is told by name and the one
    # way they gave us to reach them; person is then empty.
    guest_name = models.CharField("name", max_length=150, blank=True)
    guest_contact = models.CharField("email address, phone number or postal address",
                                     max_length=300, blank=True)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    calendar = models.TextField("calendar file", blank=True,
                                help_text="An .ics file sent with the email, if any.")
    # e.g. "commitment:4:done" so that the same news is never sent twice to one person.
    dedupe_key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "dedupe_key"],
                                    condition=~models.Q(dedupe_key=""),
                                    name="one_notification_per_person_and_key"),
            models.UniqueConstraint(fields=["dedupe_key"],
                                    condition=models.Q(person__isnull=True)
                                    & ~models.Q(dedupe_key=""),
                                    name="one_guest_notification_per_key"),
            models.CheckConstraint(condition=models.Q(person__isnull=False)
                                   | ~models.Q(guest_contact=""),
                                   name="notification_has_someone_to_tell"),
        ]
        indexes = [
            # The listening dashboard finds when "what we heard" first went out from each
            # event by its key, for everyone told (the unique constraints above lead with
            # the person or cover guests only): without it, every event read every message.
            models.Index(fields=["dedupe_key"], name="notification_by_key"),
        ]

    def __str__(self):
        return self.subject


# --- The people bank ---------------------------------------------------------------------


class ChoiceListField(models.CharField):
    """Several choices from one list, stored as ",a,b," so that "has chosen a" is a plain
    `__contains=",a,"` filter on SQLite and PostgreSQL alike. Python sees a list."""

    def __init__(self, *args, choices=None, **kwargs):
        self.list_choices = choices or []
        kwargs.setdefault("max_length", 300)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["choices"] = self.list_choices
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [part for part in (value or "").split(",") if part]

    def get_prep_value(self, value):
        if isinstance(value, str):  # a lookup value such as ",easy_read,"
            return value
        return f",{','.join(value)}," if value else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        allowed = {key for key, _label in self.list_choices}
        unknown = [item for item in value if item not in allowed]
        if unknown:
            from django.core.exceptions import ValidationError

            raise ValidationError(f"Unknown choice: {', '.join(unknown)}")
        if not self.blank and not value:
            from django.core.exceptions import ValidationError

            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        from django import forms

        return forms.MultipleChoiceField(
            choices=self.list_choices, required=not self.blank,
            widget=forms.CheckboxSelectMultiple, label=self.verbose_name.capitalize(),
            help_text=self.help_text, **{k: v for k, v in kwargs.items()
                                         if k in ("label", "help_text", "required")},
        )

    @staticmethod
    def labels(choices, values) -> list[str]:
        names = dict(choices)
        return [names.get(value, value) for value in values]


class Format(models.TextChoices):
    """The formats a member needs. Easy read and large print are the printed formats of
    coproduction.documents.DocumentFormat, spelt the same (MemberProfile.document_format)."""

    EASY_READ = DocumentFormat.EASY_READ.value, "Easy read"
    LARGE_PRINT = DocumentFormat.LARGE_PRINT.value, "Large print"
    BRAILLE = "braille", "Braille"
    AUDIO = "audio", "Audio"
    BSL = "bsl", "British Sign Language"
    INTERPRETER = "interpreter", "An interpreter"


class AccessNeed(models.TextChoices):
    """What helps a person take part in a meeting or event: the one list that a member's
    profile, an expression of interest, a project's organiser checklist and a booking share."""

    STEP_FREE = "step_free", "Step-free access"
    HEARING_LOOP = "hearing_loop", "A hearing loop"
    BSL = "bsl", "A British Sign Language interpreter"
    EASY_READ = "easy_read", "Easy-read papers"
    LARGE_PRINT = "large_print", "Large-print papers"
    QUIET_ROOM = "quiet_room", "A quiet room"
    BREAKS = "breaks", "Regular breaks"
    CARER = "carer", "A place for a carer or personal assistant"
    ONLINE_ONLY = "online_only", "Meeting online only"


class Availability(models.TextChoices):
    WEEKDAY_DAYTIME = "weekday_daytime", "Weekdays in the daytime"
    EVENINGS = "evenings", "Evenings"
    WEEKENDS = "weekends", "Weekends"


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    BOTH = "both", "In person or online"


class MessageFrequency(models.TextChoices):
    """How often a member wants our news (messaging.digests); bookings, reminders and
    anything about their account always go at once."""

    AS_IT_HAPPENS = "as_it_happens", "Each message as it happens"
    WEEKLY = "weekly", "A weekly round-up"
    MONTHLY = "monthly", "A monthly round-up"


class MemberProfile(models.Model):
    """What a member of the people bank wants us to know so that they can take part."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    phone = models.CharField("phone number", max_length=30, blank=True)
    address = models.TextField("postal address", blank=True)
    preferred_channel = models.CharField(
        "how we contact you", max_length=10, choices=Notification.Channel.choices,
        default=Notification.Channel.EMAIL)
    message_frequency = models.CharField(
        "how often we send news", max_length=20, choices=MessageFrequency.choices,
        default=MessageFrequency.AS_IT_HAPPENS,
        help_text="News from your projects, and new projects and events you might like.")
    contact_times = models.CharField(
        "when is best to contact you", max_length=200, blank=True,
        help_text="For example, weekday mornings, or not on Fridays.")
    formats = ChoiceListField("formats you need", choices=Format.choices)
    interpreter_language = models.CharField("language for an interpreter", max_length=100,
                                            blank=True)
    formats_other = models.CharField("any other format", max_length=200, blank=True)
    access_needs = ChoiceListField("what helps you at meetings", choices=AccessNeed.choices)
    access_needs_other = models.TextField("anything else that helps you take part", blank=True)
    draws_on_care = models.BooleanField("draws on care and support", default=False)
    unpaid_carer = models.BooleanField("is an unpaid carer", default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="profiles")
    help_with = models.TextField("what you would like to help with", blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="profiles")
    meeting_mode = models.CharField("how you can meet", max_length=10,
                                    choices=MeetingMode.choices, blank=True)
    availability = ChoiceListField("when you are free", choices=Availability.choices)
    recognition = models.CharField("how you want to be thanked", max_length=20,
                                   choices=Recognition.choices, blank=True)
    # Made by a staff member on someone's behalf (from a paper form or a phone call).
    created_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Profile {self.pk}"

    @property
    def document_format(self) -> str:
        """The printed format this member reads (a DocumentFormat): easy read before large
        print when both are chosen, standard otherwise."""
        for chosen in (DocumentFormat.EASY_READ, DocumentFormat.LARGE_PRINT):
            if chosen in self.formats:
                return chosen
        return DocumentFormat.STANDARD

    def format_labels(self) -> list[str]:
        labels = ChoiceListField.labels(Format.choices, self.formats)
        if Format.INTERPRETER in self.formats and self.interpreter_language:
            labels[self.formats.index(Format.INTERPRETER)] = (
                f"An interpreter ({self.interpreter_language})")
        if self.formats_other:
            labels.append(self.formats_other)
        return labels

    def access_need_labels(self) -> list[str]:
        return ChoiceListField.labels(AccessNeed.choices, self.access_needs)

    def availability_labels(self) -> list[str]:
        return ChoiceListField.labels(Availability.choices, self.availability)

    def lived_experience_labels(self) -> list[str]:
        labels = []
        if self.draws_on_care:
            labels.append("Draws on care and support")
        if self.unpaid_carer:
            labels.append("Unpaid carer")
        return labels

    def access_needs_summary(self) -> str:
        """Plain English, e.g. "Needs: step-free access, regular breaks. Formats: large print.
        Also: I use a wheelchair." ("" when nothing is recorded)."""
        parts = []
        if self.access_needs:
            parts.append("Needs: " + ", ".join(
                label[0].lower() + label[1:] for label in self.access_need_labels()) + ".")
        formats = self.format_labels()
        if formats:
            parts.append("Formats: " + ", ".join(
                label if label.startswith("British") else label[0].lower() + label[1:]
                for label in formats) + ".")
        if self.access_needs_other.strip():
            parts.append("Also: " + self.access_needs_other.strip())
        return " ".join(parts)


class Consent(models.Model):
    """Joining the people bank: which privacy notice, when, how and (on paper or by phone)
    which staff member recorded it. Withdrawing keeps the row, with the date."""

    class Method(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "On a paper form"
        PHONE = "phone", "By phone"

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    notice_version = models.CharField("privacy notice version", max_length=20)
    given_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10, choices=Method.choices, default=Method.ONLINE)
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    # Given by phone or on paper: what was read or shown to them (e.g. "the easy-read privacy
    # notice, read aloud in full"), as the staff member recorded it.
    what_they_were_told = models.TextField("what was read or shown to them", blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-given_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=models.Q(withdrawn_at=None),
                                    name="one_current_consent_per_person"),
        ]

    def __str__(self):
        return f"Consent {self.pk}"


PREFER_NOT = ("prefer_not", "Prefer not to say")


class EqualityAnswers(models.Model):
    """Optional equality monitoring, given with its own consent. Special category data: never
    shown to staff for one person, only as suppressed counts (people.selectors)."""

    QUESTIONS = {
        "age_band": ("Your age", [("16_24", "16 to 24"), ("25_34", "25 to 34"),
                                  ("35_49", "35 to 49"), ("50_64", "50 to 64"),
                                  ("65_79", "65 to 79"), ("80_plus", "80 or over"), PREFER_NOT]),
        "sex": ("Your sex", [("female", "Female"), ("male", "Male"), PREFER_NOT]),
        "gender_identity": ("Is the gender you identify with the same as your sex registered "
                            "at birth?", [("yes", "Yes"), ("no", "No"), PREFER_NOT]),
        "ethnicity": ("Your ethnic group", [
            ("asian", "Asian or Asian British"),
            ("black", "Black, Black British, Caribbean or African"),
            ("mixed", "Mixed or multiple ethnic groups"), ("white", "White"),
            ("other", "Another ethnic group"), PREFER_NOT]),
        "disability": ("Do you consider yourself to be disabled?",
                       [("yes", "Yes"), ("no", "No"), PREFER_NOT]),
        "sexual_orientation": ("Your sexual orientation", [
            ("straight", "Straight or heterosexual"), ("gay_lesbian", "Gay or lesbian"),
            ("bisexual", "Bisexual"), ("other", "Another sexual orientation"), PREFER_NOT]),
        "religion": ("Your religion or belief", [
            ("none", "No religion"), ("christian", "Christian"), ("muslim", "Muslim"),
            ("hindu", "Hindu"), ("sikh", "Sikh"), ("jewish", "Jewish"),
            ("buddhist", "Buddhist"), ("other", "Another religion or belief"), PREFER_NOT]),
        "caring": ("Do you look after someone without being paid for it?",
                   [("yes", "Yes"), ("no", "No"), PREFER_NOT]),
    }

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="equality")
    consented_at = models.DateTimeField(default=timezone.now)
    notice_version = models.CharField(max_length=20)
    age_band = models.CharField(max_length=20, choices=QUESTIONS["age_band"][1])
    sex = models.CharField(max_length=20, choices=QUESTIONS["sex"][1])
    gender_identity = models.CharField(max_length=20, choices=QUESTIONS["gender_identity"][1])
    ethnicity = models.CharField(max_length=20, choices=QUESTIONS["ethnicity"][1])
    disability = models.CharField(max_length=20, choices=QUESTIONS["disability"][1])
    sexual_orientation = models.CharField(max_length=20,
                                          choices=QUESTIONS["sexual_orientation"][1])
    religion = models.CharField(max_length=20, choices=QUESTIONS["religion"][1])
    caring = models.CharField(max_length=20, choices=QUESTIONS["caring"][1])

    def __str__(self):
        return f"Equality answers {self.pk}"


def _population_choices():
    return [(f"{field}.{value}", f"{question}: {label}")
            for field, (question, choices) in EqualityAnswers.QUESTIONS.items()
            for value, label in choices if value != PREFER_NOT[0]]


class PopulationFigure(models.Model):
    """The share of the council's population giving one equality answer (for example from the
    census), entered by admins so the dashboards can set the people we involve beside it."""

    answer = models.CharField(max_length=50, unique=True, choices=_population_choices())
    percent = models.DecimalField("percentage of the population", max_digits=5,
                                  decimal_places=1,
                                  validators=[MinValueValidator(0), MaxValueValidator(100)])
    source = models.CharField(max_length=200, blank=True,
                              help_text="For example, Census 2021, Northshire")

    class Meta:
        ordering = ["answer"]

    def __str__(self):
        return f"{self.get_answer_display()}: {self.percent}%"


class TrainingRecord(models.Model):
    """A course or session the person attended ("developing people")."""

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="training")
    title = models.CharField("course or session", max_length=200)
    provider = models.CharField("who ran it", max_length=200, blank=True)
    attended_on = models.DateField("date")
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-attended_on", "-id"]

    def __str__(self):
        return self.title


class Invitation(models.Model):
    """A staff member asked this person to take part in a project or event
    (people.invitations supplies the targets)."""

    class Status(models.TextChoices):
        SENT = "sent", "Waiting for an answer"
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_NOW = "not_now", "Not now"
        WITHDRAWN = "withdrawn", "Withdrawn (consent withdrawn)"

    ANSWERS = [Status.YES, Status.NO, Status.NOT_NOW]
    # A person may change their answer (or give the same one again); invitations still
    # waiting are withdrawn when the person leaves the people bank.
    MOVES = Moves("invitation", {
        Status.SENT: [*ANSWERS, Status.WITHDRAWN],
        Status.YES: ANSWERS,
        Status.NO: ANSWERS,
        Status.NOT_NOW: ANSWERS,
    })

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    target_kind = models.CharField(max_length=30)
    target_id = models.PositiveIntegerField()
    target_title = models.CharField(max_length=200)
    target_url = models.CharField(max_length=300)
    sent_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "target_kind", "target_id"],
                                    name="one_invitation_per_person_and_target"),
        ]

    def __str__(self):
        return f"Invitation to {self.target_title}"

    @property
    def target_key(self) -> str:
        return f"{self.target_kind}:{self.target_id}"


class AuditTrailIsFixed(Exception):
    """An audit row was about to be changed or removed: the trail only grows."""


class AuditQuerySet(models.QuerySet):
    # The application never edits or removes audit rows; on PostgreSQL a trigger refuses it
    # in the database too (migration 0030_audit_trail). Django's own SET_NULL when a user row
    # is deleted goes through the base manager, which the trigger allows.
    def update(self, **kwargs):
        raise AuditTrailIsFixed("Audit records cannot be changed.")

    def delete(self):
        raise AuditTrailIsFixed("Audit records cannot be deleted.")

    def matching(self, *, action="", actor=None, since=None, until=None):
        """The admin page's filters; each one optional. Dates are whole UK days."""
        records = self
        if action:
            records = records.filter(action=action)
        if actor is not None:
            records = records.filter(actor=actor)
        if since:
            records = records.filter(at__date__gte=since)
        if until:
            records = records.filter(at__date__lte=until)
        return records


class StaffAccess(models.Model):
    """The audit trail: one row for each time someone looked at a member's full profile,
    exported people's data, changed a role, decided a claim, made or paid a payment batch, sent
    a message, or did something for someone. Who, what, which object (type and id: never
    personal data in words), when. Rows are only ever added."""

    class Action(models.TextChoices):
        VIEWED_PROFILE = "viewed_profile", "Viewed a full profile"
        EXPORTED = "exported", "Downloaded people's data"
        CREATED_PROFILE = "created_profile", "Created a profile for someone"
        ACTED_FOR = "acted_for", "Did something for someone"
        ROLE_CHANGED = "role_changed", "Changed a role"
        CLAIM_APPROVED = "claim_approved", "Approved a claim"
        CLAIM_RETURNED = "claim_returned", "Sent a claim back with a question"
        CLAIM_REJECTED = "claim_rejected", "Did not approve a claim"
        BATCH_MADE = "batch_made", "Made a payment batch"
        BATCH_PAID = "batch_paid", "Marked a payment batch paid"
        MESSAGE_SENT = "message_sent", "Sent a message"

    # What staff did for a person is part of that person's history (shown to them and to
    # staff); looking and exporting are not.
    FOR_SOMEONE = (Action.CREATED_PROFILE, Action.ACTED_FOR)

    # None: the portal itself (a reminder or notice no one sent by hand).
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    subject = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    # Which record it was about, as "app.model" and its id (or a dashboard's name): a pointer,
    # not a copy, so that erasing a person's rows elsewhere leaves nothing personal here.
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    count = models.PositiveIntegerField(default=1)
    # For ACTED_FOR: what was done, in plain words ("Booked a place on Carers' café"). For a
    # role change: the role. Never the person's answers themselves (access needs, consent
    # wording): only what was done.
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "audit record"
        # The admin page filters by action, newest first (by actor uses the actor's index).
        indexes = [models.Index(fields=["action", "-at"], name="audit_action_at")]

    def __str__(self):
        return self.detail or self.get_action_display()

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AuditTrailIsFixed("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditTrailIsFixed("Audit records cannot be deleted.")

    @property
    def object_label(self) -> str:
        """ "Claim 12", "Payment batch 3", "Dashboard reach/ages": no query."""
        try:
            name = capfirst(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = capfirst(self.object_type)
        return f"{name} {self.object_id}".strip()


class RetentionCheck(models.Model):
    """The retention job asked this person whether they want to stay. Removed when they say
    yes (or sign in, or staff record a yes from a phone call or letter). Someone we can reach
    online is anonymised if it is still here after the answer window, counted from when the
    question reached them; someone offline only when staff record that they want to leave."""

    person = models.OneToOneField(User, on_delete=models.CASCADE, related_name="retention_check")
    flagged_at = models.DateTimeField(default=timezone.now)
    # The question, as sent by the messaging service (its sent_at says when it reached them).
    question = models.ForeignKey(Notification, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return f"Retention check {self.pk}"


# A data export left running longer than its job may take was left by a worker that died.
DATA_EXPORT_STALE_AFTER = timedelta(minutes=20)


class DataExport(models.Model):
    """'Download my data' as a PDF in one format, made by a background job
    (people.data_export.make_data_export) for a long history, and kept for its owner only."""

    Status = JobStatus
    MOVES = job_moves("data export")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    version = models.CharField("format", max_length=20, choices=DocumentFormat.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("why it failed", blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="data-exports/", blank=True)
    size = models.PositiveIntegerField("size in bytes", default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        constraints = [models.UniqueConstraint(
            fields=["person", "version"], condition=models.Q(status__in=["queued", "running"]),
            name="one_data_export_in_the_making")]

    def __str__(self):
        return f"Data export {self.pk}"

    def get_absolute_url(self):
        return reverse("people:data_export", args=[self.pk])

    @property
    def in_the_making(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
