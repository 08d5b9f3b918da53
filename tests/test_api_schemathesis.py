"""Schemathesis drives the live API from its own OpenAPI document: no request it makes may
get a server error or a response the document does not describe."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from cicopa.api import api

pytestmark = pytest.mark.django_db(transaction=True)

CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]


def test_the_api_keeps_to_its_openapi_document(live_server, reference_data, monkeypatch, tmp_path):
    call_command("load_initial_content", verbosity=0)
    call_command("generate_data", organisations=120, news=60, seed=7, verbosity=0)
    monkeypatch.setattr(api.throttle[0], "num_requests", 10**9)  # the limit has its own test
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("schemathesis")),
            "run",
            f"{live_server.url}/api/openapi.json",
            "--checks",
            ",".join(CHECKS),
            "--max-examples",
            "25",
            "--seed",
            "20261128",
            "--generation-deterministic",
            "--request-timeout",
            "30",
        ],
        cwd=tmp_path,  # it keeps a cache of crashes in its working directory
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
