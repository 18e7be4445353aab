"""One access helper per object type, the one convention in every room: `<entity>_for_user(user,
pk)` fetches the object with what its pages need, checks the room's rule, and answers 404
(never saying whether something exists that the person may not see). Every view calls these."""

from django.http import Http404

from people import rules
from people.models import DataExport, Invitation, User
from people.selectors import people_bank_members


def invitation_for_user(user, pk) -> Invitation:
    invitation = Invitation.objects.filter(pk=pk).first()
    if invitation is None or not rules.can_answer_invitation(user, invitation):
        raise Http404
    return invitation


def person_for_user(user, pk) -> User:
    """One member's full profile for staff: everything but equality answers. Only people in
    the people bank: someone who withdrew (or never joined, such as a staff account) is not
    shown here; what a live obligation needs, such as an unpaid claim, the claim's own pages
    show."""
    person = (people_bank_members().filter(pk=pk, anonymised_at=None).select_related("profile")
              .prefetch_related("profile__topics", "profile__areas").first())
    if person is None or not rules.can_view_full_profile(user):
        raise Http404
    return person


def data_export_for_user(user, pk) -> DataExport:
    """A "download my data" PDF: its owner's only (404 for anyone else)."""
    export = DataExport.objects.filter(pk=pk).first()
    if export is None or not rules.can_download_data_export(user, export):
        raise Http404
    return export
