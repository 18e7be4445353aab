from django.apps import AppConfig


class StoriesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "stories"
    verbose_name = "Stories, case studies, partners and news"

    def ready(self):
        from people.data_rights import register_data_section, register_erasure_hook
        from stories import data_rights

        register_data_section("stories", "Your stories", data_rights.stories_for_person)
        register_data_section("partner_groups", "Groups you belong to",
                              data_rights.groups_for_person)
        register_erasure_hook("stories", data_rights.erase)
