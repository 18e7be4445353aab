"""The personal data inventory: every field of every model the portal stores, classified, with
what happens to it when a person's account is deleted (people.services.person_anonymise and the
rooms' erasure hooks, people.data_rights). tests/people/test_personal_data.py fails when a model
gains a field that is not here, checks "download my data" against it and checks erasure.

Plain data (strings), so that the people room names the other rooms' models without importing
them. Each entry:

- owner: the field naming the person the row is about ("" for rows about no one person);
- erasure: what happens to the row when that person's account is deleted;
- personal: fields that are personal data (about, or identifying, a person);
- special: special category data (UK GDPR article 9: health, disability, ethnicity, religion,
  sex life or orientation), also counted as personal;
- not_personal: fields about no one;
- not_exported: personal fields of the owner's rows left out of "download my data", and why;
- kept: personal fields whose values stay after erasure (all others are deleted or emptied);
- exported_only: when "download my data" holds only some of the owner's rows, the lookups that
  pick them (plain values), with the reason in not_exported under "rows".
"""

from dataclasses import dataclass, field

PERSONAL, SPECIAL, NOT_PERSONAL = "personal", "special category", "not personal"


@dataclass(frozen=True)
class Entry:
    erasure: str
    owner: str = ""
    personal: str = ""
    special: str = ""
    not_personal: str = ""
    not_exported: dict = field(default_factory=dict)
    kept: str = ""
    exported_only: dict = field(default_factory=dict)

    def classes(self) -> dict[str, str]:
        """field name -> PERSONAL, SPECIAL or NOT_PERSONAL."""
        return {**{name: NOT_PERSONAL for name in self.not_personal.split()},
                **{name: PERSONAL for name in self.personal.split()},
                **{name: SPECIAL for name in self.special.split()}}


KEPT = "kept: says nothing about one person"
SYSTEM = "not personal: the site's own records"
AUTHOR = ("kept: council content; the author link stays, pointing at an anonymised account "
          "(no name, no email)")

INVENTORY: dict[str, Entry] = {
    # --- Django and allauth ---
    "admin.LogEntry": Entry(
        "the object's description is replaced by the account number (person_anonymise)",
        personal="user object_repr change_message object_id",
        not_personal="id action_time content_type action_flag"),
    "auth.Permission": Entry(SYSTEM, not_personal="id name content_type codename"),
    "auth.Group": Entry(SYSTEM, not_personal="id name permissions"),
    "contenttypes.ContentType": Entry(SYSTEM, not_personal="id app_label model"),
    "sessions.Session": Entry(
        "deleted: every session of the person ends (people.services.sessions_end)",
        personal="session_key session_data expire_date"),
    "account.EmailAddress": Entry("deleted", owner="user",
                                  personal="id user email verified primary",
                                  not_exported={"id": "a number of the system's own",
                                                "email": "the account's email address, shown "
                                                         "under the account",
                                                "verified": "shown as the account's email",
                                                "primary": "shown as the account's email",
                                                "user": "the person themselves"}),
    "account.EmailConfirmation": Entry("deleted with the email address",
                                       personal="id email_address created sent key"),
    "mfa.Authenticator": Entry(
        "deleted", owner="user", personal="id user type data created_at last_used_at",
        not_exported={"data": "the secret and recovery codes: a security risk in a file",
                      "id": "a number of the system's own", "user": "the person themselves",
                      "type": "staff only; shown on the account's security page",
                      "created_at": "shown on the account's security page",
                      "last_used_at": "shown on the account's security page"}),
    "usersessions.UserSession": Entry(
        "deleted (people.services.sessions_end)", owner="user",
        personal="id user created_at ip last_seen_at session_key user_agent data",
        not_exported={"id": "a number of the system's own", "user": "the person themselves",
                      "session_key": "a secret that would sign the holder in",
                      "data": "allauth's internal record of the session",
                      "ip": "shown on the signed-in browsers page",
                      "user_agent": "shown on the signed-in browsers page",
                      "created_at": "shown on the signed-in browsers page",
                      "last_seen_at": "shown on the signed-in browsers page"}),
    # --- coproduction ---
    "coproduction.WorkerHeartbeat": Entry(SYSTEM, not_personal="id source last_seen hostname"),
    "coproduction.GlossaryTerm": Entry(KEPT, not_personal="id term plainer"),
    # --- people ---
    "people.User": Entry(
        "kept as an anonymised account: name and email emptied, password unusable, roles and "
        "sign-in removed, so kept records (claims, attendance) still point somewhere",
        owner="id",
        personal="id password last_login email name date_joined is_our_voice is_council_staff "
                 "is_finance_officer is_service_admin is_partner is_active anonymised_at "
                 "recent_involvements",
        not_personal="is_superuser groups user_permissions",
        not_exported={"id": "a number of the system's own",
                      "password": "stored only as a one-way hash",
                      "is_active": "an open account is the one downloading",
                      "anonymised_at": "empty while the account is open",
                      "is_our_voice": "shown together as Roles",
                      "is_council_staff": "shown together as Roles",
                      "is_finance_officer": "shown together as Roles",
                      "is_service_admin": "shown together as Roles",
                      "is_partner": "shown together as Roles",
                      "recent_involvements": "a count the portal works out from the "
                                             "involvements listed in the download"}),
    "people.RoleChange": Entry(
        "kept: who was given which role, for the audit of access", owner="user",
        personal="changed_by user role granted changed_at", not_personal="id",
        not_exported={"changed_by": "staff records of access, shown as the roles",
                      "user": "the person themselves", "role": "shown as the current roles",
                      "granted": "shown as the current roles",
                      "changed_at": "staff records of access, shown as the roles"}),
    "people.Area": Entry(KEPT, not_personal="id name slug"),
    "people.Topic": Entry(KEPT, not_personal="id name slug description"),
    "people.Involvement": Entry(
        "kept: participation counts in the totals and claims point at it", owner="person",
        kept="activity_key activity_title title url source starts_at hours kind recorded_at "
             "recorded_by",
        personal="person kind activity_key activity_title title starts_at hours url source "
                 "recorded_by recorded_at", not_personal="id",
        not_exported={"person": "the person themselves", "kind": "shown as the activity",
                      "activity_key": "the system's own key", "url": "a link of the portal's",
                      "source": "the system's own key",
                      "recorded_by": "staff who recorded it", "recorded_at": "when recorded"}),
    "people.Notification": Entry(
        "deleted", owner="person",
        personal="person guest_name guest_contact subject body url channel calendar dedupe_key "
                 "created_at sent_at read_at", not_personal="id",
        not_exported={"person": "the person themselves",
                      "guest_name": "only for guests without an account",
                      "guest_contact": "only for guests without an account",
                      "url": "a link of the portal's", "calendar": "the event, as a file",
                      "dedupe_key": "the system's own key", "sent_at": "shown as Sent",
                      "read_at": "when it was read on the site"}),
    "people.MemberProfile": Entry(
        "deleted", owner="user",
        personal="user phone address preferred_channel message_frequency contact_times formats "
                 "interpreter_language formats_other help_with meeting_mode availability "
                 "recognition created_by created_at updated_at topics areas",
        special="access_needs access_needs_other draws_on_care unpaid_carer",
        not_personal="id",
        not_exported={"user": "the person themselves", "created_at": "shown as Last changed",
                      "created_by": "shown as Made by staff for you"}),
    "people.Consent": Entry(
        "deleted", owner="person",
        personal="person notice_version given_at method recorded_by what_they_were_told "
                 "withdrawn_at", not_personal="id",
        not_exported={"person": "the person themselves"}),
    "people.EqualityAnswers": Entry(
        "deleted", owner="person", personal="person consented_at notice_version",
        special="age_band sex gender_identity ethnicity disability sexual_orientation religion "
                "caring", not_personal="id",
        not_exported={"person": "the person themselves",
                      "notice_version": "the version of the privacy notice, shown under "
                                        "consents"}),
    "people.PopulationFigure": Entry(KEPT, not_personal="id answer percent source"),
    "people.TrainingRecord": Entry(
        "deleted", owner="person", personal="person title provider attended_on recorded_by",
        not_personal="id", not_exported={"person": "the person themselves",
                                         "recorded_by": "staff who recorded it"}),
    "people.Invitation": Entry(
        "deleted", owner="person",
        personal="person target_kind target_id target_title target_url sent_by sent_at status "
                 "answered_at", not_personal="id",
        not_exported={"person": "the person themselves", "target_kind": "shown as To",
                      "target_id": "shown as To", "target_url": "a link of the portal's",
                      "sent_by": "staff who sent it"}),
    "people.StaffAccess": Entry(
        "kept: the audit of staff who opened or acted on the person's record; it names no one "
        "but by account number", owner="subject",
        personal="actor action subject count detail at",
        not_personal="id object_type object_id", kept="actor action subject count detail at",
        exported_only={"action__in": ("created_profile", "acted_for")},
        not_exported={"subject": "the person themselves", "count": "how many were viewed",
                      "rows": "what staff did for the person is theirs; the record of who "
                              "looked, exported, decided or sent is the council's security "
                              "log (their claims and messages are in the download)"}),
    "people.RetentionCheck": Entry(
        "deleted", owner="person", personal="person flagged_at question", not_personal="id",
        not_exported={"person": "the person themselves",
                      "flagged_at": "the question is among the messages sent",
                      "question": "among the messages sent"}),
    "people.DataExport": Entry(
        "deleted, and its file (people.data_export.data_export_erase)", owner="person",
        personal="person version status reason requested_at started_at finished_at attempts "
                 "file size", not_personal="id",
        not_exported={field: "the download itself, listed on the my data page"
                      for field in ("person version status reason requested_at started_at "
                                    "finished_at attempts file size").split()}),
    # --- projects ---
    "projects.Project": Entry(
        AUTHOR, personal="staff_co_chair lived_experience_co_chair",
        not_personal="id title summary easy_read_summary problem aims in_scope out_of_scope "
                     "who_for what_is_involved where access_arrangements expenses_and_payment "
                     "level status starts_on ends_on places online in_person time_of_day paid "
                     "terms_of_reference terms_document assurance outcome_summary created_at "
                     "is_our_voice_group topics areas"),
    "projects.StatusChange": Entry(AUTHOR, personal="changed_by",
                                   not_personal="id project from_status to_status changed_at"),
    "projects.AssuranceScore": Entry(
        AUTHOR, personal="reviewer",
        not_personal="id project skills learning include language honest review scored_at"),
    "projects.AssuranceComment": Entry(
        "the comment's words become \"(removed)\"", owner="author",
        personal="author body created_at replied_by", not_personal="id project reply replied_at",
        not_exported={"author": "the person themselves", "body": "Our Voice's review comments "
                      "are the group's, shown on the project's review page",
                      "created_at": "shown on the project's review page"}),
    "projects.AssuranceDecision": Entry(AUTHOR, personal="decided_by",
                                        not_personal="id project decision reasons decided_at"),
    "projects.Interest": Entry(
        "what they bring and their access needs are emptied; the row stays for the counts",
        owner="person", personal="person what_i_bring state message created_at decided_at "
                                 "decided_by", special="access_needs needs", not_personal="id "
                                 "project",
        not_exported={"person": "the person themselves", "decided_by": "staff who decided",
                      "message": "staff's note with the decision, sent as a message"}),
    "projects.Membership": Entry(
        "access needs emptied; the row stays (attendance and payments need it)", owner="person",
        personal="person role joined_at left_at", special="access_needs needs",
        not_personal="id project", not_exported={"person": "the person themselves"}),
    "projects.Session": Entry(KEPT, not_personal="id project title starts_at ends_at in_person "
                                                 "venue address venue_access online online_link "
                                                 "what_to_bring arranged reminders_sent_at"),
    "projects.Attendance": Entry(
        "kept: payments and counts need it", owner="person",
        personal="person hours marked_by marked_at", not_personal="id session",
        not_exported={"person": "the person themselves",
                      "marked_by": "staff who marked it", "marked_at": "when marked",
                      "hours": "shown under participation"}),
    "projects.Update": Entry(AUTHOR, personal="author",
                             not_personal="id project title body public created_at sent_at"),
    "projects.Evaluation": Entry(
        "the comment is emptied; the scores stay for the project's evaluation", owner="person",
        personal="person listened equal valued understood access_met again comment from_start "
                 "share_comment submitted_at", not_personal="id project",
        not_exported={"person": "the person themselves"}),
    "projects.Reflection": Entry(AUTHOR, personal="author",
                                 not_personal="id project what_changed do_differently "
                                              "written_at"),
    "projects.CalendarFeed": Entry(
        "deleted", owner="person", personal="person token", not_personal="id",
        not_exported={"person": "the person themselves",
                      "token": "a secret that opens the calendar"}),
    "projects.MeetingPaper": Entry(AUTHOR, personal="uploaded_by",
                                   not_personal="id session kind format title file uploaded_at"),
    "projects.ActionItem": Entry(
        AUTHOR, personal="owner updated_by",
        not_personal="id project action due_on status note session updated_at"),
    # --- listening ---
    "listening.EventKind": Entry(KEPT, not_personal="id name slug"),
    "listening.Event": Entry(
        AUTHOR, personal="host created_by",
        not_personal="id kind title description audience starts_at ends_at in_person venue "
                     "accessibility online online_details capacity companions_take_places "
                     "project is_published created_at topics areas"),
    "listening.Registration": Entry(
        "deleted", owner="person",
        personal="person guest_name guest_contact_method guest_contact brings_carer "
                 "brings_assistant brings_interpreter status walk_in attended created_at "
                 "reminder_sent_at", special="access_needs", not_personal="id event",
        not_exported={"person": "the person themselves",
                      "guest_name": "only for guests without an account",
                      "guest_contact_method": "only for guests without an account",
                      "guest_contact": "only for guests without an account",
                      "reminder_sent_at": "the reminder is among the messages sent"}),
    "listening.GuestMessage": Entry("a guest's: no account to delete",
                                    personal="registration key notification created_at",
                                    not_personal="id"),
    "listening.Theme": Entry(KEPT, not_personal="id easy_read_text easy_read_picture name "
                                                "created_at"),
    "listening.FeedbackItem": Entry(
        "kept anonymous: the link to the person goes (it shaped commitments)", owner="person",
        personal="person entered_by consent_to_quote wants_updates created_at",
        not_personal="id event question text channel topic area themes",
        not_exported={"person": "the person themselves",
                      "entered_by": "staff who typed it in for them",
                      "consent_to_quote": "shown with what they said",
                      "wants_updates": "shown with what they said"}),
    "listening.Commitment": Entry(
        AUTHOR, personal="owner created_by",
        not_personal="id easy_read_text easy_read_picture event you_said we_will due_date "
                     "status reason topic area created_at last_update_at owner_reminded_at "
                     "feedback_items themes"),
    "listening.CommitmentUpdate": Entry(AUTHOR, personal="created_by",
                                        not_personal="id commitment status text created_at"),
    "listening.Report": Entry(
        AUTHOR, personal="requested_by",
        not_personal="id title scope event project date_from date_to topic area version status "
                     "reason requested_at started_at finished_at attempts file size "
                     "is_published published_at tell_our_voice request_key"),
    # --- payments ---
    "payments.ActivityType": Entry(KEPT, not_personal="id name description is_paid order "
                                                      "active"),
    "payments.ActivityRate": Entry(KEPT, not_personal="id activity_type effective_from unit "
                                                      "amount unit_hours"),
    "payments.ExpenseType": Entry(KEPT, not_personal="id name description kind needs_receipt "
                                                     "needs_prior_agreement order active"),
    "payments.ExpenseRate": Entry(KEPT, not_personal="id expense_type effective_from "
                                                     "rate_per_mile cap"),
    "payments.VoucherOption": Entry(KEPT, not_personal="id name denomination active"),
    "payments.Threshold": Entry(KEPT, not_personal="id name period counts amount "
                                                   "warn_at_percent message source active order"),
    "payments.Claim": Entry(
        "drafts deleted with their receipts; sent claims kept for the finance retention "
        "period without the notes (payments.data_rights.erase_for_person)", owner="person",
        kept="activity_title charity_name decision_reason",
        personal="person made_by involvement activity_title activity_date status "
                 "payment_choice charity_name voucher_option notes answers decision_reason "
                 "created_at submitted_at decided_by decided_at paid_at", not_personal="id",
        not_exported={"person": "the person themselves", "made_by": "who typed it in",
                      "involvement": "shown as the activity",
                      "answers": "the steps' answers, shown as the claim's fields",
                      "voucher_option": "shown as how paid for time",
                      "created_at": "shown on the claim's page",
                      "submitted_at": "shown on the claim's page",
                      "decided_by": "staff who decided",
                      "decided_at": "shown on the claim's page",
                      "decision_reason": "shown on the claim's page"}),
    "payments.ClaimLine": Entry(
        "kept with the claim", owner="claim__person", kept="description rate_unit",
        personal="claim category activity_type expense_type description quantity rate "
                 "rate_unit amount", not_personal="id",
        not_exported={"claim": "under the claim", "category": "shown in the line",
                      "activity_type": "shown in the line", "expense_type": "shown in the line",
                      "quantity": "shown in the line", "rate": "shown in the line",
                      "rate_unit": "shown in the line"}),
    "payments.Receipt": Entry(
        "a draft's deleted with its file; a sent claim's kept for the finance retention "
        "period, its name on their device replaced by \"receipt\"", owner="claim__person",
        kept="token kind",
        personal="claim file token kind original_name uploaded_by uploaded_at",
        not_personal="id",
        not_exported={"claim": "under the claim", "file": "the picture itself, on the claim's "
                      "page", "token": "the system's own key", "kind": "the file's type",
                      "original_name": "the file's name on their device",
                      "uploaded_by": "who uploaded it", "uploaded_at": "when"}),
    "payments.ClaimEvent": Entry(
        "kept with the claim", owner="claim__person", kept="reason",
        personal="claim from_status to_status by at reason", not_personal="id",
        not_exported={field: "the claim's history, on the claim's page"
                      for field in "claim from_status to_status by at reason".split()}),
    "payments.PayeeDetails": Entry(
        "kept: the reference is pseudonymous (the finance system's number for the person, no "
        "bank details), needed to match payments for the retention period", owner="person",
        kept="reference",
        personal="person reference set_by set_at", not_personal="id",
        not_exported={"person": "the person themselves", "set_by": "finance officer",
                      "set_at": "when set"}),
    "payments.PaymentBatch": Entry(
        "kept for the finance retention period; the person's name and email leave its CSV, "
        "which keeps their payee reference (payments.data_rights.erase_for_person)",
        personal="created_by paid_by csv",
        not_personal="id status created_at claim_count total paid_at"),
    "payments.BatchItem": Entry("kept with the claim", not_personal="id batch claim"),
    # --- messaging ---
    "messaging.Digest": Entry(
        "deleted", owner="person",
        personal="person frequency since until notification item_count created_at",
        not_personal="id",
        not_exported={field: "the digest is among the messages sent"
                      for field in "person frequency since until notification item_count "
                                   "created_at".split()}),
    "messaging.Delivery": Entry(
        "deleted with the message", owner="notification__person",
        personal="notification channel version to subject text status notify_id error "
                 "attempts created_at sent_at status_at receipt_at fallback_from "
                 "fallback_reason done_by done_at call_note digest", not_personal="id",
        not_exported={"notification": "the message, listed under messages",
                      "notify_id": "GOV.UK Notify's own key", "error": "a technical reason",
                      "attempts": "a technical count", "fallback_from": "the system's own link",
                      "done_by": "staff who made the call", "digest": "the system's own link",
                      "text": "the message, listed under messages",
                      "subject": "the message, listed under messages",
                      "call_note": "staff's note of a phone call",
                      "receipt_at": "when Notify confirmed it",
                      "created_at": "when queued", "status_at": "when the status changed",
                      "fallback_reason": "a technical reason", "version": "the format",
                      "done_at": "when the call was made"}),
    "messaging.CallAttempt": Entry("deleted with the message", owner="delivery__notification"
                                                                     "__person",
                                   personal="delivery outcome note by at", not_personal="id",
                                   not_exported={field: "staff's record of a phone call"
                                                 for field in "delivery outcome note by "
                                                              "at".split()}),
    # --- learning ---
    "learning.Course": Entry(AUTHOR, personal="created_by",
                             not_personal="id title audience summary what_you_will_learn "
                                          "easy_read_summary provider published created_at"),
    "learning.CourseSession": Entry(KEPT, not_personal="id course starts_at ends_at in_person "
                                                       "venue address online online_link "
                                                       "access_arrangements arranged capacity "
                                                       "reminders_sent_at"),
    "learning.Booking": Entry(
        "access needs emptied; the booking stays (co-trainer payments and counts need it)",
        owner="person", personal="person status created_at reminder_sent_at",
        special="access_needs needs", not_personal="id session",
        not_exported={"person": "the person themselves",
                      "reminder_sent_at": "the reminder is among the messages sent"}),
    "learning.Trainer": Entry("kept: co-trainer payments need it", owner="person",
                              personal="person kind hours", not_personal="id session",
                              not_exported={"person": "the person themselves"}),
    "learning.Completion": Entry(
        "kept: counts need it", owner="person",
        personal="person course session completed_on source training_record recorded_by "
                 "recorded_at", not_personal="id",
        not_exported={"person": "the person themselves", "training_record": "shown under "
                      "training", "recorded_by": "staff who recorded it",
                      "recorded_at": "when recorded", "source": "how it was recorded"}),
    "learning.ToolkitPage": Entry(KEPT, not_personal="id slug title summary body order"),
    "learning.ToolkitTemplate": Entry(KEPT, not_personal="id slug title description body "
                                                         "order"),
    "learning.ChecklistItem": Entry(KEPT, not_personal="id text hint order active"),
    "learning.ChecklistAnswer": Entry(AUTHOR, personal="answered_by",
                                      not_personal="id project item done note answered_at"),
    "learning.ForumTheme": Entry(KEPT, not_personal="id name slug order"),
    "learning.Moderator": Entry("kept until an admin removes it", owner="person",
                                personal="person added_at", not_personal="id",
                                not_exported={"person": "a role, shown as the roles",
                                              "added_at": "a role, shown as the roles"}),
    "learning.Topic": Entry(
        "kept for the forum's other posts; its opening post's words go", owner="author",
        personal="author created_at", not_personal="id title kind theme last_post_at hidden_at",
        not_exported={"author": "the person themselves", "created_at": "shown with the post"}),
    "learning.Post": Entry(
        "the words become \"(removed)\"", owner="author",
        personal="author body created_at hidden_by hidden_reason",
        not_personal="id topic is_opening hidden_at",
        not_exported={"author": "the person themselves", "hidden_by": "the moderator",
                      "hidden_reason": "the moderator's reason"}),
    "learning.Helpful": Entry("kept: a count on the post", owner="person",
                              personal="person marked_at", not_personal="id post",
                              not_exported={"person": "the person themselves",
                                            "marked_at": "a count on the post"}),
    "learning.Follow": Entry("kept: which topics they are told about", owner="person",
                             personal="person followed_at", not_personal="id topic",
                             not_exported={"person": "the person themselves",
                                           "followed_at": "a setting on the topic's page"}),
    "learning.Report": Entry(
        "the reason becomes \"(removed)\"", owner="reported_by",
        personal="reported_by reason reported_at resolved_by", not_personal="id post resolved_at",
        not_exported={"reported_by": "the person themselves",
                      "reason": "a report to the moderators, about someone else's post",
                      "reported_at": "a report to the moderators",
                      "resolved_by": "the moderator"}),
    # --- stories ---
    "stories.Story": Entry(
        "not yet published: deleted; published: kept, pointing at the anonymised account",
        owner="author", personal="author body title by_staff status staff_note created_at "
                                 "published_at",
        not_personal="id easy_read_summary topics projects",
        not_exported={"author": "the person themselves", "by_staff": "who wrote it",
                      "staff_note": "staff's note to the author, shown on the story's page"}),
    "stories.StoryStatusChange": Entry(AUTHOR, personal="changed_by",
                                       not_personal="id story from_status to_status "
                                                    "changed_at"),
    "stories.Quote": Entry(
        "kept with the story it was given consent for", personal="text speaker "
        "consent_recorded_by", not_personal="id story consent_given consent_recorded_at"),
    "stories.Picture": Entry(AUTHOR, personal="uploaded_by image",
                             not_personal="id story kind alt_text uploaded_at"),
    "stories.CaseStudy": Entry(
        AUTHOR, personal="created_by published_by",
        not_personal="id uid source from_council source_uid project title summary problem "
                     "who_was_involved what_they_did what_changed learning conditions barriers "
                     "easy_read_summary started_on ended_on level_of_involvement "
                     "people_involved how_often evaluation_results commitments_met status "
                     "created_at published_at"),
    "stories.Partner": Entry(
        "the person leaves the organisation's members", personal="contact_name contact_email "
        "contact_phone members", not_personal="id name what_they_do website projects events"),
    "stories.PartnerAccount": Entry(
        "deleted", owner="user", personal="user partner added_by added_at", not_personal="id",
        not_exported={"user": "the person themselves", "added_by": "staff who added it",
                      "added_at": "when"}),
    "stories.NewsPost": Entry(AUTHOR, personal="author",
                              not_personal="id title body easy_read status created_at "
                                           "published_at updated_at topics areas"),
}
