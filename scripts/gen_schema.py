#!/usr/bin/env python3
"""Generates src/schema/tables.rs: the package manifest schemas as static tables.

appxlint checks the structure of manifests (allowed and required elements and attributes,
child order and counts, value types, uniqueness and references) from the official XSD set
of microsoft/msix-packaging (resources/AppxPackaging/Manifest/Schema, MIT licence). It does
not read XSD at run time: this script compiles the schemas into Rust tables once.

Usage: scripts/gen_schema.py SCHEMA_DIR [--orig ORIG_DIR] > src/schema/tables.rs

SCHEMA_DIR holds all.xsd and the year folders (a libxml2-compatible copy of the set, whose
maxOccurs of 100 or more were rewritten to "unbounded"). ORIG_DIR, when given, holds the
original files in the same layout; their maxOccurs values replace "unbounded" where the
original has a number, so that counts such as 1..65535 ActivatableClass are checked.
Needs python3 with lxml.
"""
import os
import re
import sys

from lxml import etree

XS = "http://www.w3.org/2001/XMLSchema"
UNBOUNDED = 0xFFFFFFFF


def q(tag):
    return "{%s}%s" % (XS, tag)


class Schema:
    def __init__(self, path, orig_path):
        self.path = path
        self.doc = etree.parse(path)
        self.root = self.doc.getroot()
        self.tns = self.root.get("targetNamespace") or ""
        self.elem_qualified = self.root.get("elementFormDefault") == "qualified"
        self.attr_qualified = self.root.get("attributeFormDefault") == "qualified"
        if orig_path and os.path.exists(orig_path):
            self.recover_max_occurs(orig_path)

    def recover_max_occurs(self, orig_path):
        """Takes maxOccurs from the original file where the copy says "unbounded". Nodes
        are matched by their path of (tag, name or ref) from the root, so the two files
        may differ elsewhere."""
        orig = etree.parse(orig_path).getroot()

        def key(n):
            parts = []
            while n is not None and isinstance(n.tag, str):
                parts.append((etree.QName(n).localname, n.get("name") or n.get("ref") or "", n.get("substitutionGroup") or ""))
                n = n.getparent()
            return tuple(reversed(parts))

        theirs = {}
        for n in orig.iter():
            if isinstance(n.tag, str) and n.get("maxOccurs") is not None:
                theirs.setdefault(key(n), []).append(n.get("maxOccurs"))
        for n in self.root.iter():
            if isinstance(n.tag, str) and n.get("maxOccurs") == "unbounded":
                values = theirs.get(key(n), [])
                if len(set(values)) == 1 and values[0] != "unbounded":
                    n.set("maxOccurs", values[0])
                elif len(set(values)) > 1:
                    sys.stderr.write(f"warning: {self.path}: ambiguous maxOccurs for {key(n)[-1]}\n")


def qname(node, value):
    """Resolves a QName attribute value in the scope of `node`."""
    if ":" in value:
        prefix, local = value.split(":", 1)
        ns = node.nsmap.get(prefix)
        if ns is None:
            raise ValueError(f"undeclared prefix {prefix} in {value}")
    else:
        local = value
        ns = node.nsmap.get(None, "")
    return (ns, local)


class Compiler:
    def __init__(self, schema_dir, orig_dir):
        self.schemas = []
        allxsd = etree.parse(os.path.join(schema_dir, "all.xsd")).getroot()
        for imp in allxsd.iter(q("import")):
            rel = imp.get("schemaLocation")
            self.schemas.append(Schema(os.path.join(schema_dir, rel), os.path.join(orig_dir, rel) if orig_dir else None))
        self.g_elements, self.g_types, self.g_attrs, self.g_attr_groups, self.g_groups = {}, {}, {}, {}, {}
        self.schema_of = {}
        for s in self.schemas:
            for child in s.root:
                if not isinstance(child.tag, str):
                    continue
                name = child.get("name")
                key = (s.tns, name)
                table = {
                    q("element"): self.g_elements,
                    q("complexType"): self.g_types,
                    q("simpleType"): self.g_types,
                    q("attribute"): self.g_attrs,
                    q("attributeGroup"): self.g_attr_groups,
                    q("group"): self.g_groups,
                }.get(child.tag)
                if table is not None:
                    table[key] = child
                    self.schema_of[child] = s
        # Substitution groups (transitive).
        self.subst = {}
        for key, el in self.g_elements.items():
            head = el.get("substitutionGroup")
            if head:
                self.subst.setdefault(qname(el, head), []).append(key)
        self.namespaces = sorted({s.tns for s in self.schemas})
        # Output tables.
        self.patterns, self.pattern_ids = [], {}
        self.simple, self.simple_ids = [], {}
        self.complex, self.complex_ids = [], {}
        self.particles = []
        self.elements, self.element_ids = [], {}
        self.constraints = []
        self.attrs = []

    def schema_for(self, node):
        root = node.getroottree().getroot()
        for s in self.schemas:
            if s.root is root:
                return s
        raise ValueError("unknown schema")

    # ---- simple types -------------------------------------------------------------
    BUILTINS = {
        "string": "String", "normalizedString": "String", "token": "Token", "boolean": "Boolean",
        "unsignedLong": "UnsignedLong", "unsignedInt": "UnsignedInt", "unsignedShort": "UnsignedShort",
        "unsignedByte": "UnsignedByte", "int": "Int", "integer": "Integer", "positiveInteger": "PositiveInteger",
        "nonNegativeInteger": "NonNegativeInteger", "language": "Language", "date": "Date", "anyURI": "AnyUri",
        "anySimpleType": "String", "NMTOKEN": "Token", "Name": "Token", "NCName": "Token", "ID": "Token",
        "QName": "Token", "dateTime": "DateTime", "double": "Double", "decimal": "Decimal", "long": "Long",
        "short": "Short", "byte": "Byte",
    }

    def simple_type(self, node, ref=None):
        """Id of a simple type: `ref` is a (ns, name) QName, or `node` an xs:simpleType."""
        if ref is not None:
            if ref[0] == XS:
                key = ("builtin", ref[1])
                if key not in self.simple_ids:
                    builtin = self.BUILTINS.get(ref[1])
                    if builtin is None:
                        raise ValueError(f"unsupported builtin xs:{ref[1]}")
                    self.simple_ids[key] = len(self.simple)
                    self.simple.append({"name": "xs:" + ref[1], "kind": "atomic", "builtin": builtin, "steps": []})
                return self.simple_ids[key]
            node = self.g_types[ref]
            if node.tag != q("simpleType"):
                raise ValueError(f"{ref} is not a simple type")
        if nkey(node) in self.simple_ids:
            return self.simple_ids[nkey(node)]
        idx = len(self.simple)
        self.simple_ids[nkey(node)] = idx
        entry = {"name": node.get("name") or "", "kind": "atomic", "builtin": "String", "steps": []}
        self.simple.append(entry)
        body = [c for c in node if isinstance(c.tag, str) and c.tag != q("annotation")][0]
        if body.tag == q("restriction"):
            if body.get("base"):
                base = self.simple[self.simple_type(None, qname(body, body.get("base")))]
            else:
                base = self.simple[self.simple_type([c for c in body if c.tag == q("simpleType")][0])]
            entry["kind"] = base["kind"]
            entry["builtin"] = base.get("builtin", "String")
            entry["item"] = base.get("item")
            entry["members"] = base.get("members")
            entry["steps"] = list(base["steps"]) + [self.facets(body)]
        elif body.tag == q("list"):
            entry["kind"] = "list"
            if body.get("itemType"):
                entry["item"] = self.simple_type(None, qname(body, body.get("itemType")))
            else:
                entry["item"] = self.simple_type([c for c in body if c.tag == q("simpleType")][0])
        elif body.tag == q("union"):
            entry["kind"] = "union"
            members = [self.simple_type(None, qname(body, m)) for m in (body.get("memberTypes") or "").split()]
            members += [self.simple_type(c) for c in body if c.tag == q("simpleType")]
            entry["members"] = members
        else:
            raise ValueError(f"unsupported simple type body {body.tag}")
        return idx

    def facets(self, restriction):
        f = {"patterns": [], "enums": [], "min_len": None, "max_len": None, "length": None,
             "min_incl": None, "max_incl": None, "min_excl": None, "max_excl": None}
        for c in restriction:
            if not isinstance(c.tag, str):
                continue
            tag = etree.QName(c).localname
            v = c.get("value")
            if tag == "pattern":
                f["patterns"].append(self.pattern(v))
            elif tag == "enumeration":
                f["enums"].append(v)
            elif tag == "minLength":
                f["min_len"] = int(v)
            elif tag == "maxLength":
                f["max_len"] = int(v)
            elif tag == "length":
                f["length"] = int(v)
            elif tag == "minInclusive":
                f["min_incl"] = int(v)
            elif tag == "maxInclusive":
                f["max_incl"] = int(v)
            elif tag == "minExclusive":
                f["min_excl"] = int(v)
            elif tag == "maxExclusive":
                f["max_excl"] = int(v)
            elif tag in ("whiteSpace", "annotation", "simpleType"):
                pass
            else:
                raise ValueError(f"unsupported facet {tag}")
        return f

    def pattern(self, xsd):
        if xsd not in self.pattern_ids:
            self.pattern_ids[xsd] = len(self.patterns)
            self.patterns.append((xsd, translate_regex(xsd)))
        return self.pattern_ids[xsd]

    # ---- attributes ---------------------------------------------------------------
    def attributes(self, node):
        """Attribute uses and the wildcard of a complex type body (xs:complexType,
        xs:extension, xs:restriction, xs:attributeGroup)."""
        uses, wildcard = [], None
        for c in node:
            if not isinstance(c.tag, str):
                continue
            if c.tag == q("attribute"):
                uses.append(self.attribute(c))
            elif c.tag == q("attributeGroup"):
                group = self.g_attr_groups[qname(c, c.get("ref"))]
                more, w = self.attributes(group)
                uses += more
                wildcard = wildcard or w
            elif c.tag == q("anyAttribute"):
                wildcard = c.get("namespace") or "##any"
        return uses, wildcard

    def attribute(self, node):
        use = node.get("use") or "optional"
        if node.get("ref"):
            ref = qname(node, node.get("ref"))
            decl = self.g_attrs[ref]
            ns, name, typed = ref[0], ref[1], decl
        else:
            s = self.schema_for(node)
            qualified = node.get("form") == "qualified" or (node.get("form") is None and s.attr_qualified)
            # xs:attribute/@name is an NCName, whose whitespace facet is "collapse": the
            # published ComManifestSchema writes name="CurrentVersion " (trailing space).
            ns, name, typed = (s.tns if qualified else ""), node.get("name").strip(), node
        if typed.get("type"):
            ty = self.simple_type(None, qname(typed, typed.get("type")))
        else:
            inline = [c for c in typed if c.tag == q("simpleType")]
            ty = self.simple_type(inline[0]) if inline else self.simple_type(None, (XS, "string"))
        fixed = node.get("fixed") or typed.get("fixed")
        return {"ns": ns, "name": name, "type": ty, "use": use, "fixed": fixed}

    # ---- complex types and particles -------------------------------------------------
    def complex_type(self, node):
        if nkey(node) in self.complex_ids:
            return self.complex_ids[nkey(node)]
        idx = len(self.complex)
        self.complex_ids[nkey(node)] = idx
        entry = {"name": node.get("name") or "", "attrs": [], "wildcard": None, "content": ("empty",), "mixed": node.get("mixed") == "true"}
        self.complex.append(entry)
        body = [c for c in node if isinstance(c.tag, str) and c.tag != q("annotation")]
        simple_content = [c for c in body if c.tag == q("simpleContent")]
        complex_content = [c for c in body if c.tag == q("complexContent")]
        if simple_content:
            der = [c for c in simple_content[0] if isinstance(c.tag, str) and c.tag != q("annotation")][0]
            base = qname(der, der.get("base"))
            if base[0] == XS or self.g_types[base].tag == q("simpleType"):
                entry["content"] = ("simple", self.simple_type(None, base))
                base_attrs, base_wild = [], None
            else:
                b = self.complex[self.complex_type(self.g_types[base])]
                entry["content"] = b["content"]
                base_attrs, base_wild = b["attrs"], b["wildcard"]
            attrs, wild = self.attributes(der)
            entry["attrs"] = merge_attrs(base_attrs, attrs)
            entry["wildcard"] = wild or base_wild
        elif complex_content:
            cc = complex_content[0]
            if cc.get("mixed") == "true":
                entry["mixed"] = True
            der = [c for c in cc if isinstance(c.tag, str) and c.tag != q("annotation")][0]
            base = qname(der, der.get("base"))
            particle = self.particle_of(der)
            attrs, wild = self.attributes(der)
            if base == (XS, "anyType"):
                b = {"content": ("empty",), "attrs": [], "wildcard": None, "mixed": False}
            else:
                b = self.complex[self.complex_type(self.g_types[base])]
            if der.tag == q("extension"):
                if b["content"][0] == "elements" and particle is not None:
                    entry["content"] = ("elements", self.add_particle(1, 1, ("seq", [b["content"][1], particle])))
                elif particle is not None:
                    entry["content"] = ("elements", particle)
                else:
                    entry["content"] = b["content"]
                entry["attrs"] = merge_attrs(b["attrs"], attrs)
                entry["wildcard"] = wild or b["wildcard"]
                entry["mixed"] = entry["mixed"] or b["mixed"]
            else:  # restriction
                entry["content"] = ("elements", particle) if particle is not None else ("empty",)
                entry["attrs"] = merge_attrs(b["attrs"], attrs)
                entry["wildcard"] = wild
        else:
            particle = self.particle_of(node)
            if particle is not None:
                entry["content"] = ("elements", particle)
            entry["attrs"], entry["wildcard"] = self.attributes(node)
        return idx

    def particle_of(self, node):
        for c in node:
            if isinstance(c.tag, str) and c.tag in (q("sequence"), q("choice"), q("all"), q("group")):
                return self.particle(c)
        return None

    def occurs(self, node):
        lo = int(node.get("minOccurs", "1"))
        hi = node.get("maxOccurs", "1")
        return lo, (UNBOUNDED if hi == "unbounded" else int(hi))

    def add_particle(self, lo, hi, term):
        self.particles.append({"min": lo, "max": hi, "term": term})
        return len(self.particles) - 1

    def particle(self, node):
        lo, hi = self.occurs(node)
        tag = etree.QName(node).localname
        if tag in ("sequence", "choice", "all"):
            kids = [self.particle(c) for c in node if isinstance(c.tag, str) and c.tag in
                    (q("sequence"), q("choice"), q("all"), q("element"), q("any"), q("group"))]
            return self.add_particle(lo, hi, ({"sequence": "seq", "choice": "choice", "all": "all"}[tag], kids))
        if tag == "group":
            group = self.g_groups[qname(node, node.get("ref"))]
            inner = [c for c in group if isinstance(c.tag, str) and c.tag in (q("sequence"), q("choice"), q("all"))][0]
            return self.add_particle(lo, hi, ("seq", [self.particle(inner)]))
        if tag == "any":
            return self.add_particle(lo, hi, ("any", node.get("namespace") or "##any", node.get("processContents") or "strict"))
        if tag == "element":
            if node.get("ref"):
                ref = qname(node, node.get("ref"))
                members = self.substitutable(ref)
                if len(members) == 1:
                    return self.add_particle(lo, hi, ("elem", self.global_element(members[0])))
                alts = [self.add_particle(1, 1, ("elem", self.global_element(m))) for m in members]
                return self.add_particle(lo, hi, ("choice", alts))
            return self.add_particle(lo, hi, ("elem", self.local_element(node)))
        raise ValueError(f"unsupported particle {tag}")

    def substitutable(self, ref):
        out, seen, todo = [], set(), [ref]
        while todo:
            k = todo.pop(0)
            if k in seen:
                continue
            seen.add(k)
            decl = self.g_elements[k]
            if decl.get("abstract") != "true":
                out.append(k)
            todo.extend(self.subst.get(k, []))
        return out

    def global_element(self, key):
        if key in self.element_ids:
            return self.element_ids[key]
        return self.element(self.g_elements[key], key[0], key[1], key)

    def local_element(self, node):
        s = self.schema_for(node)
        qualified = node.get("form") == "qualified" or (node.get("form") is None and s.elem_qualified)
        return self.element(node, s.tns if qualified else "", node.get("name"), None)

    def element(self, node, ns, name, key):
        idx = len(self.elements)
        if key is not None:
            self.element_ids[key] = idx
        entry = {"ns": ns, "name": name, "type": ("any",), "constraints": []}
        self.elements.append(entry)
        if node.get("type"):
            ref = qname(node, node.get("type"))
            if ref == (XS, "anyType"):
                entry["type"] = ("any",)
            elif ref[0] == XS or self.g_types[ref].tag == q("simpleType"):
                entry["type"] = ("simple", self.simple_type(None, ref))
            else:
                entry["type"] = ("complex", self.complex_type(self.g_types[ref]))
        else:
            inline = [c for c in node if isinstance(c.tag, str) and c.tag in (q("complexType"), q("simpleType"))]
            if inline and inline[0].tag == q("complexType"):
                entry["type"] = ("complex", self.complex_type(inline[0]))
            elif inline:
                entry["type"] = ("simple", self.simple_type(inline[0]))
        for c in node:
            if isinstance(c.tag, str) and c.tag in (q("unique"), q("key"), q("keyref")):
                entry["constraints"].append(self.constraint(c))
        return idx

    def constraint(self, node):
        sel = [c for c in node if c.tag == q("selector")][0]
        fields = [c for c in node if c.tag == q("field")]
        paths = []
        for alt in sel.get("xpath").split("|"):
            steps = []
            for step in alt.strip().split("/"):
                step = step.strip()
                if step in (".", ""):
                    continue
                steps.append(qname_xpath(sel, step))
            paths.append(steps)
        fs = []
        for f in fields:
            x = f.get("xpath").strip()
            if x == ".":
                fs.append(("self",))
            elif x.startswith("@"):
                ns, local = qname_xpath(f, x[1:], attribute=True)
                fs.append(("attr", ns, local))
            else:
                raise ValueError(f"unsupported field {x}")
        refer = None
        if node.get("refer"):
            refer = qname(node, node.get("refer"))[1]
        self.constraints.append({"kind": etree.QName(node).localname, "name": node.get("name"), "paths": paths, "fields": fs, "refer": refer})
        return len(self.constraints) - 1

    def run(self):
        return self.global_element(("http://schemas.microsoft.com/appx/manifest/foundation/windows10", "Package"))


def nkey(node):
    """A stable key for a schema node (lxml proxies come and go, so `id` is not one)."""
    tree = node.getroottree()
    return (tree.docinfo.URL, tree.getpath(node))


def qname_xpath(node, step, attribute=False):
    if ":" in step:
        prefix, local = step.split(":", 1)
        return (node.nsmap[prefix], local)
    # XPath 1.0: unprefixed names are in no namespace.
    return ("", step)


def merge_attrs(base, extra):
    out = {(a["ns"], a["name"]): a for a in base}
    for a in extra:
        if a["use"] == "prohibited":
            out.pop((a["ns"], a["name"]), None)
        else:
            out[(a["ns"], a["name"])] = a
    return list(out.values())


def translate_regex(x):
    """XSD regular expression -> Rust regex (anchored)."""
    out, i, in_class = [], 0, False
    multi = {
        "s": ("[ \\t\\n\\r]", " \\t\\n\\r"),
        "S": ("[^ \\t\\n\\r]", None),
        "d": ("\\p{Nd}", "\\p{Nd}"),
        "D": ("\\P{Nd}", None),
        "w": ("[^\\p{P}\\p{Z}\\p{C}]", None),
        "i": ("[A-Za-z_:]", "A-Za-z_:"),
        "c": ("[-.0-9A-Za-z_:]", "\\-.0-9A-Za-z_:"),
    }
    single = {"n": "\\n", "r": "\\r", "t": "\\t"}
    while i < len(x):
        ch = x[i]
        if ch == "\\":
            nxt = x[i + 1]
            i += 2
            if nxt in multi:
                outside, inside = multi[nxt]
                if in_class:
                    if inside is None:
                        raise ValueError(f"negated class escape inside a class: {x}")
                    out.append(inside)
                else:
                    out.append(outside)
            elif nxt in single:
                out.append(single[nxt])
            elif nxt in "pP":
                end = x.index("}", i)
                out.append("\\" + nxt + x[i:end + 1])
                i = end + 1
            else:
                out.append(escape_char(nxt, in_class))
            continue
        if in_class:
            if ch == "]":
                in_class = False
                out.append("]")
            elif ch == "[":
                raise ValueError(f"class subtraction is not supported: {x}")
            elif ch == "-":
                # A range dash stays a dash; a dash at either end of the class is literal.
                prev, nxt = x[i - 1], x[i + 1] if i + 1 < len(x) else "]"
                out.append("-" if prev not in "[^" and nxt != "]" else "\\-")
            elif ch in "&~^" and not (ch == "^" and x[i - 1] == "["):
                out.append("\\" + ch)
            else:
                out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append("[")
            if x[i + 1] == "^":
                out.append("^")
                i += 1
        elif ch == ".":
            out.append("[^\\n\\r]")
        elif ch in "^$":
            out.append("\\" + ch)
        else:
            out.append(ch)
        i += 1
    return "^(?:" + "".join(out) + ")$"


def escape_char(c, in_class):
    if c.isalnum():
        raise ValueError(f"unknown escape \\{c}")
    if c in "-" and not in_class:
        return "-"
    return "\\" + c


# ---- Rust output ------------------------------------------------------------------------

def ns_ids(repo_root):
    text = open(os.path.join(repo_root, "src", "manifest", "ns.rs")).read()
    ids = {}
    for m in re.finditer(r'^\s*([A-Z0-9_]+) = (\d+): "([^"]+)"', text, re.M):
        ids[m.group(3)] = m.group(1)
    return ids


def rs_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def rs_opt(v):
    return "None" if v is None else f"Some({v})"


def emit(c, root_id, repo_root):
    ids = ns_ids(repo_root)

    def ns(uri):
        if uri == "":
            return "NsId::NONE"
        if uri not in ids:
            raise ValueError(f"namespace {uri} is not in src/manifest/ns.rs")
        return f"NsId::{ids[uri]}"

    w = sys.stdout.write
    w("// @generated by scripts/gen_schema.py from the package manifest schemas of\n")
    w("// microsoft/msix-packaging (resources/AppxPackaging/Manifest/Schema, MIT licence):\n")
    w("// https://github.com/microsoft/msix-packaging. Do not edit; run the script again.\n\n")
    w("use super::model::*;\nuse crate::manifest::NsId;\n\n")
    w(f"pub const ROOT: u32 = {root_id};\n\n")
    w(f"/// XSD pattern facets, translated to anchored Rust regexes.\npub static PATTERNS: [Pattern; {len(c.patterns)}] = [\n")
    for xsd, rust in c.patterns:
        w(f"    Pattern {{ xsd: {rs_str(xsd)}, regex: {rs_str(rust)} }},\n")
    w("];\n\n")
    w(f"pub static SIMPLE_TYPES: [SimpleType; {len(c.simple)}] = [\n")
    for s in c.simple:
        steps = ", ".join(
            "Facets { patterns: &[%s], enums: &[%s], min_len: %s, max_len: %s, length: %s, min_incl: %s, max_incl: %s, min_excl: %s, max_excl: %s }"
            % (", ".join(str(p) for p in f["patterns"]), ", ".join(rs_str(e) for e in f["enums"]), rs_opt(f["min_len"]), rs_opt(f["max_len"]),
               rs_opt(f["length"]), rs_opt(f["min_incl"]), rs_opt(f["max_incl"]), rs_opt(f["min_excl"]), rs_opt(f["max_excl"]))
            for f in s["steps"])
        if s["kind"] == "atomic":
            variety = f"Variety::Atomic(Builtin::{s['builtin']})"
        elif s["kind"] == "list":
            variety = f"Variety::List({s['item']})"
        else:
            variety = "Variety::Union(&[%s])" % ", ".join(str(m) for m in s["members"])
        w(f"    SimpleType {{ name: {rs_str(s['name'])}, variety: {variety}, steps: &[{steps}] }},\n")
    w("];\n\n")
    w(f"pub static COMPLEX_TYPES: [ComplexType; {len(c.complex)}] = [\n")
    for t in c.complex:
        attrs = ", ".join(
            "AttrDecl { ns: %s, name: %s, ty: %d, required: %s, fixed: %s }"
            % (ns(a["ns"]), rs_str(a["name"]), a["type"], "true" if a["use"] == "required" else "false", "None" if a["fixed"] is None else "Some(%s)" % rs_str(a["fixed"]))
            for a in sorted(t["attrs"], key=lambda a: (a["ns"], a["name"])))
        content = {"empty": lambda ct: "Content::Empty", "simple": lambda ct: f"Content::Simple({ct[1]})",
                   "elements": lambda ct: f"Content::Elements({ct[1]})"}[t["content"][0]](t["content"])
        wild = "false" if t["wildcard"] is None else "true"
        w(f"    ComplexType {{ name: {rs_str(t['name'])}, attrs: &[{attrs}], any_attribute: {wild}, mixed: {'true' if t['mixed'] else 'false'}, content: {content} }},\n")
    w("];\n\n")
    w(f"pub static PARTICLES: [Particle; {len(c.particles)}] = [\n")
    for p in c.particles:
        term = p["term"]
        if term[0] == "elem":
            t = f"Term::Element({term[1]})"
        elif term[0] == "any":
            t = f"Term::Any {{ namespace: {rs_str(term[1])}, process: {rs_str(term[2])} }}"
        else:
            t = "Term::%s(&[%s])" % ({"seq": "Sequence", "choice": "Choice", "all": "All"}[term[0]], ", ".join(str(k) for k in term[1]))
        w(f"    Particle {{ min: {p['min']}, max: {p['max']}, term: {t} }},\n")
    w("];\n\n")
    w(f"pub static ELEMENTS: [ElementDecl; {len(c.elements)}] = [\n")
    for e in c.elements:
        ty = {"any": lambda t: "ElementType::Any", "simple": lambda t: f"ElementType::Simple({t[1]})",
              "complex": lambda t: f"ElementType::Complex({t[1]})"}[e["type"][0]](e["type"])
        cons = ", ".join(str(k) for k in e["constraints"])
        w(f"    ElementDecl {{ ns: {ns(e['ns'])}, name: {rs_str(e['name'])}, ty: {ty}, constraints: &[{cons}] }},\n")
    w("];\n\n")
    w(f"pub static CONSTRAINTS: [Constraint; {len(c.constraints)}] = [\n")
    for k in c.constraints:
        paths = ", ".join("&[%s]" % ", ".join(f"({ns(s[0])}, {rs_str(s[1])})" for s in p) for p in k["paths"])
        fields = ", ".join("Field::SelfText" if f[0] == "self" else f"Field::Attr({ns(f[1])}, {rs_str(f[2])})" for f in k["fields"])
        kind = {"unique": "ConstraintKind::Unique", "key": "ConstraintKind::Key", "keyref": "ConstraintKind::KeyRef"}[k["kind"]]
        refer = "None" if k["refer"] is None else "Some(%s)" % rs_str(k["refer"])
        w(f"    Constraint {{ kind: {kind}, name: {rs_str(k['name'])}, paths: &[{paths}], fields: &[{fields}], refer: {refer} }},\n")
    w("];\n\n")
    known = ", ".join(ns(u) for u in c.namespaces if u)
    w(f"/// Namespaces the schema set defines.\npub static SCHEMA_NAMESPACES: &[NsId] = &[{known}];\n")


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    schema_dir = args[0]
    orig = args[args.index("--orig") + 1] if "--orig" in args else None
    c = Compiler(schema_dir, orig)
    root = c.run()
    repo_root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    emit(c, root, repo_root)
    sys.stderr.write(f"{len(c.elements)} elements, {len(c.complex)} complex types, {len(c.simple)} simple types, "
                     f"{len(c.particles)} particles, {len(c.constraints)} constraints, {len(c.patterns)} patterns\n")


if __name__ == "__main__":
    main()
