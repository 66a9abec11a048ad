"""Every installation starts with the four sectors of the movement and the usual award forms; both stay
editable (some provinces add "Xây dựng nông thôn mới")."""

from django.db import migrations

SECTORS = [
    ("kinh-te", "Kinh tế"),
    ("van-hoa-xa-hoi", "Văn hóa - xã hội"),
    ("quoc-phong-an-ninh", "Quốc phòng - an ninh"),
    ("xay-dung-he-thong-chinh-tri", "Xây dựng hệ thống chính trị"),
]
AWARD_FORMS = [
    ("giay-khen", "Giấy khen"),
    ("bang-khen", "Bằng khen"),
    ("co-thi-dua", "Cờ thi đua"),
    ("chien-si-thi-dua", "Chiến sĩ thi đua"),
    ("tap-the-lao-dong-xuat-sac", "Tập thể lao động xuất sắc"),
]


def create(apps, schema_editor):
    Sector = apps.get_model("campaigns", "Sector")
    AwardForm = apps.get_model("campaigns", "AwardForm")
    for order, (code, name) in enumerate(SECTORS, start=1):
        Sector.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    for order, (code, name) in enumerate(AWARD_FORMS, start=1):
        AwardForm.objects.get_or_create(code=code, defaults={"name": name, "order": order})


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
