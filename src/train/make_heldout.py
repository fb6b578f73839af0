"""Write the held-out test resources (run once; the files are committed).

- src/test/resources/heldout/english.txt: real English sentences (clauses when a sentence is longer
  than the source limit) from the licence texts Debian ships in /usr/share/common-licenses.
- src/test/resources/heldout/generated.tsv: 2,000 generated sentences (seed 9001, no tabs or
  newlines so the file needs no escaping): source<TAB>target.
- src/test/resources/bench/sentences.txt: 200 fixed mixed-length benchmark sentences (seed 4242).
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402
import train  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LICENCES = ["GPL-3", "Apache-2.0", "MPL-2.0", "LGPL-3", "GFDL-1.3", "Artistic"]
LIMIT = datagen.MAX_SOURCE_LEN


def clauses(sentence):
    """Cut a long sentence at clause punctuation into pieces of at most LIMIT characters."""
    if len(sentence) <= LIMIT:
        return [sentence]
    out, cur = [], ""
    for piece in re.split(r"(?<=[,;:])\s+", sentence):
        if cur and len(cur) + 1 + len(piece) > LIMIT:
            out.append(cur)
            cur = piece
        else:
            cur = piece if not cur else cur + " " + piece
    out.append(cur)
    return [c for c in out if len(c) <= LIMIT]


def english_sentences():
    seen, out = set(), []
    for name in LICENCES:
        with open(os.path.join("/usr/share/common-licenses", name), encoding="utf-8") as f:
            text = re.sub(r"\s+", " ", f.read())
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", text):
            for c in clauses(sent.strip()):
                words = c.split()
                if len(words) < 4 or not re.search(r"[a-z]{3}", c) or c in seen:
                    continue
                if sum(ch.isalpha() for ch in c) < 0.6 * len(c):
                    continue  # section numbers, separators, addresses
                seen.add(c)
                out.append(c)
    return out


def main():
    heldout = os.path.join(ROOT, "src", "test", "resources", "heldout")
    bench = os.path.join(ROOT, "src", "test", "resources", "bench")
    os.makedirs(heldout, exist_ok=True)
    os.makedirs(bench, exist_ok=True)
    english = english_sentences()
    with open(os.path.join(heldout, "english.txt"), "w", encoding="utf-8") as f:
        f.writelines(s + "\n" for s in english)
    words = datagen.load_words()
    gen = datagen.Generator(words, train.HELDOUT_SEED, allow_tabs_newlines=False)
    with open(os.path.join(heldout, "generated.tsv"), "w", encoding="utf-8") as f:
        for s, t in gen.pairs(2000):
            f.write(f"{s}\t{t}\n")
    bgen = datagen.Generator(words, 4242, allow_tabs_newlines=False, non_ascii_rate=0)
    with open(os.path.join(bench, "sentences.txt"), "w", encoding="utf-8") as f:
        for s, _ in bgen.pairs(200):
            f.write(s.strip() + "\n")
    print(f"english {len(english)} sentences, generated 2000, bench 200")


if __name__ == "__main__":
    main()
