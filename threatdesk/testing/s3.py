"""A private S3 bucket for evidence tests, served in process by moto: the same django-storages
and boto3 code runs as against a real bucket, and nothing leaves the machine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import boto3
from moto import mock_aws

BUCKET = "threatdesk-evidence-test"
PREFIX = "evidence"
REGION = "us-east-1"
BACKEND = "threatdesk.reports.storage.EvidenceS3Storage"


@dataclass(frozen=True)
class Bucket:
    """The test bucket as an operator's S3 console sees it: names relative to the prefix."""

    client: Any
    name: str = BUCKET
    prefix: str = PREFIX

    def names(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=self.name, Prefix=f"{self.prefix}/")
        return sorted(entry["Key"].removeprefix(f"{self.prefix}/") for entry in listed.get("Contents", []))

    def read(self, name: str) -> bytes:
        return bytes(self.client.get_object(Bucket=self.name, Key=f"{self.prefix}/{name}")["Body"].read())

    def put(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=f"{self.prefix}/{name}", Body=data)

    def remove(self, name: str) -> None:
        self.client.delete_object(Bucket=self.name, Key=f"{self.prefix}/{name}")


def s3_storage_setting(**options: Any) -> dict[str, Any]:
    return {"BACKEND": BACKEND, "OPTIONS": {"bucket_name": BUCKET, "location": PREFIX, "region_name": REGION, **options}}


@contextmanager
def s3_evidence(settings: Any, monkeypatch: Any) -> Iterator[Bucket]:
    """Evidence stored in a fresh moto bucket for the duration (pytest-django's `settings` and
    pytest's `monkeypatch`); fake credentials keep boto3 from looking for real ones."""
    for name, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": REGION}.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        client = boto3.client("s3", region_name=REGION)
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": s3_storage_setting()}
        yield Bucket(client)
