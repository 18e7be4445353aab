from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Learning together"

    def ready(self):
        from learning import data_rights
        from people.data_rights import register_data_section, register_erasure_hook

        register_data_section("learning", "Your training and forum posts",
                              data_rights.data_for_person)
        register_erasure_hook("learning", data_rights.erase)
