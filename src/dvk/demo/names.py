"""Vietnamese names, places and model themes the demo data is drawn from (deterministically)."""

SURNAMES = [
    "Hoàng",
    "Ma",
    "Triệu",
    "Lý",
    "Nông",
    "Đặng",
    "Bàn",
    "Nguyễn",
    "Lương",
    "Quan",
    "Chu",
    "Hà",
    "Lâm",
    "Mạc",
    "Hứa",
    "Dương",
    "Lục",
    "Trần",
    "Phạm",
    "Vi",
]
MALE_GIVEN = [
    "Văn Hùng",
    "Văn Thắng",
    "Đức Minh",
    "Văn Tuấn",
    "Văn Sơn",
    "Quang Huy",
    "Văn Khánh",
    "Văn Thành",
    "Ngọc Lâm",
    "Văn Phúc",
    "Đình Chiến",
    "Văn Hải",
    "Xuân Trường",
    "Văn Lợi",
    "Văn Tài",
]
FEMALE_GIVEN = [
    "Thị Hoa",
    "Thị Lan",
    "Thị Thu",
    "Thị Hằng",
    "Thị Mai",
    "Thị Nguyệt",
    "Thị Dung",
    "Thị Hiền",
    "Thị Phượng",
    "Thị Yến",
    "Thị Thảo",
    "Thị Hương",
    "Thị Ngọc",
    "Thị Vân",
    "Thị Tuyết",
]

VILLAGES_NA_HANG = [
    "Nà Mỏ",
    "Bản Lằn",
    "Nà Khá",
    "Phiêng Rào",
    "Khuổi Phìn",
    "Nà Tông",
    "Bản Tấu",
    "Nà Lõa",
    "Pắc Khoang",
    "Nà Thưa",
    "Khau Quang",
    "Bản Pài",
    "Nặm Đíp",
    "Nà Né",
    "Bản Va",
    "Tiên Tốc",
]
VILLAGES_BAC_KAN = [
    "tổ 1",
    "tổ 3",
    "tổ 5",
    "tổ 7",
    "tổ 10",
    "tổ 12",
    "thôn Nà Ngần",
    "thôn Khuổi Cuồng",
    "thôn Nà Pài",
    "thôn Phiêng My",
    "thôn Khuổi Dấu",
    "thôn Nà Cù",
    "tổ Phặc Tràng",
    "tổ Khuổi Thuổm",
    "tổ Xuất Tác",
    "tổ Đon Tuấn",
]

GROUPS = [
    "Chi bộ",
    "Ban công tác Mặt trận",
    "Chi hội Phụ nữ",
    "Chi hội Nông dân",
    "Chi đoàn",
    "Chi hội Cựu chiến binh",
    "Tổ hòa giải",
    "Tổ tự quản",
]

POSITIONS = [
    "Bí thư chi bộ",
    "Trưởng thôn",
    "Trưởng ban công tác Mặt trận",
    "Chi hội trưởng Phụ nữ",
    "Chi hội trưởng Nông dân",
    "Bí thư chi đoàn",
    "Công an xã",
    "Người có uy tín",
    "Công chức Văn hóa - xã hội",
    "Hội viên Cựu chiến binh",
    "Nông dân sản xuất giỏi",
    "Phó Chủ tịch UBND xã",
]

# Positions held at commune level: not followed by a village's name.
COMMUNE_POSITIONS = {"Công an xã", "Công chức Văn hóa - xã hội", "Phó Chủ tịch UBND xã"}

# Themes per sector code (the default sectors of campaigns migration 0002).
THEMES = {
    "kinh-te": [
        "vận động nhân dân trồng rừng kinh tế",
        "phát triển chăn nuôi trâu, bò hàng hóa",
        "tổ hợp tác trồng cam sành",
        "chuyển đổi cơ cấu cây trồng trên đất soi bãi",
        "phát triển du lịch cộng đồng",
        "nuôi cá lồng trên lòng hồ",
        "trồng chè Shan tuyết",
        "liên kết sản xuất miến dong",
        "hỗ trợ hội viên vay vốn phát triển kinh tế",
        "trồng quế, hồi",
        "nuôi ong lấy mật",
        "giúp nhau thoát nghèo bền vững",
    ],
    "van-hoa-xa-hoi": [
        "vận động nhân dân hiến đất làm đường giao thông nông thôn",
        "giữ gìn bản sắc văn hóa dân tộc Tày",
        "câu lạc bộ hát Then, đàn Tính",
        "thôn xanh - sạch - đẹp",
        "phân loại rác thải tại nguồn",
        "xóa nhà tạm, nhà dột nát",
        "vận động trẻ em đến trường",
        "khuyến học, khuyến tài",
        "ngày Chủ nhật xanh",
        "thắp sáng đường quê",
        "nước sạch vệ sinh môi trường",
    ],
    "quoc-phong-an-ninh": [
        "tổ tự quản an ninh trật tự",
        "camera an ninh giám sát",
        "thôn bản an toàn về an ninh trật tự",
        "phòng, chống ma túy trong thanh niên",
        "hòa giải ở cơ sở",
        "dân vận khéo trong công tác tuyển quân",
        "phòng cháy, chữa cháy rừng",
        "bảo vệ đường biên, mốc giới",
    ],
    "xay-dung-he-thong-chinh-tri": [
        "dân vận khéo trong cải cách hành chính",
        "bộ phận một cửa thân thiện",
        "chi bộ bốn tốt",
        "cán bộ, đảng viên gần dân, sát dân",
        "đối thoại trực tiếp với nhân dân",
        "nâng cao chất lượng sinh hoạt chi bộ",
        "hội viên giúp hội viên",
        "đảng viên phụ trách hộ gia đình",
    ],
}


def person(rng) -> tuple[str, bool]:
    """A full name and whether the person is a man."""
    male = rng.random() < 0.55
    given = rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
    return f"{rng.choice(SURNAMES)} {given}", male
