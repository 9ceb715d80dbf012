"""Build the bundled profile facts in resources/profiles/ (run by hand; no network).

    python tools/build_catalogue.py [--reference DIR] [--out DIR] [--only careconnect|base]

- ``careconnect-stu3.json``: every Care Connect STU3 StructureDefinition in the reference
  folder (default ``../shared/reference/careconnect-stu3`` beside the repository), read
  with the app's own reader (defusedxml), reduced to facts: URLs, paths, slices,
  cardinalities, types, bindings, fixed values, extension URLs. No prose is copied.
- ``base-stu3.json`` / ``base-r4.json``: the element trees of the plain resources and data
  types, walked from the ``fhir.resources`` STU3 and R4B pydantic models: one element per
  model field (``[x]`` for a choice group), cardinality from list-or-single and required,
  backbone elements expanded in place.

Output is deterministic: the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import types
import typing
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from workbook.profiles.bundled import (  # noqa: E402
    BASE_FILES,
    CARE_CONNECT_FILE,
    FORMAT,
    FORMAT_VERSION,
)
from workbook.profiles.model import CORE_PREFIX, Element, ElementType, Profile  # noqa: E402
from workbook.profiles.structure_definition import (  # noqa: E402
    parse_xml_resource,
    read_definition,
)

DEFAULT_REFERENCE = REPO.parent / "shared" / "reference" / "careconnect-stu3"
DEFAULT_OUT = REPO / "resources" / "profiles"
MODEL_PACKAGES = {"STU3": "fhir.resources.STU3", "R4": "fhir.resources.R4B"}
NOT_MODELS = ("fhirtypes", "fhirtypesvalidators", "fhirprimitiveextension", "fhirresourcemodel")
ABSTRACT = ("Element", "BackboneElement", "Resource", "DomainResource")
PLAIN_TYPES: dict[Any, str] = {bool: "boolean", uuid.UUID: "uuid"}


def write_facts(path: Path, header: dict[str, Any], profiles: list[Profile]) -> None:
    """One line per element, so a change to the catalogue reads well in a diff."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    blocks = []
    for profile in sorted(profiles, key=lambda p: (p.url, p.version or "")):
        facts = profile.to_json()
        elements = facts.pop("elements")
        head = dumps(facts)[:-1]
        lines = ",\n".join(dumps(e) for e in elements)
        blocks.append(f'{head},"elements":[\n{lines}]}}')
    body = ",\n".join(blocks)
    head = dumps({"format": FORMAT, "format_version": FORMAT_VERSION, **header})[:-1]
    path.write_text(f'{head},"profiles":[\n{body}]}}\n', encoding="utf-8")


def care_connect_profiles(reference: Path) -> list[Profile]:
    files = sorted(reference.glob("*.xml"))
    if not files:
        raise SystemExit(f"{reference}: no StructureDefinition XML files here")
    profiles = []
    for file in files:
        definition = read_definition(parse_xml_resource(file.read_bytes()))
        if not definition.has_snapshot:
            raise SystemExit(f"{file}: has no snapshot")
        profiles.append(definition.profile)
    return profiles


# --- base resources from the fhir.resources models -----------------------------------


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The item type of a field annotation, and whether it is a list."""
    many = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list:
            many = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, many


class ModelWalker:
    """Element trees of one FHIR release's pydantic models."""

    def __init__(self, release: str) -> None:
        self.release = release
        self.package = importlib.import_module(MODEL_PACKAGES[release])
        from fhir_core.types import FhirBase

        self.fhir_base = FhirBase

    def main_classes(self) -> Iterator[type]:
        """Each module's own model (``task`` → Task), in module name order."""
        for info in sorted(pkgutil.iter_modules(self.package.__path__), key=lambda m: m.name):
            if info.name.startswith("tests") or info.name in NOT_MODELS:
                continue
            module = importlib.import_module(f"{self.package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if (
                    isinstance(value, type)
                    and value.__module__ == module.__name__
                    and name.lower() == info.name
                    and name not in ABSTRACT
                    and hasattr(value, "elements_sequence")
                ):
                    yield value

    def profile(self, model: type) -> Profile:
        name = model.get_resource_type()
        resource = importlib.import_module(f"{self.package.__name__}.resource").Resource
        is_resource = issubclass(model, resource)
        root = Element(id=name, path=name, min=0, max="*")
        elements = [root, *self._children(model, name, (model,))]
        return Profile(
            url=CORE_PREFIX + name,
            name=name,
            type=name,
            kind="resource" if is_resource else "datatype",
            fhir_version=self.release,
            elements=tuple(elements),
            version=self.package.__fhir_version__,
            status="active",
            derivation="specialization",
        )

    def _children(self, model: type, prefix: str, stack: tuple[type, ...]) -> Iterator[Element]:
        by_alias = {f.alias or n: f for n, f in model.model_fields.items()}
        groups_done: set[str] = set()
        for fhir_name in model.elements_sequence():
            field = by_alias[fhir_name]
            extra = field.json_schema_extra or {}
            group = extra.get("one_of_many")
            if group:
                if group in groups_done:
                    continue
                groups_done.add(group)
                members = [
                    by_alias[n]
                    for n in model.elements_sequence()
                    if (by_alias[n].json_schema_extra or {}).get("one_of_many") == group
                ]
                codes = [self._type(f)[0] for f in members]
                path = f"{prefix}.{group}[x]"
                required = bool(extra.get("one_of_many_required"))
                yield Element(
                    id=path,
                    path=path,
                    min=1 if required else 0,
                    max="1",
                    types=tuple(
                        ElementType(code, targets=self._targets(f))
                        for code, f in zip(codes, members, strict=True)
                    ),
                )
                continue
            code, nested = self._type(field)
            _, many = _unwrap(field.annotation)
            path = f"{prefix}.{fhir_name}"
            required = bool(extra.get("element_required")) or field.is_required()
            yield Element(
                id=path,
                path=path,
                min=1 if required else 0,
                max="*" if many else "1",
                types=(ElementType(code, targets=self._targets(field)),),
            )
            if nested is not None and nested not in stack:
                yield from self._children(nested, path, (*stack, nested))

    def _type(self, field: Any) -> tuple[str, type | None]:
        """The FHIR type code of a field, and its backbone model when it has one."""
        item, _ = _unwrap(field.annotation)
        if typing.get_origin(item) is typing.Annotated:
            for meta in item.__metadata__:
                if visit := getattr(meta, "__visit_name__", None):
                    return visit, None
            item = typing.get_args(item)[0]
        if item in PLAIN_TYPES:
            return PLAIN_TYPES[item], None
        if isinstance(item, type) and issubclass(item, self.fhir_base):
            model = item.get_model_klass()
            name = model.get_resource_type()
            if model.__module__.rsplit(".", 1)[-1] != name.lower():
                # a backbone element, defined beside the model that owns it
                return ("BackboneElement" if self._is_backbone(model) else "Element"), model
            return name, None
        raise TypeError(f"{field}: unexpected annotation {field.annotation!r}")

    def _is_backbone(self, model: type) -> bool:
        backbone = importlib.import_module(f"{self.package.__name__}.backboneelement")
        return issubclass(model, backbone.BackboneElement)

    @staticmethod
    def _targets(field: Any) -> tuple[str, ...]:
        extra = field.json_schema_extra or {}
        return tuple(CORE_PREFIX + t for t in extra.get("enum_reference_types", ()))


def base_profiles(release: str) -> list[Profile]:
    walker = ModelWalker(release)
    return [walker.profile(model) for model in walker.main_classes()]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", choices=("careconnect", "base"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only in (None, "careconnect"):
        profiles = care_connect_profiles(args.reference)
        header = {"fhir_version": "STU3", "source": "Care Connect STU3 (HL7 UK)"}
        write_facts(args.out / CARE_CONNECT_FILE, header, profiles)
        print(f"{CARE_CONNECT_FILE}: {len(profiles)} definitions")
    if args.only in (None, "base"):
        import fhir.resources

        for release, filename in BASE_FILES.items():
            profiles = base_profiles(release)
            header = {
                "fhir_version": release,
                "source": f"fhir.resources {fhir.resources.__version__} "
                f"({MODEL_PACKAGES[release].rsplit('.', 1)[-1]} models)",
            }
            write_facts(args.out / filename, header, profiles)
            print(f"{filename}: {len(profiles)} resources and data types")


if __name__ == "__main__":
    main()
