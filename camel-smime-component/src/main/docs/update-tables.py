#!/usr/bin/env python3
"""Rewrites the option and header tables of the component docs from the metadata Camel's plugin generated, and
writes the data format's own catalog metadata (Camel's plugin generates none for a third-party data format): its JSON
(the component's options minus the endpoint-only ones) where Camel's catalog looks for it, beside the data format
class named in META-INF/services/org/apache/camel/dataformat/smime.

Run after adding or changing an option: python3 src/main/docs/update-tables.py (from camel-smime-component/).
SmimeDocsTest fails when an option or header is missing from the docs; DataFormatCatalogTest checks the JSON.
"""
import json
import pathlib
import re

base = pathlib.Path(__file__).resolve().parent
meta = json.loads((base.parent.parent / "generated/resources/META-INF/io/github/camelsmime/smime.json").read_text())
ENDPOINT_ONLY = {"operation", "lazyStartProducer"}
DATAFORMAT_CLASS = "io.github.camelsmime.dataformat.NamedSmimeDataFormat"


def dataformat_json():
    c = meta["component"]
    model = {"kind": "dataformat", "name": "smime", "title": c["title"],
             "description": "Marshal signs, encrypts, signs-then-encrypts or compresses (chosen by what is configured);"
                            " unmarshal opens every S/MIME layer, like smime:unwrap, and sets the CamelSmime* headers.",
             "deprecated": False, "firstVersion": c["firstVersion"], "label": "dataformat,transformation,security",
             "javaType": DATAFORMAT_CLASS, "supportLevel": c["supportLevel"], "groupId": c["groupId"],
             "artifactId": c["artifactId"], "version": c["version"], "modelName": "smime",
             "modelJavaType": "org.apache.camel.model.dataformat.CustomDataFormat"}
    props = {}
    for name, o in meta["properties"].items():
        if name in ENDPOINT_ONLY:
            continue
        o = {k: v for k, v in o.items() if k not in ("configurationClass", "configurationField")}
        o["index"] = len(props)
        o["kind"] = "attribute"
        props[name] = o
    return {"dataformat": model, "properties": props}


def dataformat_metadata():
    resources = base.parent / "resources/META-INF"
    path = resources / "io/github/camelsmime/dataformat/smime.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dataformat_json(), indent=2) + "\n")
    c = meta["component"]
    (resources / "services/org/apache/camel/dataformat.properties").write_text(
        "# Written by src/main/docs/update-tables.py from the component metadata\n"
        "dataFormats=smime\ngroupId=%s\nartifactId=%s\nversion=%s\nprojectName=camel-smime\n"
        "projectDescription=S/MIME (RFC 8551 / RFC 8550) for Apache Camel 4\n"
        % (c["groupId"], c["artifactId"], c["version"]))


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def options_table(skip=()):
    rows = ["[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]", "|===",
            "| Name | Description | Default | Type"]
    groups = {}
    for name, o in meta["properties"].items():
        if name in skip:
            continue
        groups.setdefault(o.get("label") or "path", []).append((name, o))
    for group in ["path", "common", "sign", "encrypt", "decrypt", "trust", "verify", "limits"] + sorted(groups):
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


for doc, skip in [("smime-component.adoc", ()), ("smime-dataformat.adoc", ENDPOINT_ONLY)]:
    path = base / doc
    text = path.read_text()
    table = options_table(skip)
    text = re.sub(r"(// options: START\n).*?(// options: END)", lambda m: m.group(1) + table + "\n" + m.group(2),
                  text, flags=re.S)
    text = re.sub(r"(// headers: START\n).*?(// headers: END)", lambda m: m.group(1) + headers_table() + "\n" + m.group(2),
                  text, flags=re.S)
    path.write_text(text)

dataformat_metadata()
