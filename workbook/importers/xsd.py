"""XSD schemas → dataset items (step 5): the structure a client's messages are meant to have.

The roots are the global elements no other declaration refers to (all of them if each is
referred to). From each root, element declarations (local, global and by ``ref``), named
and anonymous complex and simple types, ``sequence`` / ``choice`` / ``all``, model and
attribute groups, and ``complexContent`` / ``simpleContent`` extensions and restrictions
are expanded into items keyed by their ``xml_path``, attributes first, as an XML sample
of the schema would give them. ``minOccurs`` / ``maxOccurs`` (of the element and of the
compositors around it) give the cardinality; the alternatives of a ``choice`` are
optional and described as "One of: a | b"; ``use="required"`` makes an attribute 1..1.

Built-in types map to data types (dates, times, numbers, booleans, ``ID`` → identifier,
``NMTOKEN`` → code, binary → attachment, other strings → string); a restriction with
enumerations is a ``code`` with the value set ``enumeration: A | B | C``; a string
restricted to a digits-only pattern is an ``identifier``. ``xs:documentation`` becomes the
description (with the notes above) where the item has none yet.

``xs:include`` / ``xs:import`` / ``xs:redefine`` of local files are read relative to the
schema; a missing file is an error naming the schema and the line. Schemas are never
fetched from the web: a reference into a namespace imported from a URL is an error that
says so. A type met again inside itself is cut there with a note ("Recursive: …").

The target namespace of the schema given shows without a prefix (as in an instance with a
default namespace); other namespaces keep the prefix the schemas declare for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from workbook.db.store import Store
from workbook.errors import InputError
from workbook.files.dataset_sources import DatasetSource
from workbook.importers.dataset_items import Draft, cardinality, dataset_source
from workbook.importers.namespaces import Prefixes
from workbook.importers.safe_xml import XML_NAMESPACE, XmlFault, XmlNode, read_tree
from workbook.progress import Progress, no_progress

XS = "http://www.w3.org/2001/XMLSchema"
MAX_BYTES = 64_000_000
MAX_SCHEMAS = 200
MAX_ITEMS = 10_000
MAX_DEPTH = 100
WHAT = "an XML schema"

_INTEGERS = (
    "integer int long short byte nonNegativeInteger positiveInteger negativeInteger "
    "nonPositiveInteger unsignedLong unsignedInt unsignedShort unsignedByte"
)
BUILT_IN_TYPES: dict[str, str] = {
    **dict.fromkeys(_INTEGERS.split(), "integer"),
    **dict.fromkeys(("decimal", "double", "float"), "decimal"),
    "boolean": "boolean",
    "date": "date",
    "dateTime": "datetime",
    "dateTimeStamp": "datetime",
    "time": "time",
    **dict.fromkeys(("ID", "IDREF", "IDREFS"), "identifier"),
    **dict.fromkeys(("NMTOKEN", "NMTOKENS"), "code"),
    **dict.fromkeys(("base64Binary", "hexBinary"), "attachment"),
}
_STRING_TYPES = ("string", "text", None)
_DIGITS_PATTERN = re.compile(r"(?:\\d|\[0-9\])(?:\{\d+(?:,\d*)?\}|\+)")
# the attributes XML itself defines, usable without importing the W3C's schema for them
_XML_ATTRIBUTES = {"lang": "code", "space": "code", "base": "string", "id": "identifier"}

Key = tuple[str | None, str]


@dataclass
class _Schema:
    path: Path
    root: XmlNode
    target: str | None
    elements_qualified: bool
    attributes_qualified: bool


@dataclass
class _Value:
    """What a simple type says about a value."""

    data_type: str | None = None
    value_set: str | None = None


@dataclass
class _Content:
    """A complex type flattened: its attributes, its particles, the value it may carry."""

    attributes: list[tuple[XmlNode, _Schema]] = field(default_factory=list)
    particles: list[tuple[XmlNode, _Schema]] = field(default_factory=list)
    value: _Value | None = None
    mixed: bool = False
    open_content: bool = False


class _Library:
    """Every schema document read, and their global components by kind and name."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.schemas: dict[Path, _Schema] = {}
        self.components: dict[str, dict[Key, tuple[XmlNode, _Schema]]] = {
            kind: {}
            for kind in (
                "element",
                "complexType",
                "simpleType",
                "group",
                "attributeGroup",
                "attribute",
            )
        }
        self.remote: dict[str | None, str] = {}  # namespace -> URL it would come from

    def load(self, path: Path, chameleon_target: str | None = None) -> _Schema:
        """Read a schema and those it includes or imports (named in messages as given)."""
        key = path.resolve()
        if key in self.schemas:
            return self.schemas[key]
        if len(self.schemas) >= MAX_SCHEMAS:
            raise InputError(str(path), f"more than {MAX_SCHEMAS} schema files are included")
        root = read_tree(path, max_bytes=MAX_BYTES, what=WHAT, progress=self.progress)
        if (root.namespace, root.local) != (XS, "schema"):
            raise root.fault(f"not an XML schema (the root element is {root.local})").error()
        schema = _Schema(
            path,
            root,
            root.get("targetNamespace") or chameleon_target,
            root.get("elementFormDefault") == "qualified",
            root.get("attributeFormDefault") == "qualified",
        )
        self.schemas[key] = schema
        for child in root.elements(XS):
            if child.local in self.components and child.get("name"):
                key = (schema.target, child.get("name") or "")
                self.components[child.local].setdefault(key, (child, schema))
            elif child.local in ("include", "import", "redefine", "override"):
                self._load_referenced(schema, child)
        return schema

    def _load_referenced(self, schema: _Schema, node: XmlNode) -> None:
        location = node.get("schemaLocation")
        if not location:
            return  # an import by namespace only: references into it will say what is missing
        if len(urlsplit(location).scheme) > 1:  # a URL, not a drive letter
            if node.local == "import":
                self.remote[node.get("namespace")] = location
                return
            raise node.fault(
                f"{node.local}s {location} from the web, and schemas are never fetched: "
                "save a copy next to this schema and point schemaLocation at it"
            ).error()
        target = schema.path.parent / location
        if not target.is_file():
            raise node.fault(f'{node.local}s "{location}", which is not there ({target})').error()
        self.load(target, None if node.local == "import" else schema.target)

    def find(self, kind: str, node: XmlNode, qname: str) -> tuple[XmlNode, _Schema]:
        key = node.resolve(qname)
        found = self.components[kind].get(key)
        if found is not None:
            return found
        noun = {"complexType": "type", "simpleType": "type"}.get(kind, kind)
        if key[0] in self.remote:
            raise node.fault(
                f"{noun} {qname} is in a schema imported from the web ({self.remote[key[0]]}), "
                "and schemas are never fetched: save a copy next to this schema and point "
                "schemaLocation at it"
            )
        raise node.fault(f"{noun} {qname} is not defined in this schema or the schemas it includes")

    def find_type(self, node: XmlNode, qname: str) -> tuple[XmlNode, _Schema] | str:
        """A named type: its declaration, or the name of an XSD built-in type."""
        namespace, local = node.resolve(qname)
        if namespace == XS:
            return local
        key = (namespace, local)
        for kind in ("complexType", "simpleType"):
            if key in self.components[kind]:
                return self.components[kind][key]
        return self.find("complexType", node, qname)


class _Expander:
    """Walks from the root elements and writes one draft per element and attribute."""

    def __init__(self, library: _Library, main: _Schema) -> None:
        self.library = library
        self.prefixes = Prefixes()
        self.prefixes.claim(main.target, "")
        for schema in library.schemas.values():
            for node in schema.root.iter():
                for prefix, uri in node.nsmap.items():
                    self.prefixes.declare(prefix, uri)
        self.drafts: dict[str, Draft] = {}
        self.namespaces: set[str] = set()
        self.globals = {id(node) for node, _schema in library.components["element"].values()}

    # -- items ---------------------------------------------------------------------------

    def _add(self, draft: Draft, declaration: XmlNode) -> bool:
        """Record a draft; False if its path was already there (the same name declared
        twice in one content model), which then only widens the first one's cardinality."""
        first = self.drafts.get(draft.xml_path)
        if first is not None:
            required = any(c.startswith("1") for c in (first.cardinality, draft.cardinality) if c)
            first.cardinality = cardinality(required, True)
            return False
        if len(self.drafts) >= MAX_ITEMS:
            raise declaration.fault(
                f"the schema describes more than {MAX_ITEMS:,} data items; import a "
                "sample message instead, or a schema of this message only"
            )
        self.drafts[draft.xml_path] = draft
        return True

    def _qname(self, namespace: str | None, local: str, *, attribute: bool = False) -> str:
        if namespace is None:
            return local
        self.namespaces.add(namespace)
        return self.prefixes.qname(namespace, local, attribute=attribute)

    def root(self, decl: XmlNode, schema: _Schema) -> None:
        first = len(self.drafts)
        self.namespaces = set()
        self.element(decl, schema, None, required=True, repeats=False, ancestors={})
        if len(self.drafts) > first:
            root = list(self.drafts.values())[first]
            root.description = _join(root.description, self.prefixes.describe(self.namespaces))

    def element(
        self,
        decl: XmlNode,
        schema: _Schema,
        parent: str | None,
        *,
        required: bool,
        repeats: bool,
        ancestors: dict[int, str],
        note: str | None = None,
    ) -> None:
        if decl.get("ref"):
            target, target_schema = self.library.find("element", decl, decl.get("ref") or "")
            namespace = target_schema.target
        else:
            target, target_schema = decl, schema
            form = decl.get("form")
            if form:
                qualified = form == "qualified"
            else:
                qualified = id(decl) in self.globals or schema.elements_qualified
            namespace = schema.target if qualified else None
        name = target.get("name") or ""
        path = f"{parent or ''}/{self._qname(namespace, name)}"
        draft = Draft(
            path,
            parent,
            name,
            cardinality=cardinality(required, repeats),
            example=target.get("fixed") or target.get("default"),
            description=_join(_documentation(target), note),
        )
        if not self._add(draft, decl):
            return
        if len(ancestors) >= MAX_DEPTH:
            raise decl.fault(f"elements nested more than {MAX_DEPTH} deep")
        type_ = self._type_of(target, target_schema)
        if isinstance(type_, str):
            draft.data_type = BUILT_IN_TYPES.get(type_, "string") if type_ != "anyType" else None
            return
        type_node, type_schema = type_
        if type_node.local == "simpleType":
            value = self.simple(type_node, type_schema)
            draft.data_type, draft.value_set = value.data_type, value.value_set
            return
        identity = id(type_node)
        if identity in ancestors:
            draft.data_type = "group"
            draft.description = _join(
                draft.description,
                f"Recursive: the same structure as {ancestors[identity]}, not expanded again",
            )
            return
        content = self.complex(type_node, type_schema, set())
        for attribute, attribute_schema in content.attributes:
            self.attribute(attribute, attribute_schema, path)
        if content.value is not None:
            draft.data_type, draft.value_set = content.value.data_type, content.value.value_set
        elif content.mixed:
            draft.data_type = "text"
            if content.particles:  # markup inside the text, as for an XML sample: not items
                markup = ", ".join(
                    name for particle, _ in content.particles for name in self._names(particle)
                )
                draft.description = _join(
                    draft.description, f"Mixed content: text with markup ({markup})"
                )
        else:
            below = ancestors | {identity: path}
            for particle, particle_schema in content.particles:
                self.particle(particle, particle_schema, path, True, False, below, None)
            draft.data_type = "group" if content.attributes or content.particles else None
        if content.open_content:
            draft.description = _join(
                draft.description, "Open content: other elements may appear (xs:any)"
            )

    def attribute(self, decl: XmlNode, schema: _Schema, parent: str) -> None:
        if decl.get("use") == "prohibited":
            return
        target, target_schema, namespace = decl, schema, None
        if decl.get("ref"):
            ref_namespace, local = decl.resolve(decl.get("ref") or "")
            if ref_namespace == XML_NAMESPACE:
                path = f"{parent}/@xml:{local}"
                self._add(
                    Draft(
                        path,
                        parent,
                        local,
                        _XML_ATTRIBUTES.get(local, "string"),
                        cardinality(decl.get("use") == "required", False),
                    ),
                    decl,
                )
                return
            target, target_schema = self.library.find("attribute", decl, decl.get("ref") or "")
            namespace = target_schema.target
        elif decl.get("form") == "qualified" or (
            not decl.get("form") and schema.attributes_qualified
        ):
            namespace = schema.target
        name = target.get("name") or ""
        path = f"{parent}/@{self._qname(namespace, name, attribute=True)}"
        draft = Draft(
            path,
            parent,
            name,
            cardinality=cardinality(decl.get("use") == "required", False),
            example=decl.get("fixed") or decl.get("default") or target.get("fixed"),
            description=_documentation(target),
        )
        if not self._add(draft, decl):
            return
        value = self._attribute_value(target, target_schema)
        draft.data_type, draft.value_set = value.data_type, value.value_set

    def _attribute_value(self, decl: XmlNode, schema: _Schema) -> _Value:
        if decl.get("type"):
            found = self.library.find_type(decl, decl.get("type") or "")
            if isinstance(found, str):
                return _Value(BUILT_IN_TYPES.get(found, "string"))
            return self.simple(*found)
        inline = decl.first(XS, "simpleType")
        return self.simple(inline, schema) if inline is not None else _Value("string")

    def particle(
        self,
        node: XmlNode,
        schema: _Schema,
        parent: str,
        required: bool,
        repeats: bool,
        ancestors: dict[int, str],
        note: str | None,
    ) -> None:
        """An element, compositor or group reference inside a content model."""
        low, many = _occurs(node)
        if node.get("maxOccurs") == "0":
            return
        required = required and low > 0
        repeats = repeats or many
        if node.local == "element":
            self.element(
                node,
                schema,
                parent,
                required=required,
                repeats=repeats,
                ancestors=ancestors,
                note=note,
            )
        elif node.local == "group":
            group, group_schema = self.library.find("group", node, node.get("ref") or "")
            for inner in group.elements(XS, "sequence", "choice", "all"):
                self.particle(inner, group_schema, parent, required, repeats, ancestors, note)
        elif node.local in ("sequence", "all"):
            for child in _particles(node):
                self.particle(child, schema, parent, required, repeats, ancestors, note)
        elif node.local == "choice":
            alternatives = list(_particles(node))
            names = " | ".join(self._label(child) for child in alternatives)
            one_of = f"One of: {names}" if len(alternatives) > 1 else note
            for child in alternatives:
                self.particle(
                    child,
                    schema,
                    parent,
                    required and len(alternatives) == 1,
                    repeats,
                    ancestors,
                    one_of,
                )

    def _names(self, node: XmlNode) -> Iterator[str]:
        """The names of the elements a particle may hold."""
        if node.local in ("element", "group"):
            yield self._label(node)
        else:
            for child in _particles(node):
                yield from self._names(child)

    def _label(self, node: XmlNode) -> str:
        if node.local == "element":
            return node.get("name") or node.resolve(node.get("ref") or "")[1]
        if node.local == "group":
            return node.resolve(node.get("ref") or "")[1]
        return "(" + ", ".join(self._label(child) for child in _particles(node)) + ")"

    # -- types ---------------------------------------------------------------------------

    def _type_of(self, decl: XmlNode, schema: _Schema) -> tuple[XmlNode, _Schema] | str:
        if decl.get("type"):
            return self.library.find_type(decl, decl.get("type") or "")
        for kind in ("complexType", "simpleType"):
            inline = decl.first(XS, kind)
            if inline is not None:
                return inline, schema
        return "anyType"

    def complex(self, node: XmlNode, schema: _Schema, seen: set[int]) -> _Content:
        if id(node) in seen:
            raise node.fault("a type derives from itself")
        seen = seen | {id(node)}
        content = _Content(mixed=node.get("mixed") == "true")
        derived = node.first(XS, "complexContent") or node.first(XS, "simpleContent")
        if derived is None:
            self._own(node, schema, content)
            return content
        content.mixed = content.mixed or derived.get("mixed") == "true"
        how = derived.first(XS, "extension") or derived.first(XS, "restriction")
        if how is None:
            raise derived.fault(f"{derived.local} without an extension or restriction")
        base = self.library.find_type(how, how.get("base") or "")
        if derived.local == "simpleContent":
            content.value = self._simple_content(base, how, schema, seen, content)
        elif not isinstance(base, str) and base[0].local == "complexType":
            inherited = self.complex(*base, seen)
            content.attributes = list(inherited.attributes)
            content.mixed = content.mixed or inherited.mixed
            content.open_content = inherited.open_content
            if how.local == "extension":  # a restriction repeats the content it keeps
                content.particles = list(inherited.particles)
        self._own(how, schema, content)
        return content

    def _simple_content(
        self,
        base: tuple[XmlNode, _Schema] | str,
        how: XmlNode,
        schema: _Schema,
        seen: set[int],
        content: _Content,
    ) -> _Value:
        if isinstance(base, str):
            value = _Value(BUILT_IN_TYPES.get(base, "string"))
        elif base[0].local == "simpleType":
            value = self.simple(*base)
        else:
            inherited = self.complex(*base, seen)
            content.attributes = list(inherited.attributes)
            value = inherited.value or _Value("string")
        if how.local == "restriction":
            value = self._restricted(value, how)
        return value

    def _own(self, node: XmlNode, schema: _Schema, content: _Content) -> None:
        """The particles and attributes written in ``node`` itself, added to ``content``."""
        for child in node.elements(XS):
            if child.local in ("sequence", "choice", "all", "group"):
                content.particles.append((child, schema))
            elif child.local in ("attribute", "attributeGroup"):
                for attribute in self._attributes(child, schema, set()):
                    _put_attribute(content.attributes, attribute)
        content.open_content = content.open_content or _has_any(node)

    def _attributes(
        self, node: XmlNode, schema: _Schema, seen: set[int]
    ) -> Iterator[tuple[XmlNode, _Schema]]:
        if node.local == "attribute":
            yield node, schema
            return
        group, group_schema = self.library.find("attributeGroup", node, node.get("ref") or "")
        if id(group) in seen:
            return
        for child in group.elements(XS, "attribute", "attributeGroup"):
            yield from self._attributes(child, group_schema, seen | {id(group)})

    def simple(self, node: XmlNode, schema: _Schema, seen: frozenset[int] = frozenset()) -> _Value:
        if id(node) in seen:
            raise node.fault("a type derives from itself")
        seen = seen | {id(node)}
        restriction = node.first(XS, "restriction")
        if restriction is None:
            return _Value("string")  # xs:list and xs:union: text with a structure of its own
        if restriction.get("base"):
            base = self.library.find_type(restriction, restriction.get("base") or "")
            if isinstance(base, str):
                value = _Value(BUILT_IN_TYPES.get(base, "string"))
            elif base[0].local == "simpleType":
                value = self.simple(*base, seen)
            else:
                raise restriction.fault(
                    f"a simple type cannot restrict the complex type {restriction.get('base')}"
                )
        else:
            inline = restriction.first(XS, "simpleType")
            value = self.simple(inline, schema, seen) if inline else _Value("string")
        return self._restricted(value, restriction)

    @staticmethod
    def _restricted(value: _Value, restriction: XmlNode) -> _Value:
        values = [e.get("value") or "" for e in restriction.elements(XS, "enumeration")]
        if values:
            data_type = "code" if value.data_type in _STRING_TYPES else value.data_type
            return _Value(data_type, "enumeration: " + " | ".join(values))
        patterns = [p.get("value") or "" for p in restriction.elements(XS, "pattern")]
        if value.data_type in _STRING_TYPES and any(_DIGITS_PATTERN.fullmatch(p) for p in patterns):
            return _Value("identifier", value.value_set)
        return value


def _put_attribute(attributes: list[tuple[XmlNode, _Schema]], new: tuple[XmlNode, _Schema]) -> None:
    """Add an attribute, replacing an inherited one of the same name (a restriction)."""
    name = new[0].get("name") or new[0].get("ref")
    for i, (old, _schema) in enumerate(attributes):
        if (old.get("name") or old.get("ref")) == name:
            attributes[i] = new
            return
    attributes.append(new)


def _has_any(node: XmlNode) -> bool:
    """Whether the content model written in ``node`` allows other elements (``xs:any``)."""
    return any(
        child.local == "any" or (child.local in ("sequence", "choice", "all") and _has_any(child))
        for child in node.elements(XS)
    )


def _particles(node: XmlNode) -> Iterator[XmlNode]:
    return node.elements(XS, "element", "group", "sequence", "choice", "all")


def _occurs(node: XmlNode) -> tuple[int, bool]:
    try:
        low = int(node.get("minOccurs") or 1)
        high = node.get("maxOccurs") or "1"
        many = high == "unbounded" or int(high) > 1
    except ValueError:
        raise node.fault(
            "minOccurs/maxOccurs must be whole numbers or unbounded "
            f"(not {node.get('minOccurs')!r}/{node.get('maxOccurs')!r})"
        ) from None
    return low, many


def _documentation(node: XmlNode) -> str | None:
    annotation = node.first(XS, "annotation")
    if annotation is None:
        return None
    texts = [" ".join(d.text.split()) for d in annotation.elements(XS, "documentation")]
    return " ".join(t for t in texts if t) or None


def _join(*parts: str | None) -> str | None:
    return ". ".join(p.rstrip(". ") for p in parts if p) or None


def _roots(library: _Library, main: _Schema) -> list[tuple[XmlNode, _Schema]]:
    globals_ = library.components["element"]
    referenced: set[Key] = set()
    for schema in library.schemas.values():
        for node in schema.root.iter():
            if node.namespace == XS and node.local == "element" and node.get("ref"):
                referenced.add(node.resolve(node.get("ref") or ""))
    mine = [(key, found) for key, found in globals_.items() if found[1] is main]
    candidates = mine or list(globals_.items())
    roots = [found for key, found in candidates if key not in referenced]
    return roots or [found for _key, found in candidates]


def read_xsd(
    store: Store, engagement_id: int, paths: Sequence[Path], progress: Progress = no_progress
) -> DatasetSource:
    """Read one or more schemas (with what they include) into incoming data items."""
    drafts: list[Draft] = []
    for path in paths:
        library = _Library(progress)
        main = library.load(path)
        expander = _Expander(library, main)
        try:
            roots = _roots(library, main)
            if not roots:
                raise InputError(str(path), "declares no global element, so there is no message")
            for decl, schema in roots:
                expander.root(decl, schema)
        except XmlFault as fault:
            raise fault.error() from None
        known = {d.xml_path for d in drafts}
        drafts += [d for d in expander.drafts.values() if d.xml_path not in known]
    return dataset_source(store, engagement_id, drafts)
