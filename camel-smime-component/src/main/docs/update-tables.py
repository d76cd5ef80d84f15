#!/usr/bin/env python3
"""Rewrites the option and header tables of the component docs from the metadata Camel's plugin generated.

Run after adding or changing an option: python3 src/main/docs/update-tables.py (from camel-smime-component/).
SmimeDocsTest fails when an option or header is missing from the docs.
"""
import json
import pathlib
import re

base = pathlib.Path(__file__).resolve().parent
meta = json.loads((base.parent.parent / "generated/resources/META-INF/io/github/camelsmime/smime.json").read_text())


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def options_table():
    rows = ["[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]", "|===",
            "| Name | Description | Default | Type"]
    groups = {}
    for name, o in meta["properties"].items():
        groups.setdefault(o.get("label") or "path", []).append((name, o))
    for group in ["path", "common", "sign", "encrypt", "decrypt", "verify"] + sorted(groups):
        for name, o in groups.pop(group, []):
            desc = o["description"] + (" *Secret.*" if o.get("secret") else "")
            if o.get("enum"):
                desc += " One of: " + ", ".join(o["enum"]) + "."
            rows.append("| *%s* (%s) | %s | %s | %s" % (name, group, cell(desc), cell(o.get("defaultValue", "")),
                                                       o["javaType"].split(".")[-1]))
    rows.append("|===")
    return "\n".join(rows)


def headers_table():
    rows = ["[width=\"100%\",cols=\"2,5,2\",options=\"header\"]", "|===", "| Header | Description | Type"]
    for name, h in meta["headers"].items():
        rows.append("| *%s* | %s | %s" % (name, cell(h["description"]), cell(h["javaType"])))
    rows.append("|===")
    return "\n".join(rows)


for doc in ["smime-component.adoc", "smime-dataformat.adoc"]:
    path = base / doc
    text = path.read_text()
    text = re.sub(r"(// options: START\n).*?(// options: END)", lambda m: m.group(1) + options_table() + "\n" + m.group(2),
                  text, flags=re.S)
    text = re.sub(r"(// headers: START\n).*?(// headers: END)", lambda m: m.group(1) + headers_table() + "\n" + m.group(2),
                  text, flags=re.S)
    path.write_text(text)
