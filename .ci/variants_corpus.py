"""Writes variant corpora derived from the reference corpus.

    python3 .ci/variants_corpus.py REF OUT COUNT N [MODE]

takes the first COUNT templates of REF (sorted by name) and writes each to
OUT with N variants that differ in one paragraph: the paragraph is the
value of {{ .p }}, which each variant sets. MODE says where it goes and what
it says:

  perf    after the first paragraph; the same plain question in every
          variant but its number (.ci/perf.sh's 20-variant case)
  first   as the first paragraph, mixed copy (see MIXED)
  second  after the first paragraph, mixed copy
  last    as the last paragraph, mixed copy
  dup     after the first paragraph, mixed copy, and the variants' names
          repeat (v0, v1, v0, ...), which turns the sharing off

Mixed copy cycles through paragraphs with and without findings (a hype
phrase, a self-introduction, a vague call to action, a macro, a
placeholder, Markdown), so that a finding lies in the paragraph only some
variants render: .ci/same-output.sh compares what every variant is
blamed for.
"""
import os
import sys

MIXED = [
    "Variant {i} asks a different question about this year's plans.",
    "Hi, I'm Sam from Acme and I wanted to reach out.",
    "Act now: this limited time offer is a game changer!!",
    "Click here to learn more about {i} new features.",
    "%FIRSTNAME%, how does %COMPANYNAME% plan hiring in Q{i}?",
    "Our team at [COMPANY] will send the **full report** today.",
    "Does the team track this the the same way every quarter?",
]


def paragraph(mode, i):
    if mode == "perf":
        return "Variant %d asks a different question about this year's plans." % i
    return MIXED[i % len(MIXED)].format(i=i)


def yaml_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ref, out, count, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    mode = sys.argv[5] if len(sys.argv) > 5 else "perf"
    os.makedirs(out, exist_ok=True)
    names = sorted(x for x in os.listdir(ref) if x.endswith(".md"))[:count]
    for name in names:
        text = open(os.path.join(ref, name), encoding="utf-8").read()
        _, front, body = text.split("---\n", 2)
        vs = ""
        for i in range(n):
            vname = "v%d" % (i % 2 if mode == "dup" else i)
            vs += "  - name: %s\n    p: %s\n" % (vname, yaml_string(paragraph(mode, i)))
        parts = body.split("\n\n")
        if mode == "first":
            parts.insert(0, "{{ .p }}")
        elif mode == "last":
            parts.append("{{ .p }}\n")
            if len(parts) > 1:
                parts[-2] = parts[-2].rstrip("\n")
        else:
            parts.insert(1 if len(parts) > 0 else 0, "{{ .p }}")
        new = "\n\n".join(parts)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("---\n" + front + "variants:\n" + vs + "---\n" + new)


main()
