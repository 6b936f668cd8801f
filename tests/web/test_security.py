"""Safe to expose: loopback by default, tokens in constant time, strict headers, no 500 on any parameters."""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from storylens.cli import app as cli_app
from storylens.web.app import ServerConfig, create_app, open_read_only
from storylens.web.security import UnsafeBind, check_bind, is_loopback, presented_token, token_accepted


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_public_bind_without_token_refuses() -> None:
    with pytest.raises(UnsafeBind):
        check_bind("0.0.0.0", [])
    check_bind("0.0.0.0", ["s3cret-token"])  # with a token it may start


def test_serve_command_refuses_public_host_without_token(store_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(store_path), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing" in result.output


def test_serve_on_a_port_in_use_is_one_clear_line_before_announcing_anything(store_path: Path) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(cli_app, ["serve", "--db", str(store_path), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"storylens: error: cannot listen on 127.0.0.1:{port}: address already in use: "
        "stop the program using it or choose another --port"
    )


def test_bearer_and_basic_tokens_are_read_from_the_header() -> None:
    assert presented_token("Bearer abc") == "abc"
    assert presented_token("Basic " + base64.b64encode(b"anyone:abc").decode()) == "abc"
    assert presented_token("Basic !!notbase64") is None
    assert token_accepted("abc", ["zzz", "abc"]) and not token_accepted("abd", ["abc"])
    assert not token_accepted(None, ["abc"])


def test_wrong_token_gets_401_and_right_token_200(store_path: Path) -> None:
    with TestClient(create_app(ServerConfig(db=store_path, tokens=["right-token"]))) as client:
        assert client.get("/api/stories").status_code == 401
        assert client.get("/", headers={"Authorization": "Bearer wrong-token"}).status_code == 401
        assert client.get("/api/stories", headers={"Authorization": "Bearer right-token"}).status_code == 200
        basic = "Basic " + base64.b64encode(b"analyst:right-token").decode()
        assert client.get("/", headers={"Authorization": basic}).status_code == 200


def test_every_response_has_strict_security_headers(client: TestClient) -> None:
    for path in ["/", "/api/stories", "/stories/story-ferry", "/nope", "/api/stories?limit=0"]:
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy
        assert "unsafe-inline" not in policy.replace("style-src-attr 'unsafe-inline'", "")
        assert headers["x-content-type-options"] == "nosniff"


def test_store_is_opened_read_only(store_path: Path) -> None:
    store = open_read_only(store_path)
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store._db.execute("DELETE FROM articles")  # type: ignore[attr-defined]
    finally:
        store.close()


def test_missing_store_is_refused_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        open_read_only(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def openapi_operations() -> list[tuple[str, list[str], list[str]]]:
    """(path template, path parameter names, query parameter names) of every GET in the served OpenAPI schema."""
    schema = create_app(ServerConfig(db="unused.db")).openapi()
    operations = []
    for path, methods in schema["paths"].items():
        parameters = methods["get"].get("parameters", [])
        operations.append(
            (
                path,
                [p["name"] for p in parameters if p["in"] == "path"],
                [p["name"] for p in parameters if p["in"] == "query"],
            )
        )
    return operations


OPERATIONS = openapi_operations()
VALUE = st.one_of(
    st.text(max_size=60), st.integers(min_value=-5, max_value=10**7).map(str), st.sampled_from(["story-ferry", "csv"])
)


@st.composite
def requests_from_schema(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A GET to any operation of the schema, with any subset of its query parameters set to any text."""
    path, path_names, query_names = draw(st.sampled_from(OPERATIONS))
    for name in path_names:
        path = path.replace("{" + name + "}", quote(draw(st.text(min_size=1, max_size=40)), safe=""))
    chosen = draw(st.lists(st.sampled_from(query_names), unique=True)) if query_names else []
    return path, {name: draw(VALUE) for name in chosen}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(request=requests_from_schema())
def test_no_request_the_openapi_schema_allows_makes_a_server_error(
    client: TestClient, request: tuple[str, dict[str, str]]
) -> None:
    path, params = request
    response = client.get(path, params=params)
    assert response.status_code < 500, (path, params, response.text)
    assert "Traceback" not in response.text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.sampled_from(["/", "/search", "/quotes", "/entities"]),
    params=st.dictionaries(
        st.sampled_from(["q", "outlet", "camp", "language", "entity", "speaker", "text", "date_from", "offset"]),
        st.text(max_size=60),
        max_size=4,
    ),
)
def test_no_page_parameters_make_a_server_error(client: TestClient, path: str, params: dict[str, str]) -> None:
    response = client.get(path, params=params)
    assert response.status_code < 500, response.text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(["stories", "articles", "entities"]), identifier=st.text(min_size=1, max_size=80))
def test_no_id_makes_a_server_error_on_pages(client: TestClient, kind: str, identifier: str) -> None:
    response = client.get(f"/{kind}/{quote(identifier, safe='')}")
    assert response.status_code < 500, response.text


def test_static_route_serves_only_its_own_files(client: TestClient) -> None:
    assert client.get("/static/report.css").status_code == 200
    for name in ["..%2F..%2Fpyproject.toml", "schema.json", "%2Fetc%2Fpasswd"]:
        response = client.get(f"/static/{name}")
        assert response.status_code == 404 and "Traceback" not in response.text


def test_request_with_foreign_host_is_refused_when_loopback_only(store_path: Path) -> None:
    config = ServerConfig(db=store_path, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(create_app(config), base_url="http://127.0.0.1") as client:
        assert client.get("/api/facets").status_code == 200
        assert client.get("/api/facets", headers={"Host": "rebound.example"}).status_code == 400
