"""What the commendation pages share: the permission gate and turning honoree rows into service input."""

from dvk.accounts import roles
from dvk.backoffice.views.base import PermissionGateMixin
from dvk.commendations.selectors import HonoreeData
from dvk.core.text import clean
from dvk.initiatives.selectors import initiatives_for_user
from dvk.units.selectors import unit_ids_with_permission, units_for_user


class CommendationPageMixin(PermissionGateMixin):
    """The commendation pages: for those who manage commendations."""

    permissions: tuple[str, ...] = (roles.MANAGE_COMMENDATIONS,)


def honoree_units(user) -> list:
    """Units an honoree may belong to: those of the user's commendation scope (historical ones included)."""
    return list(
        units_for_user(user).filter(pk__in=unit_ids_with_permission(user, roles.MANAGE_COMMENDATIONS))
    )


def label_rows(formset, units) -> None:
    """Show, under each honoree row's unit code, the name of the unit it designates."""
    names = {unit.code.casefold(): unit.name for unit in units}
    for form in formset:
        code = clean(str(form["unit"].value() or ""))
        form.unit_name = names.get(code.casefold(), "")


def honorees_from_forms(user, forms) -> list[HonoreeData] | None:
    """HonoreeData for the filled rows, resolving unit codes and initiative codes in one query each; None
    (with errors added to the rows) when a code is unknown in the user's scope."""
    rows = [form for form in forms if not form.is_blank]
    units = {unit.code.casefold(): unit for unit in honoree_units(user)}
    codes = {code for form in rows for code in form.cleaned_data["codes"]}
    wanted = codes | {code.upper() for code in codes}
    initiatives = (
        {i.code.casefold(): i for i in initiatives_for_user(user).filter(code__in=wanted)} if codes else {}
    )
    result, ok = [], True
    for form in rows:
        data = form.cleaned_data
        unit = units.get(clean(data["unit"]).casefold())
        if unit is None:
            form.add_error("unit", f"Không có đơn vị mã “{data['unit']}” trong phạm vi khen thưởng của bạn.")
            ok = False
            continue
        missing = [code for code in data["codes"] if code.casefold() not in initiatives]
        if missing:
            form.add_error("initiative_codes", f"Không tìm thấy mô hình: {', '.join(missing)}.")
            ok = False
            continue
        result.append(
            HonoreeData(
                kind=data["kind"],
                name=data["name"],
                position=data["position"],
                unit=unit,
                initiatives=[initiatives[code.casefold()] for code in data["codes"]],
            )
        )
    return result if ok else None
