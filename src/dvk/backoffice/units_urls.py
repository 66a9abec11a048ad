from django.urls import path

from dvk.backoffice.views.units import tree

urlpatterns = [
    path("", tree.UnitTreeView.as_view(), name="list"),
]
