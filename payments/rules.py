"""Who may do what to a claim or batch. Page-level roles are checked by role_required; these
are the object-level rules, used by the services and by the views' access helpers."""

from coproduction.roles import Role, has_role


def can_view_claim(user, claim) -> bool:
    """The claimant, whoever made it for them, staff and finance."""
    if not user.is_authenticated:
        return False
    return (user.pk in (claim.person_id, claim.made_by_id)
            or has_role(user, Role.STAFF) or has_role(user, Role.FINANCE))


def can_see_payments_of(user, person) -> bool:
    """A person's claims, totals and benefits letter: theirs, and staff and finance acting for
    them. Never another member."""
    if not user.is_authenticated:
        return False
    return user.pk == person.pk or has_role(user, Role.STAFF) or has_role(user, Role.FINANCE)


def can_edit_claim(user, claim) -> bool:
    """The claimant, or the member of staff who made it for them, while it is a draft or
    returned to them."""
    return claim.editable and user.is_authenticated and user.pk in (claim.person_id,
                                                                    claim.made_by_id)


def can_claim_for(user, person) -> bool:
    """People claim for themselves; staff may claim for anyone (it is recorded)."""
    return user.is_authenticated and (user.pk == person.pk or has_role(user, Role.STAFF))


def can_decide_claim(user, claim) -> bool:
    """Staff approve, return or reject, but never a claim they made or that pays them:
    separation of duties."""
    return (has_role(user, Role.STAFF)
            and user.pk not in (claim.person_id, claim.made_by_id))


def why_cannot_decide(user, claim) -> str:
    """For staff who may see a claim but not decide it: why, in their words."""
    if user.pk == claim.person_id:
        return "This claim pays you, so you cannot decide it. Another member of staff must."
    if user.pk == claim.made_by_id:
        return ("You made this claim for them, so you cannot decide it. Another member of staff "
                "must: that way, two people have checked every claim.")
    return ""


def can_view_receipt(user, receipt) -> bool:
    return can_view_claim(user, receipt.claim)


def can_run_batches(user) -> bool:
    return has_role(user, Role.FINANCE)
