"""Places where nbgrader and nbconvert spend time per notebook that the grader need not spend.

Each replaces an internal with an equivalent that gives the same result, faster:

`alembic_in_process`  nbgrader stamps a new gradebook with the database schema version it gets by
                      running ``alembic heads`` in a subprocess (1-4 s: a second Python start-up).
                      The same revision is read in-process from nbgrader's own migration scripts.
`reuse_engines`       nbgrader opens the gradebook about ten times per graded notebook, each time with
                      a new SQLAlchemy engine, so every SQL statement is compiled again each time.
                      A worker keeps one engine per database file (it grades every job in the same
                      temporary course folder, with a fresh copy of the gradebook each time). That
                      copy is thrown away after the job (the coordinator writes the real gradebook),
                      so SQLite need not wait for the disk at each of its ~60 commits per notebook
                      (``synchronous=OFF``, journal in memory): about 7 ms each on this machine.
`schemas_checked_once`  nbgrader validates every cell's nbgrader metadata with ``jsonschema.validate``,
                      which first checks the schema itself against the JSON Schema meta-schema: about
                      4 ms, for each of the ~70 nbgrader cells of a notebook, several times per job.
                      The schema (nbgrader's own file) is checked once per worker instead.
`feedback_exporter_class`  the HTML exporter of the feedback pages, without re-parsing each finished
                      page with BeautifulSoup (see its docstring).
"""

import functools
import os


@functools.lru_cache(maxsize=None)
def _alembic_head():
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    import nbgrader.api

    config = Config()
    config.set_main_option("script_location", os.path.join(os.path.dirname(nbgrader.api.__file__), "alembic"))
    return ScriptDirectory.from_config(config).get_current_head()


def alembic_in_process():
    import nbgrader.api

    nbgrader.api.get_alembic_version = _alembic_head


_ENGINES = {}


def reuse_engines(throwaway=None):
    """One engine per gradebook URL in this process; SQLite files under the folder `throwaway` (a job's
    disposable gradebook copies) are written without waiting for the disk."""
    import nbgrader.api

    create_engine = nbgrader.api.create_engine
    if getattr(create_engine, "reused", False):
        create_engine.throwaway = throwaway or create_engine.throwaway
        return
    engines = _ENGINES

    def engine_for(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create_engine(url, **kwargs)
            folder = engine_for.throwaway
            if folder and str(url).startswith(f"sqlite:///{os.path.join(str(folder), '')}"):
                _without_waiting_for_the_disk(engines[key])
        return engines[key]  # Gradebook.close() disposes of its connections; the engine stays usable

    engine_for.throwaway = throwaway

    engine_for.reused = True
    nbgrader.api.create_engine = engine_for


def schemas_checked_once():
    """nbgrader's metadata validation without re-checking its schema on every cell: the same
    `jsonschema.validate` (the best-matching error is raised), with one validator per schema."""
    import types

    import jsonschema
    import nbgrader.nbgraderformat.common as common

    if getattr(common.jsonschema, "checked_once", False):
        return
    validators = {}

    def validate(instance, schema):
        key = id(schema)
        if key not in validators:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validators[key] = (schema, cls(schema))  # the schema kept alive: its id stays its own
        error = jsonschema.exceptions.best_match(validators[key][1].iter_errors(instance))
        if error is not None:
            raise error

    common.jsonschema = types.SimpleNamespace(validate=validate, checked_once=True)


def _without_waiting_for_the_disk(engine):
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def fast_pragmas(connection, record):
        cursor = connection.cursor()
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA journal_mode=MEMORY")
        cursor.close()


def fresh_connections():
    """Drop the engines' pooled connections: the next job's gradebook is a new file at the same path.

    (A job cut short, e.g. by Ctrl-C, may not have closed its gradebook.)
    """
    for engine in _ENGINES.values():
        engine.dispose()


def feedback_exporter_class():
    """nbconvert's HTMLExporter, minus a BeautifulSoup round trip over the finished page.

    HTMLExporter renders the page, then parses all of it with BeautifulSoup's pure-Python parser
    only to add an ``alt`` text to images that have none and ``tabindex="0"`` to the cells of the
    JupyterLab template — over half of the time of a feedback page with figures (about 1.2 s for
    notebook 01). This exporter renders the same page and makes those two edits directly. It also
    remembers the syntax highlighting of code cells, which are mostly the same for every student.
    """
    import re

    from nbconvert.exporters import HTMLExporter, TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    # the attribute goes last, where BeautifulSoup puts it
    missing_alt = re.compile(r"(<img\b(?![^>]*\balt=)[^>]*?)(\s*/?>)")
    focusable = re.compile(r'(<div\b(?=[^>]*\bclass="[^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b)[^>]*?)'
                           r'(\s*/?>)')

    class FeedbackExporter(HTMLExporter):
        highlighted = {}  # (lexer, source, language, magics language) -> HTML, shared by a worker's pages

        def from_notebook_node(self, nb, resources=None, **kw):
            # HTMLExporter.from_notebook_node up to the rendering, as in nbconvert 7
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name", None))
            highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
            self.register_filter("highlight_code", self._remembering(highlight, lexer))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            html = missing_alt.sub(r'\1 alt="No description has been provided for this image"\2', html)
            if "jp-Notebook" in html:
                html = focusable.sub(r'\1 tabindex="0"\2', html)
            return html, resources

        def _remembering(self, highlight, lexer):
            """`highlight` (pygments), remembering its result: most code cells (the instructor's,
            the tests) are the same in every student's notebook."""
            def highlight_code(source, language=None, metadata=None):
                key = (lexer, source, language, (metadata or {}).get("magics_language"))
                if key not in self.highlighted:
                    if len(self.highlighted) > 20000:
                        self.highlighted.clear()
                    self.highlighted[key] = highlight(source, language, metadata)
                return self.highlighted[key]
            return highlight_code

    return FeedbackExporter
