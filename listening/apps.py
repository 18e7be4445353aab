from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "listening"

    def ready(self):
        from listening import calendar, data_rights, invitations
        from people.data_rights import register_data_section, register_erasure_hook
        from people.invitations import register_target_kind
        from projects.calendar import register_calendar_source

        register_calendar_source("listening", calendar.booked_entries)

        register_target_kind("event", "Listening event", open_targets=invitations.open_targets,
                             find=invitations.find, on_answer=invitations.on_answer)
        register_data_section("event_registrations", "Events you registered for",
                              data_rights.registrations_for_person)
        register_data_section("feedback", "What you told us", data_rights.feedback_for_person)
        register_erasure_hook("listening", data_rights.erase)
