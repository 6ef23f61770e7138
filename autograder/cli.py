"""The command line: ``python -m autograder {grade,report,export,release,check,demo}``.

Exit status: 0 done (a class with problem submissions is still graded: see problems.csv);
1 ``check`` found the release out of date, or the demo's scores differ from the expected ones;
2 the grader could not run (a missing folder, an unknown assignment, ...); 130 interrupted.
"""

import argparse
import logging
import sys
import time
import warnings
from pathlib import Path

from .course import Course, CourseError, ensure_tools_on_path
from .executors import EXECUTORS
from .export import FORMATS as EXPORT_FORMATS
from .kernels import KERNEL_MODES
from .sandbox import SANDBOX_MODES, Limits
from .submissions import CANVAS_PATTERN


def default_course():
    """The repository this package lives in, else the current folder."""
    repository = Path(__file__).resolve().parents[1]
    return repository if (repository / "nbgrader_config.py").exists() else Path.cwd()


def parser():
    main = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    main.add_argument("--course", type=Path, default=None,
                      help="the course folder, holding nbgrader_config.py (default: this repository)")
    main.add_argument("-v", "--verbose", action="store_true", help="show nbgrader's log")
    commands = main.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a class of submissions")
    grade.add_argument("submissions", type=Path,
                       help="a folder <student_id>/<assignment>/<notebook>.ipynb, or an LMS zip")
    grade.add_argument("--out", type=Path, required=True, help="the grading folder (outside the course)")
    grade.add_argument("--assignment", action="append", dest="assignments",
                       help="grade only this assignment (repeatable; default: every one submitted)")
    grade.add_argument("--workers", type=int, default=None,
                       help="worker processes (default: one per core; with --scheduler: the cluster's workers)")
    grade.add_argument("--executor", choices=EXECUTORS, default=None,
                       help="where the jobs run: local, a process pool (the default), or dask, a Dask cluster: "
                            "a LocalCluster, or the workers of --scheduler. See docs/scaling.md")
    grade.add_argument("--scheduler", default=None, metavar="ADDRESS",
                       help="the Dask scheduler's address, tcp://HOST:PORT (implies --executor dask)")
    grade.add_argument("--db-url", default=None, metavar="URL",
                       help="the gradebook's database, an SQLAlchemy URL such as "
                            "postgresql+psycopg://USER@HOST/DB (default: sqlite OUT/gradebook.db)")
    grade.add_argument("--force", action="store_true", help="regrade submissions graded before")
    grade.add_argument("--cell-timeout", type=int, default=None,
                       help="seconds per cell (default: Execute.timeout from nbgrader_config.py)")
    grade.add_argument("--notebook-timeout", type=float, default=None,
                       help="seconds per notebook before its kernel is stopped (default: 1800)")
    grade.add_argument("--kernels", choices=KERNEL_MODES, default=None,
                       help="how kernels are prepared (default: fork on Linux, else prestart)")
    grade.add_argument("--sandbox", choices=SANDBOX_MODES, default="auto",
                       help="confine each kernel with bubblewrap (bwrap: required; auto: when it works, else "
                            "grade unconfined with a warning; none: unconfined). See docs/grading-security.md")
    grade.add_argument("--memory-limit", type=float, default=None, metavar="GIB",
                       help=f"address space per kernel, in GiB (default {Limits().memory / 2**30:g}; 0: none)")
    grade.add_argument("--cpu-limit", type=int, default=None, metavar="S",
                       help="CPU seconds per kernel (default: the notebook timeout)")
    grade.add_argument("--max-processes", type=int, default=None, metavar="N",
                       help=f"processes and threads of all sandboxed kernels (default {Limits().processes})")
    grade.add_argument("--output-limit", type=float, default=None, metavar="MIB",
                       help=f"output kept per notebook while it runs, in MiB (default {Limits().output / 2**20:g})")
    grade.add_argument("--named-regexp", default=CANVAS_PATTERN,
                       help="zip input: the file-name pattern with (?P<student_id>...) and (?P<file_id>...) "
                            "[and (?P<lms_id>...), for --roster] "
                            "(default: Canvas's <student>_<id>_<id>_<notebook>.ipynb)")
    grade.add_argument("--no-report", action="store_true", help="do not write OUT/report.html and report.json")
    grade.add_argument("--export", choices=EXPORT_FORMATS, action="append", default=[],
                       help="also write the grades in an LMS's import format (repeatable): OUT/grades_<format>.csv")
    grade.add_argument("--roster", type=Path, default=None,
                       help="CSV mapping student ids to the LMS (student_id, lms_id, name, course_id[, email, ...]); "
                            "a zip's files are filed under the student id of their LMS id")
    grade.add_argument("--no-progress", action="store_true", help="no progress bar")
    grade.add_argument("--quiet", action="store_true", help="no grade table, only the summary lines")

    report = commands.add_parser("report", help="write the class report OUT/report.html of a graded folder")
    report.add_argument("out", type=Path, help="the grading folder")

    export = commands.add_parser("export", help="write a graded folder's grades in an LMS's import format")
    export.add_argument("out", type=Path, help="the grading folder")
    export.add_argument("--to", choices=EXPORT_FORMATS, required=True, dest="format")
    export.add_argument("--roster", type=Path, default=None,
                        help="CSV mapping student ids to the LMS (student_id, lms_id, name, course_id[, email, ...])")

    release = commands.add_parser("release", help="regenerate the student notebooks from the solutions")
    release.add_argument("assignments", nargs="*", help="default: every assignment")

    commands.add_parser("check", help="fail when the student notebooks are out of date")

    demo = commands.add_parser("demo", help="build a demo class from notebook 01 and grade it")
    demo.add_argument("folder", type=Path, nargs="?", default=None, help="default: a new temporary folder")
    demo.add_argument("--assignment", default=None, help="default: 01_linear_classifiers")
    demo.add_argument("--workers", type=int, default=None)
    return main


def main(argv=None):
    args = parser().parse_args(argv)
    logging.basicConfig(format="%(levelname)s: %(message)s")
    # nbgrader's gradebook triggers these SQLAlchemy warnings on every submission; they are harmless
    warnings.filterwarnings("ignore", message=".*not in session.*")
    traitlets_log = logging.getLogger("traitlets")
    traitlets_log.setLevel(logging.INFO if args.verbose else logging.ERROR)
    ensure_tools_on_path()
    try:
        course = Course(args.course or default_course())
        return COMMANDS[args.command](course, args)
    except CourseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ninterrupted: what was graded is saved; run the same command again to resume.",
              file=sys.stderr)
        return 130


def _grade(course, args):
    from .grade import grade

    summary = grade(course, args.submissions, args.out, assignments=args.assignments,
                    workers=args.workers, force=args.force, cell_timeout=args.cell_timeout,
                    notebook_timeout=args.notebook_timeout, kernel_mode=args.kernels,
                    named_regexp=args.named_regexp, progress=not args.no_progress, sandbox=args.sandbox,
                    limits=_limits(args), executor=args.executor or ("dask" if args.scheduler else "local"),
                    scheduler=args.scheduler, db_url=args.db_url, roster=args.roster)
    report = summary.report()
    if args.quiet:
        report = report.split("\n\n", 1)[1]
    print(report)
    if not args.no_report:
        from .report import write_report

        print(f"report:   {write_report(args.out)} (what the class got wrong, what to re-teach)")
    for fmt in args.export:
        print(_export_lines(args.out, fmt, args.roster))
    return 0


def _export_lines(out, fmt, roster):
    from .export import export

    return export(out, fmt, roster=roster).report()


def _report(course, args):
    from .report import write_report

    print(f"report: {write_report(args.out)}")
    return 0


def _export(course, args):
    print(_export_lines(args.out, args.format, args.roster))
    return 0


def _limits(args):
    """The `Limits` the command line asks for (defaults where it is silent)."""
    import dataclasses

    changes = {}
    if args.memory_limit is not None:
        changes["memory"] = int(args.memory_limit * 2**30)
    if args.cpu_limit is not None:
        changes["cpu"] = args.cpu_limit
    if args.max_processes is not None:
        changes["processes"] = args.max_processes
    if args.output_limit is not None:
        changes["output"] = int(args.output_limit * 2**20)
    return dataclasses.replace(Limits(), **changes)


def _release(course, args):
    from .release import release

    for folder in release(course, args.assignments or None):
        print(f"released {folder.relative_to(course.root)}")
    return 0


def _check(course, args):
    from .release import check

    problems = check(course)
    for problem in problems:
        print(f"out of date: {problem}")
    if problems:
        print("run `python -m autograder release` and commit notebooks/", file=sys.stderr)
        return 1
    print(f"{course.release_dir.relative_to(course.root)}/ is up to date with "
          f"{course.source_dir.relative_to(course.root)}/")
    return 0


def _demo(course, args):
    from . import demo

    started = time.monotonic()
    summary, expected, folder = demo.run(course, args.folder, args.assignment, args.workers)
    print(summary.report())
    lines, ok = demo.compare(summary, expected)
    print(f"\nthe demo class ({folder / 'submissions'}), graded in {time.monotonic() - started:.0f} s; "
          "scores against the expected ones:")
    print("\n".join(lines))
    print(f"open the feedback: {folder / 'graded' / 'feedback'}/<student>/<assignment>/<notebook>.html")
    from .report import write_report

    print(f"open the class report: {write_report(folder / 'graded')}")
    return 0 if ok else 1


COMMANDS = {"grade": _grade, "report": _report, "export": _export, "release": _release, "check": _check,
            "demo": _demo}
