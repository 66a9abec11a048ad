"""The demo's unit tree: the localities of the two seed reports, as they were and as they are since the 2025
reform. Huyện Na Hang (072) and thành phố Bắc Kạn (058) keep their official codes; commune codes are
illustrative."""

from dataclasses import dataclass, field
from datetime import date

from dvk.units.models import DocumentLayout, Unit, UnitKind

REFORM_DAY = date(2025, 7, 1)
LAST_OLD_DAY = date(2025, 6, 30)

NA_HANG_COMMUNES = [  # (code, name, kind, post-2025 commune it merged into)
    ("02239", "Thị trấn Na Hang", UnitKind.TOWNSHIP, "xa-na-hang"),
    ("02242", "Xã Côn Lôn", UnitKind.COMMUNE, "xa-con-lon"),
    ("02245", "Xã Đà Vị", UnitKind.COMMUNE, "xa-hong-thai"),
    ("02248", "Xã Hồng Thái", UnitKind.COMMUNE, "xa-hong-thai"),
    ("02251", "Xã Khau Tinh", UnitKind.COMMUNE, "xa-yen-hoa"),
    ("02254", "Xã Năng Khả", UnitKind.COMMUNE, "xa-na-hang"),
    ("02257", "Xã Sinh Long", UnitKind.COMMUNE, "xa-con-lon"),
    ("02260", "Xã Sơn Phú", UnitKind.COMMUNE, "xa-son-phu"),
    ("02263", "Xã Thanh Tương", UnitKind.COMMUNE, "xa-son-phu"),
    ("02266", "Xã Thượng Giáp", UnitKind.COMMUNE, "xa-thuong-nong"),
    ("02269", "Xã Thượng Nông", UnitKind.COMMUNE, "xa-thuong-nong"),
    ("02272", "Xã Yên Hoa", UnitKind.COMMUNE, "xa-yen-hoa"),
]
NEW_TUYEN_QUANG_COMMUNES = [
    ("xa-na-hang", "02281", "Xã Na Hang"),
    ("xa-con-lon", "02284", "Xã Côn Lôn"),
    ("xa-hong-thai", "02287", "Xã Hồng Thái"),
    ("xa-yen-hoa", "02290", "Xã Yên Hoa"),
    ("xa-son-phu", "02293", "Xã Sơn Phú"),
    ("xa-thuong-nong", "02296", "Xã Thượng Nông"),
]
NA_HANG_ORGANISATIONS = [
    ("072-MT", "Ủy ban MTTQ Việt Nam huyện Na Hang"),
    ("072-PN", "Hội Liên hiệp Phụ nữ huyện Na Hang"),
    ("072-ND", "Hội Nông dân huyện Na Hang"),
    ("072-DTN", "Huyện đoàn Na Hang"),
    ("072-CCB", "Hội Cựu chiến binh huyện Na Hang"),
    ("072-LDLD", "Liên đoàn Lao động huyện Na Hang"),
]
BAC_KAN_WARDS = [
    ("01840", "Phường Đức Xuân", UnitKind.WARD, "phuong-duc-xuan"),
    ("01834", "Phường Nguyễn Thị Minh Khai", UnitKind.WARD, "phuong-duc-xuan"),
    ("01843", "Phường Phùng Chí Kiên", UnitKind.WARD, "phuong-bac-kan"),
    ("01837", "Phường Sông Cầu", UnitKind.WARD, "phuong-bac-kan"),
    ("01846", "Phường Huyền Tụng", UnitKind.WARD, "phuong-bac-kan"),
    ("01855", "Phường Xuất Hóa", UnitKind.WARD, "phuong-duc-xuan"),
    ("01849", "Xã Dương Quang", UnitKind.COMMUNE, "phuong-duc-xuan"),
    ("01852", "Xã Nông Thượng", UnitKind.COMMUNE, "phuong-bac-kan"),
]
NEW_THAI_NGUYEN_WARDS = [
    ("phuong-duc-xuan", "01861", "Phường Đức Xuân"),
    ("phuong-bac-kan", "01864", "Phường Bắc Kạn"),
]
BAC_KAN_ORGANISATIONS = [
    ("058-MT", "Ủy ban MTTQ Việt Nam thành phố Bắc Kạn"),
    ("058-PN", "Hội Liên hiệp Phụ nữ thành phố Bắc Kạn"),
    ("058-DTN", "Thành đoàn Bắc Kạn"),
    ("058-CCB", "Hội Cựu chiến binh thành phố Bắc Kạn"),
]


@dataclass
class DemoUnits:
    tuyen_quang: Unit
    na_hang: Unit
    na_hang_members: list[Unit] = field(default_factory=list)  # communes and organisations
    na_hang_communes: list[Unit] = field(default_factory=list)
    thai_nguyen: Unit | None = None
    bac_kan_province: Unit | None = None
    bac_kan: Unit | None = None
    bac_kan_members: list[Unit] = field(default_factory=list)
    bac_kan_wards: list[Unit] = field(default_factory=list)


def _unit(parent: Unit | None, code: str, name: str, kind: str, **fields) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    values = {"code": code, "name": name, "kind": kind, **fields}
    node = Unit.objects.add_child(parent, values) if parent else Unit.objects.add_root(values)
    return Unit.objects.get(pk=node.pk)


def _commune_headers(district_header: str, name: str, kind: str) -> dict:
    short = name.split(" ", 1)[1] if kind != UnitKind.TOWNSHIP else name.removeprefix("Thị trấn ")
    title = {UnitKind.TOWNSHIP: "THỊ TRẤN", UnitKind.WARD: "PHƯỜNG"}.get(kind, "XÃ")
    return {
        "header_superior": district_header,
        "header_issuer": f"ĐẢNG ỦY {title} {short.upper()}",
        "state_header_superior": "ỦY BAN NHÂN DÂN",
        "state_header_issuer": f"{title} {short.upper()}",
        "number_suffix": "ĐU",
        "place_name": short,
    }


def build_units() -> DemoUnits:
    tq = _unit(
        None,
        "08",
        "Tỉnh Tuyên Quang",
        UnitKind.PROVINCE,
        header_issuer="TỈNH ỦY TUYÊN QUANG",
        state_header_superior="ỦY BAN NHÂN DÂN",
        state_header_issuer="TỈNH TUYÊN QUANG",
        number_suffix="TU",
        place_name="Tuyên Quang",
    )
    na_hang = _unit(
        tq,
        "072",
        "Huyện Na Hang",
        UnitKind.DISTRICT,
        valid_to=LAST_OLD_DAY,
        is_active=False,
        header_superior="ĐẢNG BỘ TỈNH TUYÊN QUANG",
        header_issuer="HUYỆN ỦY NA HANG",
        state_header_superior="ỦY BAN NHÂN DÂN",
        state_header_issuer="HUYỆN NA HANG",
        number_suffix="HU",
        place_name="Na Hang",
    )
    new_tq = {
        key: _unit(
            tq,
            code,
            name,
            UnitKind.COMMUNE,
            valid_from=REFORM_DAY,
            **_commune_headers("ĐẢNG BỘ TỈNH TUYÊN QUANG", name, UnitKind.COMMUNE),
        )
        for key, code, name in NEW_TUYEN_QUANG_COMMUNES
    }
    demo = DemoUnits(tuyen_quang=tq, na_hang=na_hang)
    for code, name, kind, into in NA_HANG_COMMUNES:
        commune = _unit(
            na_hang,
            code,
            name,
            kind,
            valid_to=LAST_OLD_DAY,
            merged_into=new_tq[into],
            is_active=False,
            **_commune_headers("ĐẢNG BỘ HUYỆN NA HANG", name, kind),
        )
        demo.na_hang_communes.append(commune)
    for code, name in NA_HANG_ORGANISATIONS:
        demo.na_hang_members.append(
            _unit(
                na_hang,
                code,
                name,
                UnitKind.MASS_ORGANISATION,
                valid_to=LAST_OLD_DAY,
                is_active=False,
                document_layout=DocumentLayout.STATE,
                place_name="Na Hang",
            )
        )
    demo.na_hang_members[:0] = demo.na_hang_communes

    tn = _unit(
        None,
        "19",
        "Tỉnh Thái Nguyên",
        UnitKind.PROVINCE,
        header_issuer="TỈNH ỦY THÁI NGUYÊN",
        state_header_superior="ỦY BAN NHÂN DÂN",
        state_header_issuer="TỈNH THÁI NGUYÊN",
        number_suffix="TU",
        place_name="Thái Nguyên",
    )
    bk_province = _unit(
        None,
        "06",
        "Tỉnh Bắc Kạn",
        UnitKind.PROVINCE,
        valid_to=LAST_OLD_DAY,
        merged_into=tn,
        is_active=False,
        header_issuer="TỈNH ỦY BẮC KẠN",
        state_header_superior="ỦY BAN NHÂN DÂN",
        state_header_issuer="TỈNH BẮC KẠN",
        number_suffix="TU",
        place_name="Bắc Kạn",
    )
    bac_kan = _unit(
        bk_province,
        "058",
        "Thành phố Bắc Kạn",
        UnitKind.PROVINCIAL_CITY,
        valid_to=LAST_OLD_DAY,
        is_active=False,
        header_superior="ĐẢNG BỘ TỈNH BẮC KẠN",
        header_issuer="THÀNH ỦY BẮC KẠN",
        state_header_superior="ỦY BAN NHÂN DÂN",
        state_header_issuer="THÀNH PHỐ BẮC KẠN",
        number_suffix="TU",
        place_name="Bắc Kạn",
    )
    new_tn = {
        key: _unit(
            tn,
            code,
            name,
            UnitKind.WARD,
            valid_from=REFORM_DAY,
            **_commune_headers("ĐẢNG BỘ TỈNH THÁI NGUYÊN", name, UnitKind.WARD),
        )
        for key, code, name in NEW_THAI_NGUYEN_WARDS
    }
    demo.thai_nguyen, demo.bac_kan_province, demo.bac_kan = tn, bk_province, bac_kan
    for code, name, kind, into in BAC_KAN_WARDS:
        ward = _unit(
            bac_kan,
            code,
            name,
            kind,
            valid_to=LAST_OLD_DAY,
            merged_into=new_tn[into],
            is_active=False,
            **_commune_headers("ĐẢNG BỘ THÀNH PHỐ BẮC KẠN", name, kind),
        )
        demo.bac_kan_wards.append(ward)
    for code, name in BAC_KAN_ORGANISATIONS:
        demo.bac_kan_members.append(
            _unit(
                bac_kan,
                code,
                name,
                UnitKind.MASS_ORGANISATION,
                valid_to=LAST_OLD_DAY,
                is_active=False,
                document_layout=DocumentLayout.STATE,
                place_name="Bắc Kạn",
            )
        )
    demo.bac_kan_members[:0] = demo.bac_kan_wards
    return demo
