"""Held-out evaluation of a checkpoint with PyTorch greedy decoding (the reference for Java).

    /usr/bin/python3 src/train/evaluate.py --checkpoint src/train/checkpoint/wordrev.pt \
        --out src/train/checkpoint/metrics.json

Metrics per set: exact sentence match of the output text (unk replaced by the attended source
character, as the Java engine does), character accuracy, and the attention alignment rate: the
share of output characters whose attention argmax lies on the mirrored source character or a
neighbour. Sets: the 2,000 generated held-out sentences and the real English sentences in
src/test/resources/heldout/. Also re-checks that no held-out sentence occurs in the training stream.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402
import model as M  # noqa: E402
import train  # noqa: E402
import vocab  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
HELDOUT = os.path.join(ROOT, "src", "test", "resources", "heldout")


def read_generated():
    with open(os.path.join(HELDOUT, "generated.tsv"), encoding="utf-8") as f:
        return [tuple(line.rstrip("\n").split("\t")) for line in f]


def read_english():
    with open(os.path.join(HELDOUT, "english.txt"), encoding="utf-8") as f:
        return [(s, datagen.reverse_words(s)) for s in (line.rstrip("\n") for line in f)]


def decode_batch(model, sources):
    """Greedy, batched; returns (text, steps) per source with unk replaced through attention."""
    src, mask = M.batch_tensors(sources)
    ids, att, _ = model.greedy(src, mask)
    out = []
    for k, s in enumerate(sources):
        chars, argmax = [], []
        for t, i in enumerate(ids[k].tolist()):
            if i in (vocab.EOS, vocab.PAD):
                break
            a = int(att[k, t].argmax())
            argmax.append(a)
            if i == vocab.UNK:
                chars.append(s[M.unk_source_index(s, att[k, t])])
            elif i >= len(vocab.SPECIALS):
                chars.append(vocab.TOKENS[i])
        out.append(("".join(chars), argmax))
    return out


def evaluate_set(model, pairs, batch_size=64):
    exact = chars = correct = aligned = steps = 0
    ws_aligned = ws_steps = 0  # the whitespace steps on their own: where attention was hardest to place
    failures = []
    order = sorted(pairs, key=lambda p: len(p[0]))
    for i in range(0, len(order), batch_size):
        chunk = order[i:i + batch_size]
        for (s, t), (got, argmax) in zip(chunk, decode_batch(model, [s for s, _ in chunk])):
            exact += got == t
            correct += sum(a == b for a, b in zip(got, t))
            chars += max(len(t), len(got))
            for pos, a in enumerate(argmax[:len(s)]):
                ok = abs(a - M.mirror_index(s, pos)) <= 1
                steps += 1
                aligned += ok
                if s[pos] in vocab.WHITESPACE:
                    ws_steps += 1
                    ws_aligned += ok
            if got != t and len(failures) < 10:
                failures.append({"source": s, "expected": t, "got": got})
    return {"sentences": len(pairs), "exact_match": exact / len(pairs), "char_accuracy": correct / chars,
            "attention_alignment_rate": aligned / max(steps, 1),
            "attention_alignment_rate_whitespace_steps": ws_aligned / max(ws_steps, 1),
            "examples_of_failures": failures}


def training_stream_overlap(meta, heldout_sources):
    """Replay the training sentences the checkpoint saw (same seeds, same exclusions as train.py)
    and count held-out sentences among them; must be 0."""
    args = meta.get("args", {})
    seed = args.get("seed", 1)
    words = datagen.load_words()
    # english.txt is left out of the replay's exclusions on purpose: if a real English sentence had
    # been generated, the replay must see it, not skip it.
    _, exclude = train.heldout_exclusions(words, args.get("valid", 300), args.get("heldout", 2000),
                                          include_english=False, n_valid_prose=args.get("valid_prose", 0))
    found = 0
    for h in meta.get("history", []):
        gen = datagen.Generator(words, seed * 1000 + h["epoch"])
        # Epochs recorded before batch sizes were kept per epoch all ran 100 batches of 64.
        n, size = h.get("batches", 100), h.get("batch_size", 64)
        accepted = 0
        pr, lr = h.get("prose_rate", 0.0), h.get("long_rate", 0.0)
        while accepted < n * size:
            s = gen.mixed(h["max_len"], pr, lr, h.get("prose_min_len", 1)) if pr or lr else gen.sentence(h["max_len"])
            if s not in exclude:
                accepted += 1
                found += s in heldout_sources
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(os.path.dirname(__file__), "checkpoint", "wordrev.pt"))
    p.add_argument("--out")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--limit", type=int, default=0, help="evaluate only the first N of each set")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    model, cfg, meta = train.load(args.checkpoint)
    generated, english = read_generated(), read_english()
    if args.limit:
        generated, english = generated[:args.limit], english[:args.limit]
    start = time.time()
    metrics = {"measured": True, "decoder": "PyTorch greedy, batched, unk replaced by the most attended out-of-vocabulary source character",
               "alignment_definition": "attention argmax within 1 of the mirrored source index",
               "heldout_generated": evaluate_set(model, generated),
               "heldout_english": evaluate_set(model, english)}
    metrics["heldout_in_training_stream"] = training_stream_overlap(
        meta, {s for s, _ in generated} | {s for s, _ in english})
    metrics["checkpoint_epoch"] = meta.get("epoch")
    for name in ("heldout_generated", "heldout_english"):
        m = metrics[name]
        print(f"{name}: {m['sentences']} sentences exact {m['exact_match']:.4f} char {m['char_accuracy']:.5f} "
              f"alignment {m['attention_alignment_rate']:.4f} (whitespace steps {m['attention_alignment_rate_whitespace_steps']:.4f})")
    print(f"held-out sentences found in the training stream: {metrics['heldout_in_training_stream']}; "
          f"{time.time() - start:.0f} s")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(metrics, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
