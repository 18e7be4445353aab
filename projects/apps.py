from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        from people.invitations import register_target_kind
        from projects import invitations

        register_target_kind("project", "Project", open_targets=invitations.open_targets,
                             find=invitations.find, on_answer=invitations.on_answer)
