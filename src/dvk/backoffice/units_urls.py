from django.urls import path

from dvk.backoffice.views.units import create, deactivate, edit, merge, move, tree

urlpatterns = [
    path("", tree.UnitTreeView.as_view(), name="list"),
    path("them/", create.UnitCreateView.as_view(), name="create_root"),
    path("sap-nhap/", merge.UnitMergeView.as_view(), name="merge"),
    path("<int:pk>/them/", create.UnitCreateView.as_view(), name="create_child"),
    path("<int:pk>/sua/", edit.UnitEditView.as_view(), name="edit"),
    path("<int:pk>/chuyen/", move.UnitMoveView.as_view(), name="move"),
    path("<int:pk>/ngung-hoat-dong/", deactivate.UnitDeactivateView.as_view(), name="deactivate"),
]
