"""Demo population figures for Northshire (made up, in the shape of Census 2021 figures for an
English county), so the dashboards can set equality answers beside them. Called at the end of
people.demo.seed; admins keep the real ones in Django admin."""

from decimal import Decimal

from people.models import PopulationFigure

SOURCE = "Census 2021, Northshire (demo figures)"
FIGURES = {
    "age_band.16_24": "11.0", "age_band.25_34": "14.5", "age_band.35_49": "22.0",
    "age_band.50_64": "24.5", "age_band.65_79": "20.0", "age_band.80_plus": "8.0",
    "sex.female": "51.0", "sex.male": "49.0",
    "gender_identity.yes": "99.4", "gender_identity.no": "0.6",
    "ethnicity.asian": "5.5", "ethnicity.black": "2.0", "ethnicity.mixed": "2.5",
    "ethnicity.white": "88.5", "ethnicity.other": "1.5",
    "disability.yes": "18.5", "disability.no": "81.5",
    "sexual_orientation.straight": "96.0", "sexual_orientation.gay_lesbian": "1.6",
    "sexual_orientation.bisexual": "1.5", "sexual_orientation.other": "0.9",
    "religion.none": "39.0", "religion.christian": "50.5", "religion.muslim": "4.5",
    "religion.hindu": "1.5", "religion.sikh": "1.0", "religion.jewish": "0.3",
    "religion.buddhist": "0.5", "religion.other": "2.7",
    "caring.yes": "9.0", "caring.no": "91.0",
}


def seed(*, stdout):
    for answer, percent in FIGURES.items():
        PopulationFigure.objects.get_or_create(answer=answer, defaults={
            "percent": Decimal(percent), "source": SOURCE})
    stdout.write(f"People: {len(FIGURES)} population figures for the equality comparison.")
