#!/usr/bin/env python3
"""Finds import cycles between the files of a Rust crate: each file is a module, and a file
that names `crate::a::b` (in a `use` or a path) depends on the module file that defines it.
Prints every cycle; exits 1 when there is one.

    scripts/module-cycles.py crates/keyledger-core/src [more src dirs...]
"""
import re
import sys
from pathlib import Path


def modules(src: Path) -> dict[str, Path]:
    """Module path (a::b) -> file, for every .rs file under src."""
    out = {}
    for f in src.rglob("*.rs"):
        rel = f.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("mod", "lib", "main"):
            parts = parts[:-1]
        out["::".join(parts)] = f
    return out


USE = re.compile(r"\buse\s+((?:crate|super|self)(?:::super)*)::(\{[^;]*\}|[^;]*);", re.S)
PATH = re.compile(r"\b((?:crate|super|self)(?:::super)*)::([a-z_][a-z0-9_]*(?:::[a-z_][a-z0-9_]*)*)")


def strip(text: str) -> str:
    text = re.sub(r"//[^\n]*", "", text)
    # Tests may reach anywhere: only the code counts.
    return re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]


def base(anchor: str, module: str) -> str | None:
    """The module an anchor (`crate`, `self`, `super::super`) names, seen from `module`."""
    parts = anchor.split("::")
    if parts[0] == "crate":
        return ""
    here = module.split("::") if module else []
    if parts[0] == "super":
        here = here[:-1]
    for _ in parts[1:]:
        here = here[:-1]
    return "::".join(here)


def targets(text: str, module: str) -> set[str]:
    found = set()
    for m in USE.finditer(text):
        b = base(m.group(1), module)
        found |= expand(b, m.group(2))
    for m in PATH.finditer(text):
        found.add(join(base(m.group(1), module), m.group(2)))
    return found


def expand(prefix: str, body: str) -> set[str]:
    body = body.strip()
    if body.startswith("{") and body.endswith("}"):
        out = set()
        depth, start = 0, 1
        inner = body[1:-1]
        items, cur = [], ""
        for ch in inner:
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                items.append(cur)
                cur = ""
            else:
                cur += ch
        items.append(cur)
        for item in items:
            if item.strip():
                out |= expand(prefix, item)
        return out
    if "::{" in body:
        head, rest = body.split("::{", 1)
        return expand(join(prefix, head.strip()), "{" + rest)
    path = body.split(" as ")[0].strip()
    return {join(prefix, path)}


def join(a: str, b: str) -> str:
    return f"{a}::{b}" if a else b


def resolve(path: str, mods: dict[str, Path]) -> str | None:
    parts = path.split("::")
    while parts:
        name = "::".join(parts)
        if name in mods:
            return name
        parts.pop()
    return None


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def main() -> int:
    bad = 0
    for arg in sys.argv[1:]:
        src = Path(arg)
        mods = modules(src)
        graph: dict[str, set[str]] = {}
        for name, f in mods.items():
            deps = set()
            for t in targets(strip(f.read_text()), name):
                r = resolve(t, mods)
                # A module's own parent (mod.rs re-exports) or itself is not an edge.
                if r is not None and r != name and r != "" and not name.startswith(r + "::"):
                    deps.add(r)
            graph[name] = deps
        for comp in cycles(graph):
            bad += 1
            print(f"{src}: import cycle between {', '.join(comp)}")
    if bad == 0:
        print("no import cycle between files")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
