from django.db import transaction

from people.models import GRANTABLE_ROLES, Role, RoleChange, User


@transaction.atomic
def user_set_roles(*, changed_by: User, user: User, roles: set[Role]) -> list[RoleChange]:
    """Gives `user` exactly `roles` (beyond member) and records each change."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changes = []
    for role, field in GRANTABLE_ROLES.items():
        wanted = role in roles
        if getattr(user, field) != wanted:
            setattr(user, field, wanted)
            changes.append(RoleChange(changed_by=changed_by, user=user, role=role, granted=wanted))
    if changes:
        user.save(update_fields=list(GRANTABLE_ROLES.values()))
        RoleChange.objects.bulk_create(changes)
    return changes
