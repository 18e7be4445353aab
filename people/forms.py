from django import forms

from people.models import GRANTABLE_ROLES, Role


class SignupDetailsForm(forms.Form):
    """The extra question allauth asks at sign-up."""

    name = forms.CharField(
        label="What would you like us to call you?",
        help_text="This does not have to be your full name.",
        max_length=150,
    )

    def signup(self, request, user):
        user.name = self.cleaned_data["name"]
        user.save(update_fields=["name"])


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text="Everyone with an account is a member. Tick the extra roles this person has.",
        choices=[(role.value, role.label) for role in GRANTABLE_ROLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, changed_by=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.changed_by = changed_by
        self.user = user

    def clean_roles(self):
        roles = {Role(value) for value in self.cleaned_data["roles"]}
        if self.user == self.changed_by and Role.ADMIN not in roles:
            raise forms.ValidationError(
                "You cannot remove your own admin role. Ask another admin to do it."
            )
        return roles


class PersonSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=200)
    role = forms.ChoiceField(
        label="Role",
        required=False,
        choices=[("", "Any role"), *[(role.value, role.label) for role in GRANTABLE_ROLES]],
    )
