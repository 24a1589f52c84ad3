#!/usr/bin/env python3
"""Regenerates the fuzz seed corpora in tests/fuzz/corpus/<target>/ from the
project's own material: corpus/*.txt split into paragraphs, corpus/metadata.jsonl
lines, the example texts of rules/*.toml, each [[rule]] block of rules/*.toml
and tests/testdata/rules_broken/*.toml, and a few hand-written inputs (Unicode
that normalization folds, good and broken JSONL, broken rule files).

    tests/fuzz/make_seeds.py        # rewrites tests/fuzz/corpus/ (not regressions/)

Deterministic: the same project files give the same seeds.
"""
import json
import pathlib
import re
import shutil
import sys
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"
MAX_FILES = 300
MAX_BYTES = 1 << 20

# Characters Normalize() folds or NFKC rewrites (normalize.h), in context.
UNICODE_SEEDS = [
    "“Some 5,000 fighters” — and ‘perhaps’ more",
    "between 14 000 and 18 000 fighters",  # NBSP, thin space
    "2\u200b000 troops and 3\u00ad000 more\u2060",
    "\ufeffAbout 1,500 attacks",
    "ＩＳＩＳ had １２，０００ fighters",  # full-width
    "the ﬁrst 300 ﬂights",
    "300¹ fighters, 45½ percent, 10² m, H₂O",
    "some 7,000−9,000 troops ‒ or 10–12 thousand ― maybe",
    "1،000 fighters؛ why؟ they left۔",
    "estimates… 3⁄4 of them, 5∕8",
    "cafe\u0301 e\u0301\u0302\u0323 A\u030a ﬃ",
    "`40` fighters ´ ′ ″ « 50 »",
    "ا\u0651\u064e 1,000 مقاتل",
    "\u1100\u1161\u11a8 20 병사 ㎏ ㍱",
    "\U0001F600 25 \U0001D7D8\U0001D7D9 soldiers",
    "e\u200b\u0301 a\u00ad\u0308",
    "\u0301\u0302 leading marks",
    "\ufe58 \ufe63 \uff0d 3 \u3000 4",
]

JSONL_SEEDS = [
    '{"id": "a", "text": "Some 5,000 fighters remain."}',
    '{"id": "b", "text": "", "date": "2020"}',
    '{"id": "c", "text": "x", "date": "2020-02"}',
    '{"id": "d", "text": "x", "date": "2020-02-29", "url": "https://example.org/", "title": "T"}',
    '{"id": "e", "text": "x", "date": null, "tags": ["a", {"b": [1, 2.5, true, null]}]}',
    '{"text": "5 fighters", "id": "f"}\r\n{"id": "g", "text": "6"}\r\n',
    '\ufeff{"id": "bom", "text": "BOM on line 1"}',
    '\n\n  \t\n{"id": "after-blanks", "text": "x"}\n\n',
    '{"id": "esc", "text": "caf\\u00e9 \\ud83d\\ude00 \\"q\\" \\\\ \\n\\t"}',
    '{"id": "utf8", "text": "“Some” 5,000 — fighters"}',
    '{"id": "a", "text": "dup"}\n{"id": "a", "text": "dup again"}',
    # broken
    '{"id": "x", "text": "unterminated',
    '{"id": "x" "text": "missing comma"}',
    '["not", "an", "object"]',
    '"a string"',
    '42',
    '{"text": "no id"}',
    '{"id": "", "text": "empty id"}',
    '{"id": 7, "text": "id not a string"}',
    '{"id": "x"}',
    '{"id": "x", "text": null}',
    '{"id": "x", "text": "x", "date": "2021-02-29"}',
    '{"id": "x", "text": "x", "date": "2020-13"}',
    '{"id": "x", "text": "x", "date": 2020}',
    '{"id": "x", "text": "x", "date": "20-01-01"}',
    '{"id": "x", "text": "x", "n": 1e999}',
    '{"id": "x", "text": "x", "n": -123456789012345678901234567890}',
    '{"id": "x", "text": "\\ud800 lone surrogate"}',
    '{"id": "x", "text": "\\u12"}',
    '{"id": "x", "text": "x"} trailing',
    '{"id": "x", "text": "x",}',
    '{"id": "deep", "text": "x", "m": ' + "[" * 300 + "]" * 300 + "}",
    '{"id": "ok", "text": "x"}\n{broken\n{"id": "ok2", "text": "y", "date": "1999-12-31"}\n',
]

# Hand-written rule files; each is written as extra.toml next to the real
# fragments.toml and lexicons.
RULE_SEEDS = {
    "fragments-extra.toml": "[fragments]\nfoo = '''\\d+'''\nbar = '''{foo}\\s+{@multipliers}'''\n",
    "fragments-duplicate.toml": "[fragments]\nnumber = '''\\d+'''\n",
    "fragments-cycle.toml": "[fragments]\nloop_a = '''{loop_b}'''\nloop_b = '''x{loop_a}'''\n"
    "[[rule]]\nid = \"c\"\npattern = '''{loop_a:value}'''\nexamples = [\"x\"]\nnot = [\"y\"]\n",
    "fragments-capture.toml": "[fragments]\nnamed = '''(?P<value>\\d+)'''\n",
    "rule-minimal.toml": "[[rule]]\nid = \"m\"\npattern = '''{number:value} goats'''\n"
    "examples = [ { text = \"5 goats\", low = 5, unit = \"goat\" } ]\nnot = [ \"goats\" ]\n",
    "rule-filter.toml": "[[rule]]\nid = \"f\"\npattern = '''{@qualifiers[position=after]:qualifier_after} {number:value}'''\n"
    "examples = [\"or more 5\"]\nnot = [\"x\"]\n",
    "rule-bad-filter.toml": "[[rule]]\nid = \"f\"\npattern = '''{@qualifiers[nope=x]} {number:value}'''\n"
    "examples = [\"5\"]\nnot = [\"x\"]\n",
    "rule-types.toml": "[[rule]]\nid = 5\nkind = \"weight\"\nrelation = \"about\"\napprox = \"yes\"\n"
    "split = 1\npriority = 1.5\nunit = \"@thing\"\npattern = 7\nexamples = \"x\"\nnot = [ 1, { text = \"a\", low = 1 } ]\n",
    "rule-captures.toml": "[[rule]]\nid = \"c\"\npattern = '''(?P<low>\\d+)(?P<value_2>x)(?P<weird>y)(?P<low>z)'''\n"
    "examples = [ { text = \"1xy\", colour = \"red\", low = [1] } ]\nnot = [ \"\" ]\n",
    "toml-top-level.toml": "rule = 5\nfragments = [1]\nother = true\n",
    "toml-syntax.toml": "[[rule]\nid = \"x\n",
    "toml-inline.toml": "rule = [ { id = \"i\", pattern = '''\\d+(?P<value>)''', examples = [\"1\"], not = [\"a\"] }, 3 ]\n",
}


def paragraphs():
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        for i, p in enumerate(re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))):
            if p.strip():
                yield f"corpus-{path.stem[:3]}-p{i:02d}", p.strip() + "\n"


def rule_files():
    return sorted((ROOT / "rules").glob("*.toml"))


def example_texts():
    for path in rule_files():
        for rule in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", []):
            for kind in ("examples", "not"):
                for i, ex in enumerate(rule.get(kind, [])):
                    text = ex if isinstance(ex, str) else ex.get("text", "")
                    yield f"example-{rule['id']}-{kind}{i}", text


def rule_blocks(path):
    """Each [[rule]] block of a rule file, up to the next block or comment banner."""
    block = None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("[[rule]]"):
            if block:
                yield "".join(block)
            block = [line]
        elif block is not None:
            if line.startswith("# ---"):
                yield "".join(block)
                block = None
            else:
                block.append(line)
    if block:
        yield "".join(block)


def write(target, seeds):
    """Writes (name, text) seeds, skipping duplicate contents."""
    out = OUT / target
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    seen, total = set(), 0
    for name, text in seeds:
        data = text.encode("utf-8") if isinstance(text, str) else text
        if not data or data in seen:
            continue
        seen.add(data)
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)
        (out / safe).write_bytes(data)
        total += len(data)
    if len(seen) >= MAX_FILES or total >= MAX_BYTES:
        sys.exit(f"{out}: {len(seen)} files, {total} bytes: over the limit")
    print(f"{out.relative_to(ROOT)}: {len(seen)} files, {total} bytes")


def main():
    paras = list(paragraphs())
    examples = list(example_texts())
    unicode = [(f"unicode-{i:02d}", s) for i, s in enumerate(UNICODE_SEEDS)]

    non_ascii_examples = [(n, t) for n, t in examples if not t.isascii()]
    write("normalize", paras + unicode + non_ascii_examples + examples[:40:4])
    write("extract", paras + examples + unicode)

    jsonl = []
    metadata = (ROOT / "corpus" / "metadata.jsonl").read_text(encoding="utf-8")
    for i, line in enumerate(metadata.splitlines()):
        jsonl.append((f"metadata-{i:02d}", line + "\n"))
    jsonl.append(("metadata-all", metadata))
    for path in sorted((ROOT / "corpus").glob("*.txt"))[:2]:
        doc = {"id": path.stem, "text": path.read_text(encoding="utf-8"), "date": "2020-06"}
        jsonl.append((f"article-{path.stem[:3]}", json.dumps(doc, ensure_ascii=False) + "\n"))
    jsonl += [(f"line-{i:02d}", s) for i, s in enumerate(JSONL_SEEDS)]
    jsonl.append(("invalid-utf8", b'{"id": "x", "text": "\xff\xfe bad \xc3"}\n'))
    jsonl.append(("nul-byte", b'{"id": "x", "text": "a\x00b"}\n'))
    write("jsonl", jsonl)

    rules = []
    for path in rule_files() + sorted((ROOT / "tests" / "testdata" / "rules_broken").glob("*.toml")):
        for i, block in enumerate(rule_blocks(path)):
            if "broken.too_big" in block:
                continue  # a regex past RE2's budget: ~4 s per load under ASan
            rule_id = re.search(r'^id = "([^"]*)"', block, re.M)
            name = rule_id.group(1) if rule_id else f"{i:02d}"
            rules.append((f"{path.parent.name}-{path.stem}-{name}.toml", block))
    rules.append(("broken-syntax.toml", (ROOT / "tests/testdata/rules_broken/syntax.toml").read_text()))
    rules += list(RULE_SEEDS.items())
    write("rules", rules)


if __name__ == "__main__":
    main()
