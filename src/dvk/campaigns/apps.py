from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "dvk.campaigns"
    label = "campaigns"
    verbose_name = "Giai đoạn và danh mục"
