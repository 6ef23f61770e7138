"""Tamper detection: what a student's code did to the machinery the tests rely on.

Two independent sources of evidence, both reported for manual review (never a change of score):

``scan_notebook``  (outside the kernel: student code cannot reach it) reads the student's own cells —
    every code cell that is not a locked instructor cell, magics expanded as IPython would — and
    reports code that patches what tests depend on: assignments to attributes of imported modules
    (``np.allclose = ...``), ``setattr`` on them, ``builtins``/``__builtins__``, ``sys.modules`` and
    the interpreter's hooks, stack frames, ``ctypes``/``gc`` tricks, IPython's transformers, custom
    exception handlers, events and kernel, code objects, ``exec``/``eval``/``__import__`` (the tools of
    obfuscation) and classes defining comparison or numpy-conversion hooks (always-equal objects).

the probe  (inside the kernel) is evaluated once before any student code runs (a trustworthy
    baseline) and then before and after every graded cell; it fingerprints every public attribute of
    builtins, numpy (and numpy.random, numpy.testing, numpy.linalg), math, random, operator and the
    course package's loaded modules, the comparison slots of the basic types, the identity and file of
    those modules in ``sys.modules``, IPython's input and AST transformers, custom exception handler,
    event callbacks and the methods of the shell, kernel, session and display machinery, and the
    interpreter's trace, profile and import hooks. Any change from the baseline is evidence. The probe
    runs in the student's interpreter: a student who studies it can fool it — which needs the very
    code the static scan reports.
"""

import ast
import json

# The probe: run with exec in a fresh namespace inside the kernel; leaves no names behind.
_PROBE_SOURCE = r'''
import sys as _sys
def _probe():
    import builtins, json, threading
    def h(obj):
        try:
            t = type(obj)
            parts = [t.__module__, t.__qualname__, str(id(obj) if t.__module__ != "builtins" or callable(obj) else "")]
            code = getattr(obj, "__code__", None)
            if code is not None:
                parts.append("%s:%s" % (code.co_filename, code.co_firstlineno))
            return hash("|".join(map(str, parts))) & 0xffffffff
        except Exception:
            return -1
    facts = {"modules": {}, "types": {}, "objects": {}, "hooks": {}}
    names = ["builtins", "numpy", "numpy.random", "numpy.testing", "numpy.linalg", "math", "random",
             "operator", "json"]
    names += sorted(n for n in list(_sys.modules) if n == "dlcourse" or n.startswith("dlcourse."))
    for name in names:
        module = _sys.modules.get(name)
        if module is None:
            continue
        entry = {"id": id(module), "type": type(module).__name__, "file": str(getattr(module, "__file__", ""))}
        entry["attrs"] = {k: h(v) for k, v in list(vars(module).items())
                          if not k.startswith("_") or k in ("__import__", "__build_class__")}
        facts["modules"][name] = entry
    types = [object, type, int, float, bool, str, bytes, list, tuple, dict, set, complex]
    np = _sys.modules.get("numpy")
    if np is not None:
        types += [np.ndarray, np.generic, np.floating, np.float64, np.float32, np.int64, np.bool_]
    for t in types:
        facts["types"][t.__module__ + "." + t.__qualname__] = {k: h(v) for k, v in list(vars(t).items())
                                                              if k.startswith("__") or k in ("all", "any")}
    ip = _sys.modules.get("IPython") and _sys.modules["IPython"].get_ipython()
    if ip is not None:
        watched = {"shell": ip, "kernel": getattr(ip, "kernel", None),
                   "session": getattr(getattr(ip, "kernel", None), "session", None),
                   "display_pub": getattr(ip, "display_pub", None), "displayhook": getattr(ip, "displayhook", None),
                   "compile": getattr(ip, "compile", None)}
        for label, obj in watched.items():
            if obj is None:
                continue
            attrs = {}
            for klass in type(obj).__mro__[:-1]:
                for k, v in list(vars(klass).items()):
                    if callable(v) and k not in attrs:
                        attrs[k] = h(v)
            shadowed = sorted(k for k, v in list(vars(obj).items()) if k in attrs and callable(v))
            facts["objects"][label] = {"type": h(type(obj)), "methods": attrs, "shadowed": shadowed}
        facts["hooks"]["input_transformers_cleanup"] = len(ip.input_transformers_cleanup)
        facts["hooks"]["input_transformers_post"] = len(ip.input_transformers_post)
        facts["hooks"]["ast_transformers"] = len(ip.ast_transformers)
        facts["hooks"]["custom_exceptions"] = repr(ip.custom_exceptions)
        facts["hooks"]["events"] = {k: sorted(getattr(f, "__module__", None) or "?" for f in v)
                                    for k, v in ip.events.callbacks.items()}
    if ip is not None:  # the names the tests use for modules must still be those modules
        aliases = {"np": "numpy", "numpy": "numpy", "math": "math", "random": "random", "torch": "torch",
                   "plt": "matplotlib.pyplot", "dlcourse": "dlcourse"}
        bound = {}
        for alias, module_name in aliases.items():
            value = ip.user_ns.get(alias, None)
            if value is not None:
                bound[alias] = "ok" if value is _sys.modules.get(module_name) else "%s.%s" % (
                    type(value).__module__, type(value).__qualname__)
        facts["hooks"]["user_modules"] = bound
    facts["hooks"]["trace"] = _sys.gettrace() is not None
    facts["hooks"]["profile"] = _sys.getprofile() is not None
    facts["hooks"]["thread_trace"] = getattr(threading, "_trace_hook", None) is not None
    facts["hooks"]["meta_path"] = [type(f).__module__ + "." + type(f).__qualname__ if not isinstance(f, type)
                                   else f.__module__ + "." + f.__qualname__ for f in _sys.meta_path]
    facts["hooks"]["path_hooks"] = len(_sys.path_hooks)
    facts["hooks"]["excepthook"] = h(_sys.excepthook)
    facts["hooks"]["threads"] = sorted(  # threads running the student's own code
        t.name for t in threading.enumerate()
        if getattr(getattr(t, "_target", None), "__module__", None) == "__main__" or type(t).__module__ == "__main__")
    return json.dumps(facts)
'''

PROBE_EXPRESSION = ("(lambda g: (exec(" + repr(_PROBE_SOURCE) + ", g), g['_probe']())[1])({})")

# The probe between graded cells: the facts only when they differ from the previous probe's, else just
# their digest (the facts of notebook 01 are ~50 kB of JSON; most probes find nothing changed).
_PROBE_UNLESS_SOURCE = _PROBE_SOURCE + r'''
def _probe_unless(previous):
    import hashlib
    facts = _probe()
    digest = hashlib.blake2b(facts.encode(), digest_size=16).hexdigest()
    return digest if digest == previous else digest + "\n" + facts
'''


def probe_expression(previous_digest=None):
    """The probe as a user expression; it answers only a digest while the facts equal those of the
    probe that answered `previous_digest` (see `parse_probe_digest`)."""
    return ("(lambda g: (exec(" + repr(_PROBE_UNLESS_SOURCE) + ", g), g['_probe_unless'](" +
            repr(previous_digest or "") + "))[1])({})")


def parse_probe_digest(expression_reply):
    """(digest, facts) of a `probe_expression` reply; facts is None when unchanged since the previous
    probe, an ``{"error": ...}`` dict when the reply is unusable."""
    if not expression_reply or expression_reply.get("status") != "ok":
        return None, parse_probe(expression_reply)
    try:
        text = ast.literal_eval(expression_reply.get("data", {}).get("text/plain", ""))
    except (ValueError, SyntaxError):
        text = None
    if not isinstance(text, str):
        return None, {"error": "unreadable answer"}
    digest, _, facts = text.partition("\n")
    if not facts:
        return digest, None
    try:
        return digest, json.loads(facts)
    except ValueError:
        return None, {"error": f"unreadable answer {facts[:80]!r}"}


def parse_probe(expression_reply):
    """The facts of a probe's ``user_expressions`` reply, or an ``{"error": ...}`` dict."""
    if not expression_reply:
        return {"error": "no answer"}
    if expression_reply.get("status") != "ok":
        return {"error": f"{expression_reply.get('ename')}: {expression_reply.get('evalue')}"}
    text = expression_reply.get("data", {}).get("text/plain", "")
    try:
        return json.loads(ast.literal_eval(text))
    except (ValueError, SyntaxError, TypeError):
        return {"error": f"unreadable answer {text[:80]!r}"}


def compare(baseline, facts):
    """Evidence (sentences) of what changed between the baseline probe and a later one."""
    if not baseline or "error" in baseline:
        return []
    if "error" in facts:
        return [f"the integrity probe failed ({facts['error']}): the interpreter was tampered with"]
    evidence = []
    for name, before in baseline["modules"].items():
        after = facts["modules"].get(name)
        if after is None:
            evidence.append(f"module {name} was removed from sys.modules")
            continue
        if after["id"] != before["id"] or after["file"] != before["file"] or after["type"] != before["type"]:
            evidence.append(f"sys.modules[{name!r}] was replaced ({after['file'] or after['type']})")
        changed = sorted(k for k, v in before["attrs"].items() if after["attrs"].get(k, "gone") != v)
        added = sorted(set(after["attrs"]) - set(before["attrs"]))
        if name == "builtins":
            added = [k for k in added if k not in ("_", "__", "___")]
        if changed:
            evidence.append(f"{name}." + f", {name}.".join(changed[:8]) + " replaced or deleted"
                            + (f" (and {len(changed) - 8} more)" if len(changed) > 8 else ""))
        if added and name == "builtins":
            evidence.append(f"builtins gained " + ", ".join(added[:8]))
    for name, before in baseline["types"].items():
        after = facts["types"].get(name, {})
        changed = sorted(k for k, v in before.items() if after.get(k, "gone") != v)
        if changed:
            evidence.append(f"the built-in type {name} was patched: {', '.join(changed[:8])}")
    for label, before in baseline["objects"].items():
        after = facts["objects"].get(label)
        if after is None:
            evidence.append(f"the IPython {label} is gone")
            continue
        changed = sorted(k for k, v in before["methods"].items() if after["methods"].get(k) != v)
        if after["type"] != before["type"]:
            changed.insert(0, "its class")
        shadowed = sorted(set(after["shadowed"]) - set(before["shadowed"]))
        if changed or shadowed:
            evidence.append(f"the IPython {label} was patched: {', '.join((changed + shadowed)[:8])}")
    for key, before in baseline["hooks"].items():
        after = facts["hooks"].get(key)
        if key == "threads":
            extra = sorted(set(after or []) - set(before))
            if extra:
                evidence.append(f"student threads running: {', '.join(extra[:5])}")
        elif key == "user_modules":
            wrong = sorted(f"{k} is {v}" for k, v in (after or {}).items() if v != "ok")
            if wrong:
                evidence.append("names the tests use are not the modules they name: " + ", ".join(wrong))
        elif key == "events":  # libraries register callbacks too (matplotlib's inline backend)
            grown = sorted(k for k, modules in (after or {}).items()
                           if [m for m in modules if not m.startswith(_LIBRARIES)]
                           != [m for m in before.get(k, []) if not m.startswith(_LIBRARIES)])
            if grown:
                evidence.append(f"IPython event callbacks registered: {', '.join(grown)}")
        elif after != before:
            evidence.append(f"{key} changed ({_short(before)} -> {_short(after)})")
    return evidence


_LIBRARIES = ("matplotlib", "ipykernel", "IPython", "ipywidgets", "comm")


def _short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


# ---- the static scan ------------------------------------------------------------------------------

_SUSPECT_NAMES = {
    "__builtins__": "touches __builtins__",
    "builtins": "uses the builtins module",
    "ctypes": "uses ctypes (raw memory access)",
    "forbiddenfruit": "patches built-in types (forbiddenfruit)",
    "exec": "runs generated code (exec)",
    "eval": "evaluates generated code (eval)",
    "compile": "compiles generated code",
    "__import__": "imports by name (__import__)",
    "importlib": "imports by name (importlib)",
    "get_referents": "reaches objects through the garbage collector",
    "get_referrers": "reaches objects through the garbage collector",
    "_getframe": "reads interpreter frames",
    "settrace": "installs a trace function",
    "setprofile": "installs a profile function",
}
_SUSPECT_ATTRIBUTES = {
    "modules": ("sys", "edits sys.modules"),
    "meta_path": ("sys", "edits the import machinery (sys.meta_path)"),
    "path_hooks": ("sys", "edits the import machinery (sys.path_hooks)"),
    "excepthook": ("sys", "replaces sys.excepthook"),
    "input_transformers_cleanup": (None, "installs an IPython input transformer"),
    "input_transformers_post": (None, "installs an IPython input transformer"),
    "ast_transformers": (None, "installs an IPython AST transformer"),
    "set_custom_exc": (None, "installs an IPython custom exception handler"),
    "custom_exceptions": (None, "installs an IPython custom exception handler"),
    "showtraceback": (None, "touches IPython's traceback display"),
    "events": (None, "registers IPython event callbacks"),
    "register_magic_function": (None, "registers an IPython magic"),
    "__code__": (None, "edits a function's code object"),
    "__globals__": (None, "reaches a function's globals"),
    "f_globals": (None, "edits an interpreter frame"),
    "f_locals": (None, "edits an interpreter frame"),
    "f_back": (None, "walks interpreter frames"),
    "__class__": (None, "changes an object's class"),
    "__dict__": (None, "edits an object's namespace directly"),
}
_EQUALITY_HOOKS = {"__eq__", "__ne__", "__bool__", "__array__", "__array_ufunc__", "__array_function__",
                   "__float__", "__abs__", "__lt__", "__le__", "__gt__", "__ge__", "__instancecheck__"}
_WELL_KNOWN_MODULES = {"np", "numpy", "math", "random", "builtins", "sys", "dlcourse", "IPython", "os", "scipy",
                       "torch", "operator", "functools"}
_ALLOWED_MAGICS = {"matplotlib", "time", "timeit", "config", "load_ext", "autoreload", "who", "whos", "pwd",
                   "precision", "pinfo", "pinfo2", "psearch", "capture", "writefile", "ls", "cd"}


def _python_source(source):
    """A cell's source as IPython runs it (magics become ``get_ipython()`` calls)."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(source)
    except Exception:
        return source


def _root_name(node):
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


class _Scanner(ast.NodeVisitor):
    def __init__(self, modules):
        self.modules = set(modules) | _WELL_KNOWN_MODULES
        self.watched_names = {"np", "numpy", "math", "random", "plt", "torch", "dlcourse"}
        self.found = []  # (line, reason)

    def flag(self, node, reason):
        self.found.append((getattr(node, "lineno", 0), reason))

    def _check_target(self, target):
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._check_target(element)
        elif isinstance(target, ast.Attribute) and _root_name(target) in self.modules:
            self.flag(target, f"replaces {_dotted(target)}")
        elif isinstance(target, ast.Subscript) and _root_name(target) in self.modules:
            self.flag(target, f"edits {_dotted(target.value)}[...]")
        elif isinstance(target, ast.Name) and target.id in self.watched_names:
            self.flag(target, f"rebinds {target.id}, a module the tests use")

    def visit_Assign(self, node):
        for target in node.targets:
            self._check_target(target)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._check_target(node.target)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._check_target(node.target)
        self.generic_visit(node)

    def visit_Delete(self, node):
        for target in node.targets:
            self._check_target(target)
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name in ("setattr", "delattr") and node.args:
            self.flag(node, f"{name}() on {_dotted(node.args[0]) or 'an object'}")
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Call) \
                and getattr(func.value.func, "id", None) == "get_ipython":
            magic = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else None
            if not (func.attr in ("run_line_magic", "run_cell_magic") and magic in _ALLOWED_MAGICS):
                self.flag(node, f"drives the IPython shell: get_ipython().{func.attr}"
                                + (f"({magic!r})" if magic else ""))
        self.generic_visit(node)

    def visit_Name(self, node):
        if node.id in _SUSPECT_NAMES:
            self.flag(node, _SUSPECT_NAMES[node.id])

    def visit_Attribute(self, node):
        if node.attr in _SUSPECT_ATTRIBUTES:
            owner, reason = _SUSPECT_ATTRIBUTES[node.attr]
            if owner is None or _root_name(node) == owner:
                self.flag(node, reason)
        if node.attr in _SUSPECT_NAMES and node.attr not in ("compile", "exec", "eval"):
            self.flag(node, _SUSPECT_NAMES[node.attr])
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            if alias.name.split(".")[0] in _SUSPECT_NAMES:
                self.flag(node, _SUSPECT_NAMES[alias.name.split(".")[0]])

    def visit_ImportFrom(self, node):
        if node.module and node.module.split(".")[0] in _SUSPECT_NAMES:
            self.flag(node, _SUSPECT_NAMES[node.module.split(".")[0]])

    def visit_ClassDef(self, node):
        defined = {item.name for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))}
        defined |= {t.id for item in node.body if isinstance(item, ast.Assign) for t in item.targets
                    if isinstance(t, ast.Name)}
        hooks = sorted(defined & _EQUALITY_HOOKS)
        if hooks:
            self.flag(node, f"class {node.name} defines {', '.join(hooks)} (an object that can pass comparisons)")
        self.generic_visit(node)


def _imported_names(trees):
    names = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                names.update(a.asname or a.name for a in node.names)
    return names


def student_cells(notebook):
    """(label, source) of the code cells a student wrote or could edit: not locked instructor cells."""
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.get("cell_type") != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("locked") and not meta.get("solution"):
            continue
        cells.append((meta.get("grade_id") or f"cell {index + 1}", cell.get("source", "")))
    return cells


def scan_notebook(notebook):
    """Evidence (sentences) of tampering in the student's cells of `notebook` (a NotebookNode)."""
    parsed = []
    for label, source in student_cells(notebook):
        try:
            parsed.append((label, ast.parse(_python_source(source))))
        except SyntaxError:
            continue
    modules = _imported_names(tree for _, tree in parsed)
    evidence = []
    for label, tree in parsed:
        scanner = _Scanner(modules)
        scanner.visit(tree)
        seen = set()
        for line, reason in scanner.found:
            if reason not in seen:
                seen.add(reason)
                evidence.append(f"{label}, line {line}: {reason}")
    return evidence
