from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    OUR_VOICE = "our_voice", "Our Voice"
    STAFF = "staff", "Staff"
    FINANCE = "finance", "Finance"
    ADMIN = "admin", "Admin"


# The roles a person is granted (member is everyone who has an account), and the User field
# that holds each one. Fields rather than a join table: every request knows the roles free.
GRANTABLE_ROLES = {
    Role.OUR_VOICE: "is_our_voice",
    Role.STAFF: "is_council_staff",
    Role.FINANCE: "is_finance_officer",
    Role.ADMIN: "is_service_admin",
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

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_service_admin", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    name = models.CharField(
        "name you like to be called", max_length=150, blank=True,
        help_text="This is how we will greet you. It does not have to be your full name.",
    )
    is_active = models.BooleanField(default=True)
    is_our_voice = models.BooleanField("Our Voice", default=False)
    is_council_staff = models.BooleanField("staff", default=False)
    is_finance_officer = models.BooleanField("finance", default=False)
    is_service_admin = models.BooleanField("admin", default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return self.name or self.email

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
        indexes = [models.Index(fields=["person", "starts_at"])]

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

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
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
        ]

    def __str__(self):
        return self.subject
