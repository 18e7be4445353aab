from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"

    def ready(self):
        from people.data_rights import register_data_section, register_erasure_hook
        from people.invitations import register_target_kind
        from projects import data_rights, invitations

        register_target_kind("project", "Project", open_targets=invitations.open_targets,
                             find=invitations.find, on_answer=invitations.on_answer)
        register_data_section("projects", "Your projects", data_rights.data_for_person)
        register_erasure_hook("projects", data_rights.erase)
