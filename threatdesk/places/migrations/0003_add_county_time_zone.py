"""Give each county whose clocks differ from its state's capital's its own zone, from
`data/places/county_zones.yaml`; every other county keeps its state's (the field left empty)."""

from collections import defaultdict

import threatdesk.places.zones
from django.db import migrations, models


def load(apps, schema_editor):
    from threatdesk.places import gazetteer

    County = apps.get_model("places", "County")
    by_zone = defaultdict(list)
    for row in gazetteer.county_zones():
        by_zone[row.zone].append(row.fips)
    for zone, fips in by_zone.items():
        County.objects.filter(fips__in=fips).update(time_zone=zone)


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0002_load_states_and_counties'),
    ]

    operations = [
        migrations.AddField(
            model_name='county',
            name='time_zone',
            field=models.CharField(blank=True, default='', help_text="IANA zone where the county's clocks differ from its state's capital's; empty for the state's.", max_length=40, validators=[threatdesk.places.zones.validate_zone_name]),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
