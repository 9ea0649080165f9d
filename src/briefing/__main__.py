"""Command line for contributors: ``python -m briefing <command>``.

validate        check every data file (fast checks + frictionless); list all problems; exit 1 if any
bib             regenerate book/references.bib from data/sources.csv
catalogue       regenerate book/data.md (the data catalogue) from data/datapackage.json
edition         set a new as-of date (--as-of YYYY-MM-DD, --version X.Y.Z), listing the scheduled items
                that date makes past due, and refusing while any has no outcome
changes         regenerate book/changes.md (what changed since the last edition's data snapshot)
pdf             print the built HTML book into _build/html/briefing-book.pdf (``--force``: always)
run-notebooks   execute the notebooks whose code, data or package changed (``--force``: all)
prepare         validate (fast) + bib + catalogue + run-notebooks: everything ``make book`` does before Sphinx
fonts           regenerate _static/fonts/ (the CJK subset font) from Debian's fonts-noto-cjk
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path


def _validate() -> int:
    from .errors import DataValidationError
    from .frictionless_check import frictionless_problems
    from .paths import data_dir
    from .validate import validate_package

    folder = data_dir()
    problems = []
    try:
        tables = validate_package(folder)
    except DataValidationError as exc:
        problems.extend(exc.problems)
        tables = None
    # frictionless re-finds most of what the fast checks found; list only what it adds
    known = {(p.file, p.line, p.field) for p in problems}
    problems.extend(p for p in frictionless_problems(folder) if (p.file, p.line, p.field) not in known)
    if problems:
        print(DataValidationError(problems), file=sys.stderr)
        return 1
    rows = sum(len(t.rows) for t in tables.values())
    print(f"ok: {len(tables)} datasets, {rows} rows, every source id resolves")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m briefing", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate")
    sub.add_parser("bib")
    sub.add_parser("catalogue")
    sub.add_parser("changes")
    edition = sub.add_parser("edition")
    edition.add_argument("--as-of", required=True, type=date.fromisoformat)
    edition.add_argument("--version")
    run = sub.add_parser("run-notebooks")
    run.add_argument("--force", action="store_true")
    run.add_argument("paths", nargs="*", type=Path)
    sub.add_parser("prepare")
    sub.add_parser("fonts")
    for name in ("lab-prose", "rerun-box"):  # notebook edits for whoever merges: notebook_tools
        tool = sub.add_parser(name)
        tool.add_argument("paths", nargs="*", type=Path)
    pdf = sub.add_parser("pdf")
    pdf.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)

    if args.command in ("lab-prose", "rerun-box"):
        from .publish.run import notebook_tools

        return notebook_tools.main(args.command, args.paths)
    if args.command == "validate":
        return _validate()
    if args.command == "edition":
        from .publish.pages.editions import stamp

        stamped, report = stamp(args.as_of, args.version)
        print("\n".join(report))
        return 0 if stamped else 1
    if args.command == "fonts":
        from .publish.print import fonts

        font, count = fonts.write()
        print(f"wrote {font} ({count} characters) and its licence")
        return 0
    if args.command == "pdf":
        from .paths import repo_root
        from .publish.print import pdf as pdf_edition

        pdf_edition.build(repo_root() / "_build" / "html", force=args.force)
        return 0
    from .errors import DataValidationError

    try:
        if args.command == "prepare":  # the whole package must be valid, not only what notebooks load
            from .paths import data_dir
            from .validate import validate_package

            validate_package(data_dir())
        if args.command in ("bib", "prepare"):
            from .publish.pages import bib

            print(f"wrote {bib.write()}")
        if args.command in ("catalogue", "prepare"):
            from .publish.pages import catalogue

            print(f"wrote {catalogue.write()}")
            from .publish.pages import schema

            print(f"wrote {schema.write()}")
        if args.command in ("run-notebooks", "prepare"):
            from .publish.run import execute

            paths = [p.resolve() for p in getattr(args, "paths", [])] or None
            execute.run(paths, force=getattr(args, "force", False))
        if args.command == "prepare":
            from .figures import front_page
            from .paths import repo_root

            for path in front_page.write(repo_root()):
                print(f"wrote {path}")
            from .publish.pages import fragments as generated_pages

            for path in generated_pages.write(repo_root()):
                print(f"wrote {path}")
        if args.command in ("changes", "prepare"):  # after the notebooks: it reads their manifest
            from .publish.pages import editions

            print(f"wrote {editions.write()}")
        if args.command == "prepare":
            from .paths import repo_root
            from .publish.print import pdf as pdf_edition

            pdf_edition.record_printer(repo_root() / "_build")
    except DataValidationError as exc:
        print(f"The data has problems; the build stops.\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
