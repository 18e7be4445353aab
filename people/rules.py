"""Object-level rules for the people room."""

from people.models import DataExport, Invitation, Role


def can_answer_invitation(user, invitation: Invitation) -> bool:
    """Only the invited person sees and answers their invitation."""
    return user.is_authenticated and user.is_active and invitation.person_id == user.pk


def can_download_data_export(user, export: DataExport) -> bool:
    """A copy of someone's data is theirs alone: not staff, not an admin."""
    return user.is_authenticated and user.is_active and export.person_id == user.pk


def can_view_full_profile(user) -> bool:
    """Staff see members' full profiles (each view is recorded), never equality answers."""
    return user.is_authenticated and user.has_role(Role.STAFF)
