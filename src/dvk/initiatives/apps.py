from django.apps import AppConfig
from django.db.models.signals import post_save


class InitiativesConfig(AppConfig):
    name = "dvk.initiatives"
    label = "initiatives"
    verbose_name = "Mô hình"

    def ready(self) -> None:
        from dvk.initiatives import search
        from dvk.initiatives.models import Initiative
        from dvk.units.models import Unit

        # Search tokens follow single saves; bulk writers call `search.index_initiatives` themselves.
        post_save.connect(
            search.reindex_saved_initiative, sender=Initiative, dispatch_uid="dvk-search-initiative"
        )
        post_save.connect(search.reindex_saved_unit, sender=Unit, dispatch_uid="dvk-search-unit")
