"""Screen forms of the import pages: the upload (which register, which file) and the confirmation. They
validate input; the views hand it to `dvk.imports.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from dvk.backoffice.forms_units import BootstrapFormMixin
from dvk.imports.models import ImportKind
from dvk.imports.reading import max_bytes

ACCEPT = ".xlsx,.xls,.ods,.csv"


class ImportUploadForm(BootstrapFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại dữ liệu"), choices=ImportKind.choices, initial=ImportKind.INITIATIVES
    )
    file = forms.FileField(
        label=_("Tệp dữ liệu"),
        help_text=_("Excel (.xlsx, .xls), OpenDocument (.ods) hoặc CSV (UTF-8)."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = max_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "Tệp nặng %(size)s MB, vượt giới hạn %(limit)s MB cho một lần nhập. Hãy chia thành nhiều tệp."
                )
                % {
                    "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                    "limit": limit // (1024 * 1024),
                }
            )
        return upload


class ImportStartForm(forms.Form):
    """Which rows to write: all (refused if any row has a problem) or only the valid ones."""

    only_valid = forms.BooleanField(required=False)
