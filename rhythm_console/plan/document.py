"""A plan's YAML text as data, with where each key and value was written.

Reading is fast (libyaml's C loader when installed), bounded (nesting depth, aliases that expand to a
flood of values or refer to themselves are refused before anything is built from them) and located: every
refusal names where the broken construct began. Messages are chosen by key; `messages` words them.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

Loc = tuple[str | int, ...]
Mark = tuple[int, int]

# A plan is at most a few levels deep (contingencies[0].insert.product.selling_points[0] is six).
MAX_DEPTH = 24
# Values after aliases are expanded; a 10,000-segment plan has about 150,000.
MAX_VALUES = 1_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DocumentError(Exception):
    """A plan file that is not readable YAML, or too deep or too big to be a plan."""

    def __init__(self, mark: Mark | None, key: str, **context: object) -> None:
        super().__init__(key)
        self.mark = mark
        self.key = key
        self.context = context


@dataclass
class Marks:
    """Line and column (1-based) of every key and value, walked once per node: aliases are not expanded."""

    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    duplicates: list[Loc] = field(default_factory=list)

    def locate(self, loc: Loc, *, key: bool = False) -> Mark | None:
        if key and loc in self.keys:
            return self.keys[loc]
        # Paths can run past what the document holds (inside an alias, or a model's own names):
        # the nearest enclosing place that exists is where the author should look.
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.values:
                return self.values[loc[:end]]
        return None


@dataclass
class Document:
    data: Any
    marks: Marks
    root_mark: Mark | None


def _mark(yaml_mark: Any) -> Mark | None:
    return (yaml_mark.line + 1, yaml_mark.column + 1) if yaml_mark is not None else None


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield key_node
            yield value_node
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def _check_shape(root: yaml.Node) -> None:
    """Refuse alias cycles, expansion beyond MAX_VALUES and depth beyond MAX_DEPTH: one pass, no recursion."""
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        key = id(node)
        if leaving:
            open_nodes.discard(key)
            children = list(_children(node))
            size[key] = 1 + sum(size[id(child)] for child in children)
            height[key] = 1 + max((height[id(child)] for child in children), default=0)
            if height[key] > MAX_DEPTH:
                raise DocumentError(_mark(node.start_mark), "yaml.depth", limit=MAX_DEPTH)
            if size[key] > MAX_VALUES:
                raise DocumentError(_mark(node.start_mark), "yaml.too_big", limit=f"{MAX_VALUES:,}")
            continue
        if key in size:
            continue  # an alias of a node already measured
        if key in open_nodes:
            raise DocumentError(_mark(node.start_mark), "yaml.alias_loop")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _walk_marks(root: yaml.Node) -> Marks:
    """Marks of every node, once each, refusing depth beyond MAX_DEPTH on the way.

    A node met twice is an alias; only then does the whole shape need measuring (_check_shape),
    so a plan without aliases is walked once.
    """
    marks = Marks()
    seen: set[int] = set()
    aliased = False
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        marks.values[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            continue
        if id(node) in seen:
            aliased = True  # its insides were walked where it was defined
            continue
        seen.add(id(node))
        if len(loc) >= MAX_DEPTH:
            raise DocumentError(marks.values[loc], "yaml.depth", limit=MAX_DEPTH)
        if isinstance(node, yaml.MappingNode):
            names: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    name = str(key_node.value)
                else:  # a list or mapping as a key is no plan's key, but may hide an alias: measure it all
                    name, aliased = "?", True
                child = loc + (name,)
                if name in names:
                    marks.duplicates.append(child)
                names.add(name)
                marks.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                stack.append((value_node, child))
        else:
            stack.extend((item, loc + (index,)) for index, item in enumerate(node.value))
    if aliased:
        _check_shape(root)
    return marks


_CONTEXTS = {
    "while scanning a quoted scalar": "yaml.quoted",
    "while parsing a flow sequence": "yaml.flow_list",
    "while parsing a flow mapping": "yaml.flow_map",
    "while parsing a block mapping": "yaml.block",
    "while parsing a block collection": "yaml.block",
    "while scanning a simple key": "yaml.key",
    "expected a single document in the stream": "yaml.documents",
}


def _text_at(text: str, mark: Mark | None) -> str:
    """The rest of the line from a mark (libyaml's messages do not quote what they found)."""
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark[0] - 1] if 0 < mark[0] <= len(lines) else ""
    return line[mark[1] - 1:]


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> DocumentError:
    began, stopped = _mark(exc.context_mark), _mark(exc.problem_mark)
    problem = str(exc.problem or exc.context or "")
    stop = f"{stopped[0]}:{stopped[1]}" if stopped else "?"
    if "nesting depth" in problem:
        return DocumentError(stopped, "yaml.depth", limit=MAX_DEPTH)
    if "cannot start any token" in problem and _text_at(text, stopped).startswith("\t"):
        return DocumentError(stopped, "yaml.tab")
    if problem.startswith("found undefined alias"):
        name = re.match(r"\*?[^\s,\]}]*", _text_at(text, stopped))
        return DocumentError(stopped, "yaml.alias", problem=name.group() if name else "")
    if "mapping values are not allowed" in problem:
        return DocumentError(stopped, "yaml.colon")
    if "could not determine a constructor for the tag" in problem:
        return DocumentError(stopped, "yaml.tag", problem=problem.rsplit(" ", 1)[-1][:60])
    key = _CONTEXTS.get(str(exc.context))
    if key is not None and began is not None:
        return DocumentError(began, key, stop=stop)
    return DocumentError(stopped, "yaml.other_here", problem=problem[:200])


def _value_error(root: yaml.Node, exc: Exception) -> DocumentError:
    """A scalar YAML resolves but cannot build (a date that does not exist, an integer of 5,000 digits): find it."""
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                yaml.constructor.SafeConstructor().construct_object(node)
            except (ValueError, OverflowError):
                kind = "yaml.date" if node.tag.endswith(":timestamp") else "yaml.value"
                return DocumentError(_mark(node.start_mark), kind, value=str(node.value))
        stack.extend(_children(node))
    return DocumentError(_mark(root.start_mark), "yaml.value", value="")


def read_document(text: str) -> Document:
    """Parse plan text; DocumentError says where and why it cannot be read."""
    loader = _Loader(text)
    # Building a large document makes hundreds of thousands of objects, none of them garbage:
    # collecting while they are made triples the time (measured in benchmarks/plan_load.py).
    collecting = gc.isenabled()
    gc.disable()
    try:
        root = loader.get_single_node()
        if root is None:
            return Document(None, Marks(), None)
        marks = _walk_marks(root)
        try:
            data = loader.construct_document(root)
        except (ValueError, OverflowError) as exc:
            raise _value_error(root, exc) from None
        return Document(data, marks, _mark(root.start_mark))
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses (NUL, other controls): where, not libyaml's text
        at = exc.position
        if _Loader is not yaml.SafeLoader:  # libyaml counts UTF-8 bytes, not characters
            at = len(text.encode("utf-8", "surrogatepass")[:at].decode("utf-8", "ignore"))
        where = (text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at))
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        raise DocumentError(where, "yaml.control", code=f"U+{code:04X}") from None
    except yaml.YAMLError as exc:
        raise DocumentError(None, "yaml.other_here", problem=str(exc)[:200]) from None
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at its own depth
        raise DocumentError(None, "yaml.depth", limit=MAX_DEPTH) from None
    finally:
        loader.dispose()
        if collecting:
            gc.enable()
