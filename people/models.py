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
