"""A local S3-compatible object store for the tests of running on several machines: moto's
server mode on 127.0.0.1 at a free port, started once per module, and a bucket of its own for
each test with the portal's file storage switched to it (the same settings FILE_STORAGE=s3
gives, coproduction.env.s3_storage)."""

import uuid
from types import SimpleNamespace

import boto3
import pytest
from django.conf import settings

from coproduction.env import s3_storage
from tests.servers import free_port

REGION = "eu-west-2"
# What several machines share through Redis (REDIS_URL) is tested in the PostgreSQL and Redis
# pass of .ci/run, where it runs.
redis_only = pytest.mark.skipif(not settings.REDIS_URL,
                                reason="shared through Redis (REDIS_URL)")
KEYS = {"access_key": "test-access-key", "secret_key": "test-secret-key"}


@pytest.fixture(scope="module")
def object_store():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                          aws_access_key_id=KEYS["access_key"],
                          aws_secret_access_key=KEYS["secret_key"])
    try:
        yield SimpleNamespace(endpoint=endpoint, client=client)
    finally:
        server.stop()


class Bucket:
    def __init__(self, client, name):
        self.client, self.name = client, name

    def names(self) -> set[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return {item["Key"] for item in listing.get("Contents", [])}

    def read(self, key) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def is_private(self, key) -> bool:
        """Only the owner may read it: no grant to everyone or to any signed-in AWS user."""
        grants = self.client.get_object_acl(Bucket=self.name, Key=key)["Grants"]
        return all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants)


@pytest.fixture
def bucket(object_store, settings):
    """A fresh bucket, and the portal's uploads (STORAGES["default"]) in it for this test."""
    name = f"portal-{uuid.uuid4().hex[:16]}"
    object_store.client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(
        bucket=name, endpoint_url=object_store.endpoint, region=REGION, **KEYS)}
    return Bucket(object_store.client, name)


def nothing_written_under(folder) -> bool:
    return not [path for path in folder.rglob("*") if path.is_file()]
