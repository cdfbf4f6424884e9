"""The code's layers only point down: no app imports one above it, no module imports itself back.

Each app belongs to a layer; an app may import the apps of lower layers only (imports inside
functions included, since they are imports all the same). Page apps read the record contract
(`archive`), never each other; search, documents, feeds, sitemap and export import no page app.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Lowest first. The project's settings and URLs sit on top of everything.
LAYERS = [
    {"records", "partners"},  # who may see what; the reference data
    {"accounts"},  # second factor of the admin
    {"base"},  # blocks, plain pages, page cache, shared helpers
    {"documents", "archive"},  # the PDFs and their text; the record contract
    {"search"},  # the index and its engines, read through the contract
    {"news", "minutes", "engagement", "deliberations"},  # the page apps
    {"alerts", "imports", "home"},  # saved searches, bulk import, the home page that lists the others
    {"publishing"},  # roles, workflow, restriction applied, API, sitemap
    {"demo", "project"},  # demo content; settings and URLs
]
LAYER_OF = {app: level for level, apps in enumerate(LAYERS) for app in apps}
# An app not listed is a page app: a new record type needs no line here.
PAGE_APPS = LAYER_OF["deliberations"]


def modules():
    """{dotted name: (path, is a package)} of the project's Python modules, migrations aside."""
    found = {}
    for top in ("erbm_cms", "search"):
        for path in (ROOT / top).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            package = parts[-1] == "__init__"
            found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


MODULES = modules()


def app_of(module):
    parts = module.split(".")
    if parts[0] == "search":
        return "search"
    if len(parts) == 1 or parts[1] in ("settings", "urls", "wsgi"):
        return "project"
    return parts[1]


def imports(module, path, package):
    """The project modules that `module` imports, anywhere in it."""
    here = module if package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                yield name, node.lineno
                break


def layer(app):
    return LAYER_OF.get(app, PAGE_APPS)


def test_the_layers_name_existing_apps():
    assert set(LAYER_OF) <= {app_of(module) for module in MODULES}


def test_no_app_imports_an_app_of_its_own_layer_or_above():
    upward = []
    for module, (path, package) in MODULES.items():
        app = app_of(module)
        for target, line in imports(module, path, package):
            other = app_of(target)
            if other != app and layer(other) >= layer(app):
                upward.append(f"{path.relative_to(ROOT)}:{line} ({app}) imports {target} ({other})")
    assert upward == []


def test_no_module_imports_itself_back():
    graph = {module: {target for target, _ in imports(module, path, package)}
             for module, (path, package) in MODULES.items()}
    loops, index, low, stack, on_stack, counter = [], {}, {}, [], set(), [0]

    def visit(module):  # Tarjan's strongly connected components
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for target in graph[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                loops.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    assert loops == []
