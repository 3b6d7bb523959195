"""States, counties, election offices and law-enforcement agencies.

States and counties (with Census FIPS codes) come from the pinned `us` package by a data
migration, so every database has them without a download; so do the zones of the counties whose
clocks differ from their state's capital's (`data/places/county_zones.yaml`). Offices and agencies are added by the
operator, the demo, or `manage.py load_agencies`.
"""

from __future__ import annotations

from django.db import models

from threatdesk.lib.codes import new_code
from threatdesk.places.zones import validate_zone_name


class State(models.Model):
    code = models.CharField(max_length=2, unique=True, help_text="USPS abbreviation, e.g. AZ.")
    fips = models.CharField(max_length=2, unique=True)
    name = models.CharField(max_length=60)
    is_territory = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    """A county or county-equivalent (parish, borough, census area, independent city)."""

    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="counties")
    fips = models.CharField(max_length=5, unique=True)
    name = models.CharField(max_length=100)
    time_zone = models.CharField(
        max_length=40,
        blank=True,
        default="",
        validators=[validate_zone_name],
        help_text="IANA zone where the county's clocks differ from its state's capital's; empty for the state's.",
    )

    class Meta:
        ordering = ["state__name", "name"]
        verbose_name_plural = "counties"

    def __str__(self) -> str:
        return f"{self.name}, {self.state.code}"


def office_code() -> str:
    return new_code("O", groups=2)


def agency_code() -> str:
    return new_code("A", groups=2)


class Office(models.Model):
    """An election office: a county or city office, or a state election office (no county)."""

    class Level(models.TextChoices):
        STATE = "state", "State election office"
        COUNTY = "county", "County election office"
        MUNICIPAL = "municipal", "City or town election office"

    public_code = models.CharField(max_length=16, unique=True, default=office_code, editable=False)
    name = models.CharField(max_length=200)
    level = models.CharField(max_length=12, choices=Level.choices, default=Level.COUNTY)
    state = models.ForeignKey(State, on_delete=models.PROTECT, related_name="offices")
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.PROTECT, related_name="offices")

    class Meta:
        ordering = ["state__name", "name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A law-enforcement agency that reports can be referred to."""

    class Kind(models.TextChoices):
        LOCAL_POLICE = "local_police", "City or town police"
        SHERIFF = "sheriff", "County sheriff"
        STATE_POLICE = "state_police", "State police or highway patrol"
        STATE_PROSECUTOR = "state_prosecutor", "State attorney general or election-crimes unit"
        FBI_FIELD_OFFICE = "fbi_field_office", "FBI field office"
        POSTAL_INSPECTION = "postal_inspection", "U.S. Postal Inspection Service"
        OTHER = "other", "Other"

    public_code = models.CharField(max_length=16, unique=True, default=agency_code, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.ForeignKey(
        State,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
        help_text="Home state; empty for national agencies.",
    )
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.PROTECT, related_name="agencies")
    covers_states = models.ManyToManyField(
        State,
        blank=True,
        related_name="covering_agencies",
        help_text="States an FBI field office or a regional agency covers.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [models.UniqueConstraint(fields=["name", "state"], name="agency_name_state_unique")]

    def __str__(self) -> str:
        return self.name
