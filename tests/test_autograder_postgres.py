"""The gradebook on PostgreSQL (``--db-url``): a real server, started here in a temporary folder, on a
free port and a Unix socket only, gives the same grades as the SQLite gradebook, and a re-run against
the same database grades nothing twice.

Needs Debian's ``postgresql`` package (initdb, pg_ctl) and psycopg; a machine without them skips with
the reason, CI (``CI`` set, where ``.ci/run`` installs the package) fails instead.
"""

import csv
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from autograder import demo
from autograder.course import Course
from autograder.grade import grade

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = Course(ROOT / "tests" / "fixtures" / "grading")
ASSIGNMENT = "ps0_numpy"


def unavailable(reason):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the PostgreSQL tests (.ci/run installs postgresql)")
    pytest.skip(reason)


def postgres_bin(name):
    found = shutil.which(name) or sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1:] or [None]
    return found if isinstance(found, str) else found[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A function giving the SQLAlchemy URL of a new, empty database on a server of our own."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    if not initdb or not pg_ctl:
        unavailable("PostgreSQL's initdb/pg_ctl not found (Debian/Ubuntu package postgresql)")
    user = None
    if os.geteuid() == 0:  # the server refuses to run as root: as the package's own user
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root and there is no postgres user to run the server")
    as_user = ["runuser", "-u", user.pw_name, "--"] if user else []
    folder = Path(tempfile.mkdtemp(prefix="autograder-pg-"))
    if user:
        os.chown(folder, user.pw_uid, user.pw_gid)
    data, port = folder / "data", free_port()
    role = user.pw_name if user else pwd.getpwuid(os.geteuid()).pw_name
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    started = False
    try:
        subprocess.run(as_user + [initdb, "-D", str(data), "-A", "trust", "-U", role, "--no-sync"], **run)
        subprocess.run(as_user + [pg_ctl, "-D", str(data), "-w", "-t", "60", "-l", str(folder / "log"), "-o",
                                  f"-p {port} -k {folder} -c listen_addresses='' -c fsync=off", "start"], **run)
        started = True
        count = iter(range(1000))

        def new_database():
            import psycopg

            name = f"gradebook{next(count)}"
            with psycopg.connect(host=str(folder), port=port, user=role, dbname="postgres", autocommit=True) as c:
                c.execute(f"CREATE DATABASE {name}")
            return f"postgresql+psycopg://{role}@/{name}?host={folder}&port={port}"

        yield new_database
    finally:
        if started:
            subprocess.run(as_user + [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"],
                           check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def gradebook_scores(db_url):
    """{(student, cell): auto score} and the number of submissions, read back with nbgrader's API."""
    from nbgrader.api import Gradebook

    with Gradebook(db_url, FIXTURE.course_id) as gb:
        assignment = gb.find_assignment(ASSIGNMENT)
        scores = {(s.student.id, g.name): float(g.score) for s in assignment.submissions
                  for nb in s.notebooks for g in nb.grades}
        return scores, len(assignment.submissions)


def test_a_postgresql_gradebook_gets_the_sqlite_grades_and_a_rerun_grades_nothing_twice(postgres, tmp_path):
    expected = demo.build_class(FIXTURE, ASSIGNMENT, tmp_path)
    submissions = tmp_path / "submissions"
    sqlite = grade(FIXTURE, submissions, tmp_path / "sqlite", workers=2, progress=False)
    db_url = postgres()
    pg = grade(FIXTURE, submissions, tmp_path / "pg", workers=2, progress=False, db_url=db_url)
    assert pg.grades == sqlite.grades and pg.detail == sqlite.detail and pg.problems == sqlite.problems
    assert {g[0]: float(g[3]) for g in pg.grades} == expected
    assert not (tmp_path / "pg" / "gradebook.db").exists(), "no SQLite gradebook beside the PostgreSQL one"
    scores, count = gradebook_scores(db_url)
    assert scores == gradebook_scores(f"sqlite:///{tmp_path / 'sqlite' / 'gradebook.db'}")[0]
    assert count == len(expected)
    assert f"c.CourseDirectory.db_url = {db_url!r}" in (tmp_path / "pg" / "nbgrader_config.py").read_text(), \
        "nbgrader's own commands (formgrader, export) in OUT use the shared database"
    assert read_csv(tmp_path / "pg" / "nbgrader_export.csv"), "nbgrader's export reads the PostgreSQL gradebook"

    again = grade(FIXTURE, submissions, tmp_path / "pg", workers=2, progress=False, db_url=db_url)
    assert again.graded == 0 and again.skipped == len(expected), "a re-run grades nothing twice"
    assert gradebook_scores(db_url) == (scores, count)
    assert again.grades == sqlite.grades
