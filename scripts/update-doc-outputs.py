#!/usr/bin/env python3
"""Re-records the command outputs shown in docs/*.md.

Runs a document as Tests/PreceptCLITests/DocScript.swift does (yaml blocks starting
`# file: PATH` are written, `# edit: PATH` blocks change lines, `$ ` commands in console blocks
are run with /bin/sh in a fresh workspace holding a copy of Rules/), and writes each command's
real output under it. Outputs that contain a line `...` are left as written (the test still
checks them). Read the diff before committing: the test compares the docs with real runs, this
script only saves typing.

    swift build --product precept
    python3 scripts/update-doc-outputs.py docs/rules-dsl.md docs/tutorial.md
"""
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, ".build", "debug")


def normalise(text):
    lines = [line.rstrip(" ") for line in text.replace("\r\n", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def run(command, cwd):
    env = dict(os.environ)
    env["NO_COLOR"] = "1"
    env.pop("PRECEPT_RULES", None)
    env["PATH"] = BIN + ":" + env.get("PATH", "/usr/bin:/bin")
    result = subprocess.run(
        ["/bin/sh", "-c", command], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return normalise(result.stdout.decode("utf-8"))


def process(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    work = tempfile.mkdtemp(prefix="precept-docs-")
    shutil.copytree(os.path.join(ROOT, "Rules"), os.path.join(work, "Rules"))
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not (stripped.startswith("```") and len(stripped) > 3):
            out.append(line)
            i += 1
            continue
        language = stripped[3:]
        end = i + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = lines[i + 1:end]
        out.append(line)
        if language == "yaml" and body and body[0].startswith("# file: "):
            target = os.path.join(work, body[0][len("# file: "):].strip())
            os.makedirs(os.path.dirname(target), exist_ok=True)
            open(target, "w", encoding="utf-8").write("\n".join(body) + "\n")
            out += body
        elif language == "yaml" and body and body[0].startswith("# edit: "):
            target = os.path.join(work, body[0][len("# edit: "):].strip())
            text = open(target, encoding="utf-8").read().split("\n")
            for edit in body[1:]:
                if not edit.strip() or edit.startswith("#"):
                    continue
                key = edit.split(":", 1)[0]
                for n, existing in enumerate(text):
                    if existing.startswith(key + ":") or existing.startswith("# " + key + ":"):
                        text[n] = edit
                        break
                else:
                    sys.exit(f"{path}: no line setting '{key}' in {target}")
            open(target, "w", encoding="utf-8").write("\n".join(text))
            out += body
        elif language == "console":
            commands = []
            for text in body:
                if text.startswith("$ "):
                    commands.append([text, []])
                elif commands:
                    commands[-1][1].append(text)
            for command, expected in commands:
                actual = run(command[2:], work)
                out.append(command)
                out += expected if "..." in expected else actual
        else:
            out += body
        if end < len(lines):
            out.append(lines[end])
        i = end + 1
    shutil.rmtree(work)
    open(path, "w", encoding="utf-8").write("\n".join(out))


for document in sys.argv[1:]:
    process(document)
