from django.db.models import Q

from people.models import GRANTABLE_ROLES, Role, User


def people_for_role_admin(*, q: str = "", role: str = ""):
    people = User.objects.order_by("email")
    if q:
        people = people.filter(Q(email__icontains=q) | Q(name__icontains=q))
    if role:
        people = people.filter(**{GRANTABLE_ROLES[Role(role)]: True})
    return people
