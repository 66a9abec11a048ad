"""The two phases of the seeds, with their criteria and classification scale."""

from decimal import Decimal

from dvk.campaigns.models import ClassificationLevel, CriteriaSet, Criterion, Phase
from dvk.units.models import Unit

COLLECTIVE_CRITERIA = [
    ("Mô hình có mục tiêu rõ ràng, phù hợp với tình hình thực tế của địa phương, đơn vị", 20),
    ("Cách làm sáng tạo, “khéo” trong tuyên truyền, vận động nhân dân", 25),
    ("Huy động được đông đảo nhân dân tham gia, đóng góp công sức, tiền của", 20),
    ("Hiệu quả kinh tế - xã hội rõ rệt, được nhân dân đồng tình, ủng hộ", 25),
    ("Có khả năng duy trì, nhân rộng", 10),
]
INDIVIDUAL_CRITERIA = [
    ("Gương mẫu, có uy tín trong cộng đồng, chấp hành tốt chủ trương, chính sách", 20),
    ("Có cách làm hay, sáng tạo trong vận động nhân dân", 25),
    ("Vận động được nhiều người cùng tham gia", 20),
    ("Kết quả, hiệu quả cụ thể, đo đếm được", 25),
    ("Có sức lan tỏa, được học tập, làm theo", 10),
]
SCALE = [  # code, name, min score, recognised, exemplary
    ("tieu-bieu", "Tiêu biểu", Decimal(90), True, True),
    ("cong-nhan", "Công nhận", Decimal(70), True, False),
]


def _criteria_set(name: str, items) -> CriteriaSet:
    criteria_set, created = CriteriaSet.objects.get_or_create(name=name)
    if created:
        Criterion.objects.bulk_create(
            Criterion(criteria_set=criteria_set, order=i, text=text, max_points=points)
            for i, (text, points) in enumerate(items, start=1)
        )
    return criteria_set


def build_phase(unit: Unit, start: int, end: int) -> Phase:
    code = f"{start}-{end}"
    phase, created = Phase.objects.get_or_create(
        launched_by=unit,
        code=code,
        defaults={
            "name": f"Phong trào thi đua “Dân vận khéo” giai đoạn {start} - {end}",
            "start_year": start,
            "end_year": end,
            "collective_criteria": _criteria_set(
                f"Tiêu chí mô hình tập thể {code} ({unit.name})", COLLECTIVE_CRITERIA
            ),
            "individual_criteria": _criteria_set(
                f"Tiêu chí điển hình cá nhân {code} ({unit.name})", INDIVIDUAL_CRITERIA
            ),
        },
    )
    if created:
        ClassificationLevel.objects.bulk_create(
            ClassificationLevel(phase=phase, code=c, name=n, min_score=s, recognised=r, exemplary=e)
            for c, n, s, r, e in SCALE
        )
    return phase
