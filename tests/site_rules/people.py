from people.models import RoleChange
from tests.site_rules.rules import FormCheck, only

RULES = {
    "people:role_list": only("admin"),
    "people:role_changes": only("admin"),
    "people:role_edit": only("admin", kwargs=lambda w: {"pk": w.people.member.pk}),
}

FORM_CHECKS = [
    # An admin may not take away their own admin role (nobody could then give it back).
    FormCheck(url="people:role_edit", role="admin", data={"roles": ["staff"]},
              kwargs=lambda w: {"pk": w.people.admin.pk}, unchanged=(RoleChange,), kept=(),
              errors=("You cannot remove your own admin role",)),
]
