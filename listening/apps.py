from django.apps import AppConfig


class ListeningConfig(AppConfig):
    name = "listening"

    def ready(self):
        from listening import invitations
        from people.invitations import register_target_kind

        register_target_kind("event", "Listening event", open_targets=invitations.open_targets,
                             find=invitations.find, on_answer=invitations.on_answer)
