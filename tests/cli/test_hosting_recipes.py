"""docs/hosting.md's recipes, run as an operator would run them, on a PostgreSQL server of their
own (tests/pg_cluster.py): the roles and the database made with the page's own SQL (through
psql), the schema made as the owner (not a superuser), the app as its login role, pg_dump as the
backup role, and pg_restore into a new database that the app then reads. A recipe that stops
working fails here, not on a host's server."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, text

from attune.cli import main
from attune.config import load_settings
from attune.domain.entries import Visibility
from attune.domain.viewer import Viewer
from attune.services import Journal
from tests.factories import make_entry

ROOT = Path(__file__).resolve().parents[2]
HOSTING = (ROOT / "docs" / "hosting.md").read_text(encoding="utf-8")


def section(number: str) -> str:
    """The text of the page's section `## <number>. …`, up to the next section."""
    match = re.search(rf"^## {re.escape(number)}\. .*?(?=^## )", HOSTING, re.M | re.S)
    assert match, number
    return match.group(0)


def sql_blocks(text_: str) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", text_, re.S)


@pytest.fixture(scope="module")
def server() -> Iterator[object]:
    from tests.pg_cluster import Cluster, available

    if not available():
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    with Cluster() as cluster:
        with cluster.admin() as conn:  # the page starts from a server without Attune's roles
            conn.execute(text(f"DROP ROLE IF EXISTS {cluster.APP}"))
            conn.execute(text("DROP ROLE IF EXISTS attune_app"))
        yield cluster


def psql(server: object, sql: str, database: str = "postgres") -> None:
    """Run `sql` as the superuser with psql, stopping at the first error, as an operator would."""
    cmd = [
        str(server.bin / "psql"),  # type: ignore[attr-defined]
        "-X", "-q", "-v", "ON_ERROR_STOP=1",
        "-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres", "-d", database,
    ]  # fmt: skip
    done = subprocess.run(cmd, input=sql, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def run(server: object, tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [str(server.bin / tool), *args]  # type: ignore[attr-defined]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def conninfo(server: object, database: str, user: str) -> str:
    return f"host=127.0.0.1 port={server.port} dbname={database} user={user}"  # type: ignore[attr-defined]


def url(server: object, database: str, user: str) -> str:
    return server.url(database, user=user)  # type: ignore[attr-defined,no-any-return]


@pytest.fixture(scope="module")
def hosted(server: object, tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    """Section 1's SQL; section 2's `attune db upgrade` as the owner (not a superuser); section
    3's `attune journals add`; then a household writing through the app's login, which, as the
    page suggests, is not given the owner's URL."""
    (roles,) = sql_blocks(section("1"))
    psql(server, roles)
    assert "attune db upgrade" in section("2") and "attune journals add" in section("3")
    data = tmp_path_factory.mktemp("hosted")
    operator = {
        "ATTUNE_DATA_DIR": str(data),
        "ATTUNE_DATABASE_URL": url(server, "attune", "attune_web"),
        "ATTUNE_ADMIN_DATABASE_URL": url(server, "attune", "attune_owner"),
    }
    upgraded = CliRunner().invoke(main, ["db", "upgrade"], env=operator)
    assert upgraded.exit_code == 0, upgraded.output
    # A second household, added with a superuser's URL (the page's stopgap; see
    # test_the_owner_adds_a_journal).
    superuser = {**operator, "ATTUNE_ADMIN_DATABASE_URL": url(server, "attune", "postgres")}
    added = CliRunner().invoke(main, ["journals", "add", "The Okafors"], env=superuser)
    assert added.exit_code == 0, added.output
    assert "ATTUNE_JOURNAL_ID=2" in added.output

    def app(journal_id: int) -> Journal:
        return Journal(
            load_settings(
                {
                    "ATTUNE_DATA_DIR": str(data),
                    "ATTUNE_DATABASE_URL": operator["ATTUNE_DATABASE_URL"],
                    "ATTUNE_JOURNAL_ID": str(journal_id),
                }
            )
        )

    first, second = app(1), app(2)
    try:
        sam, alex = first.add_member("Sam"), first.add_member("Alex")
        make_entry(first, sam, body="private words of Sam")
        make_entry(first, alex, body="shared words", visibility=Visibility.SHARED)
        ada = second.add_member("Ada")
        make_entry(second, ada, body="shared in another household", visibility=Visibility.SHARED)
    finally:
        first.close()
        second.close()
    return {"sam": sam.id, "alex": alex.id, "ada": ada.id}


def count(engine_url: str, sql: str) -> int:
    engine = create_engine(engine_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        engine.dispose()


def test_the_tables_belong_to_the_owner_and_the_app_owns_nothing(
    server: object, hosted: dict[str, int]
) -> None:
    su = url(server, "attune", "postgres")
    owners = "SELECT count(DISTINCT tableowner) FROM pg_tables WHERE schemaname = 'public'"
    assert count(su, owners) == 1
    assert count(su, "SELECT count(*) FROM pg_tables WHERE tableowner = 'attune_owner'") > 10
    owned_by_app = (
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
        "WHERE r.rolname IN ('attune_web', 'attune_app')"
    )
    assert count(su, owned_by_app) == 0
    forced = (
        "SELECT count(*) FROM pg_class WHERE relname = 'entries' "
        "AND relrowsecurity AND relforcerowsecurity"
    )
    assert count(su, forced) == 1


def test_row_level_security_as_the_page_says(server: object, hosted: dict[str, int]) -> None:
    app = url(server, "attune", "attune_web")
    # Unset settings (a fresh or pooled connection): nothing at all.
    assert count(app, "SELECT count(*) FROM entries") == 0
    assert count(app, "SELECT count(*) FROM members") == 0
    # The owner is held to the rules too (FORCE): it reads nobody's rows.
    assert count(url(server, "attune", "attune_owner"), "SELECT count(*) FROM entries") == 0
    # As Alex in journal 1: their shared entry, not Sam's private one.
    as_alex = (
        "SELECT count(*) FROM (SELECT set_config('attune.journal_id', '1', true), "
        f"set_config('attune.member_id', '{hosted['alex']}', true)) s, entries"
    )
    assert count(app, as_alex) == 1
    # Alex's number in journal 2: only what journal 2 shares (Ada's entry), none of journal 1's.
    other = as_alex.replace("'1', true", "'2', true")
    assert count(app, other) == 1
    assert count(app, other.replace("count(*)", "count(*) FILTER (WHERE journal_id = 1)")) == 0


def test_the_owner_cannot_dump_the_backup_role_can(
    server: object, hosted: dict[str, int], tmp_path: Path
) -> None:
    dump_section = section("6")
    assert "--format=custom" in dump_section and "user=attune_backup" in dump_section
    refused = run(
        server, "pg_dump", "--format=custom", f"--file={tmp_path / 'owner.dump'}",
        f"--dbname={conninfo(server, 'attune', 'attune_owner')}",
    )  # fmt: skip
    assert refused.returncode != 0
    said = "query would be affected by row-level security policy"
    assert said in refused.stderr
    assert said in " ".join(dump_section.split())  # the page quotes what the operator meets


def test_dump_and_restore_into_a_new_database(
    server: object, hosted: dict[str, int], tmp_path: Path
) -> None:
    dump = tmp_path / "attune.dump"
    done = run(
        server, "pg_dump", "--format=custom", f"--file={dump}",
        f"--dbname={conninfo(server, 'attune', 'attune_backup')}",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert run(server, "pg_restore", "--list", str(dump)).returncode == 0

    restore = section("7")
    assert "createdb --owner=attune_owner --template=template0 attune_restored" in restore
    assert "pg_restore --exit-on-error --single-transaction --dbname=attune_restored" in restore
    superuser = ["-h", "127.0.0.1", "-p", str(server.port), "-U", "postgres"]  # type: ignore[attr-defined]
    made = run(server, "createdb", *superuser, "--owner=attune_owner", "--template=template0",
               "attune_restored")  # fmt: skip
    assert made.returncode == 0, made.stderr
    loaded = run(server, "pg_restore", *superuser, "--exit-on-error", "--single-transaction",
                 "--dbname=attune_restored", str(dump))  # fmt: skip
    assert loaded.returncode == 0, loaded.stderr
    (grants,) = sql_blocks(restore)
    psql(server, grants)

    # The app's login reads the restored journal, through the same walls.
    app = url(server, "attune_restored", "attune_web")
    assert count(app, "SELECT count(*) FROM entries") == 0
    settings = {"ATTUNE_DATABASE_URL": app, "ATTUNE_DATA_DIR": str(tmp_path)}
    restored = Journal(load_settings(settings))
    second = Journal(load_settings({**settings, "ATTUNE_JOURNAL_ID": "2"}))
    try:
        assert [m.name for m in restored.members()] == ["Sam", "Alex"]
        assert restored.stats(Viewer(hosted["sam"])).entries == 2  # own private + shared
        assert restored.stats(Viewer(hosted["alex"])).entries == 1  # own shared only
        assert [m.name for m in second.members()] == ["Ada"]
        assert second.stats(Viewer(hosted["ada"])).entries == 1
        assert restored.backups_are_operators
    finally:
        restored.close()
        second.close()


def test_the_owner_adds_a_journal(server: object, hosted: dict[str, int], tmp_path: Path) -> None:
    owner = {
        "ATTUNE_DATA_DIR": str(tmp_path),
        "ATTUNE_DATABASE_URL": url(server, "attune", "attune_web"),
        "ATTUNE_ADMIN_DATABASE_URL": url(server, "attune", "attune_owner"),
    }
    added = CliRunner().invoke(main, ["journals", "add", "The Lindqvists"], env=owner)
    assert added.exit_code == 0, added.output
    assert "ATTUNE_JOURNAL_ID=3" in added.output
