"""Export a trained checkpoint as a Glimpse model bundle (see shared DESIGN.md, "Model contract").

    /usr/bin/python3 src/train/export.py --checkpoint src/train/checkpoint/wordrev.pt \
        --metrics src/train/checkpoint/metrics.json --out src/main/resources/models/wordrev
    /usr/bin/python3 src/train/export.py --tiny --out DIR      # untrained-quality bundle in < 60 s

Writes encoder.onnx, decoder.onnx (one decoding step), model.json and golden.json. Golden vectors
come from PyTorch greedy decoding at batch 1, the reference the Java engine must reproduce.
"""
import argparse
import hashlib
import json
import os
import random
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402
import model as M  # noqa: E402
import vocab  # noqa: E402
import widen  # noqa: E402

NAME = "wordrev"
VERSION = "1.3.0"
OPSET = 17
TARGET_LEN_FACTOR = 1
TARGET_LEN_EXTRA = 8

GOLDEN_INPUTS = [
    "the cat sat on the mat",
    "a",
    "Z",
    ".",
    "7",
    "ab",
    "mat.",
    "Hello, World!",
    "2024-01-31 12:45",
    "\"quoted\" (words) [here]",
    "double  space   triple",
    " leading and trailing ",
    "tab\tseparated",
    "café naïve",
    "x1y2z3 #$% ^&*",
    "The QUICK brown fox jumps over the lazy dog.",
    "Never gonna give you up, never gonna let you down; never gonna run around and desert you!",
    "aaaa aaa aa a aa aaa aaaa",
]


def _long_golden():
    words = "glimpse attention encoder decoder reverses every word of this sentence while keeping spaces".split()
    out, i = "", 0
    while len(out) < datagen.MAX_SOURCE_LEN:
        out += ("" if not out else " ") + words[i % len(words)]
        i += 1
    return out[:datagen.MAX_SOURCE_LEN]


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def export_onnx(model, cfg, out_dir):
    model.eval()
    b, s = 2, 5
    src = torch.tensor([[5, 6, 7, 8, 9], [10, 11, 12, 0, 0]], dtype=torch.long)
    mask = src != vocab.PAD
    enc_path = os.path.join(out_dir, "encoder.onnx")
    dec_path = os.path.join(out_dir, "decoder.onnx")
    with torch.no_grad():
        torch.onnx.export(model.encoder, (src, mask), enc_path, opset_version=OPSET,
                          input_names=["src_ids", "src_mask"],
                          output_names=["enc_states", "enc_keys", "dec_hidden"],
                          dynamic_axes={"src_ids": {0: "batch", 1: "src_len"}, "src_mask": {0: "batch", 1: "src_len"},
                                        "enc_states": {0: "batch", 1: "src_len"},
                                        "enc_keys": {0: "batch", 1: "src_len"}, "dec_hidden": {0: "batch"}})
        states, keys, hidden = model.encoder(src, mask)
        prev = torch.full((b,), vocab.BOS, dtype=torch.long)
        args = (prev, hidden, states, keys, mask)
        io = decoder_io(cfg)  # the names model.json lists, in the graph's order
        per_source = {0: "batch", 1: "src_len"}
        axes = {"prev_ids": {0: "batch"}, "dec_hidden": {0: "batch"}, "enc_states": per_source,
                "enc_keys": per_source, "src_mask": per_source, "logits": {0: "batch"},
                "next_hidden": {0: "batch"}, "attention": per_source}
        if cfg["coverage_kernel"]:
            # A second recurrent state beside dec_hidden: the engine feeds next_coverage back.
            args += (model.initial_coverage(mask),)
            axes.update(coverage=per_source, next_coverage=per_source)
        torch.onnx.export(model.decoder, args, dec_path, opset_version=OPSET, input_names=list(io["inputs"]),
                          output_names=list(io["outputs"]), dynamic_axes=axes)
    import onnx
    for p in (enc_path, dec_path):
        onnx.checker.check_model(onnx.load(p))
    return enc_path, dec_path


def translate(model, text):
    """PyTorch reference decoding at batch 1: ids, attention rows, text with unk replaced."""
    src, mask = M.batch_tensors([text])
    ids, att, done = model.greedy(src, mask, max_steps=TARGET_LEN_FACTOR * len(text) + TARGET_LEN_EXTRA)
    ids = ids[0].tolist()
    att = att[0]
    steps = ids.index(vocab.EOS) + 1 if vocab.EOS in ids else len(ids)
    ids, att = ids[:steps], att[:steps]
    chars = []
    for t, i in enumerate(ids):
        if i == vocab.EOS:
            break
        if i == vocab.UNK:
            chars.append(text[M.unk_source_index(text, att[t])])
        elif i >= len(vocab.SPECIALS):
            chars.append(vocab.TOKENS[i])
    return ids, att, "".join(chars), bool(done[0])


def golden(model):
    cases = []
    for text in GOLDEN_INPUTS + [_long_golden()]:
        ids, att, out, eos = translate(model, text)
        cases.append({
            "input": text,
            "src_ids": vocab.encode(text),
            "expected_ids": ids,
            "expected_text": out,
            "reference_text": datagen.reverse_words(text),
            "eos_reached": eos,
            "attention": [[round(float(x), 7) for x in row] for row in att],
        })
    return cases


def write_bundle(model, cfg, out_dir, meta, metrics, segment_len=None):
    os.makedirs(out_dir, exist_ok=True)
    enc_path, dec_path = export_onnx(model, cfg, out_dir)
    gold = golden(model)
    with open(os.path.join(out_dir, "golden.json"), "w", encoding="utf-8") as f:
        json.dump({"model": NAME, "version": VERSION, "tolerance": {"attention": 1e-4},
                   "note": "PyTorch greedy decoding at batch 1; expected_ids include the final eos; "
                           "unk outputs are replaced as model.json unk_replacement says. "
                           "Empty input is not a model input: the engine returns empty output without "
                           "running the model (the encoder needs S >= 1).",
                   "cases": gold}, f, ensure_ascii=False, indent=1)
    manifest = {
        "name": NAME,
        "version": VERSION,
        "task": "reverse every maximal run of non-whitespace code points, keep whitespace as is",
        "tokenization": "one token per Unicode code point; code points outside the vocabulary map to unk",
        "vocabulary": vocab.TOKENS,
        "special_ids": {"pad": vocab.PAD, "bos": vocab.BOS, "eos": vocab.EOS, "unk": vocab.UNK},
        "max_source_len": cfg["max_source_len"],
        "min_source_len": 1,
        "segment_len": segment_len or cfg["max_source_len"],
        "segment_len_rule": "text longer than max_source_len is cut at whitespace into runs of words of at most "
                            "segment_len code points (a longer word stays whole up to max_source_len), because "
                            "the model is more reliable on shorter lines (src/train/probe_common_words.py)",
        "target_len_factor": TARGET_LEN_FACTOR,
        "target_len_extra": TARGET_LEN_EXTRA,
        "target_len_rule": "max decoding steps (eos step included) = target_len_factor * src_len + target_len_extra",
        "dimensions": {"enc_state": cfg.state_dim, "attention": cfg["attn"], "dec_hidden": cfg["dec_hidden"],
                       "vocab": cfg["vocab_size"], "embedding": cfg["emb"], "enc_hidden_per_direction": cfg["enc_hidden"],
                       "position": cfg["pos_dim"], "out_hidden": cfg["out_hidden"],
                       "coverage_kernel": cfg["coverage_kernel"]},
        "onnx": {
            "opset": OPSET,
            "encoder": {"file": "encoder.onnx", "sha256": sha256(enc_path),
                        "inputs": {"src_ids": "int64 [B,S]", "src_mask": "bool [B,S]"},
                        "outputs": {"enc_states": "float [B,S,D]", "enc_keys": "float [B,S,A]", "dec_hidden": "float [B,H]"}},
            "decoder": {"file": "decoder.onnx", "sha256": sha256(dec_path), **decoder_io(cfg)},
        },
        "decoding": "greedy from bos until eos or the target length limit",
        "unk_replacement": "an output unk is replaced by the source character with the highest attention weight at "
                           "that step among the source positions whose id is unk (out-of-vocabulary characters); "
                           "if the source has none, by the overall attention argmax",
        "training": meta,
        "metrics": metrics,
    }
    with open(os.path.join(out_dir, "model.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)
    return manifest


def decoder_io(cfg):
    """The decoder's inputs and outputs, in the graph's order, as model.json lists them."""
    inputs = {"prev_ids": "int64 [B]", "dec_hidden": "float [B,H]", "enc_states": "float [B,S,D]",
              "enc_keys": "float [B,S,A]", "src_mask": "bool [B,S]"}
    outputs = {"logits": "float [B,V]", "next_hidden": "float [B,H]", "attention": "float [B,S]"}
    if cfg["coverage_kernel"]:
        inputs["coverage"] = "float [B,S] (sum of the earlier steps' attention; zeros at the first step)"
        outputs["next_coverage"] = "float [B,S] (coverage + attention: the next step's coverage)"
    return {"inputs": inputs, "outputs": outputs}


def training_stages(history):
    """Runs of consecutive epochs with the same data mix and losses, as recorded in the checkpoint."""
    stages = []
    for h in history:
        key = {k: h.get(k, 0.0) for k in ("prose_rate", "long_rate", "attention_weight", "ema", "coverage_lr")}
        key["prose_min_len"] = h.get("prose_min_len", 1)
        if stages and all(stages[-1][k] == v for k, v in key.items()):
            stages[-1]["last_epoch"] = h["epoch"]
            stages[-1]["sentences_seen_at_end"] = h["seen"]
        else:
            stages.append({"first_epoch": h["epoch"], "last_epoch": h["epoch"], **key, "sentences_seen_at_end": h["seen"]})
    return stages


def training_description(meta):
    return {
        "generator": "src/train/datagen.py (Generator): English words from " + datagen.WORD_LIST +
                     " (Debian wamerican) mixed with random character strings, numbers, punctuation and "
                     "quotes; lower/Capitalized/UPPER case; mostly single spaces, some runs of 2-4 spaces, "
                     "rare tabs/newlines; ~5% of tokens carry one non-ASCII character; lengths uniform in "
                     "1..current curriculum limit (up to 128)",
        "word_list": datagen.WORD_LIST,
        "seeds": {"train": "seed*1000 + epoch", "seed": meta.get("seed"),
                  "validation": 7001, "heldout_generated": 9001},
        "unk_noise": "1% of non-whitespace source characters replaced by unk (target unk at the mirrored position)",
        "prose": "datagen.Generator.prose: lines of frequent English function words, dictionary words, numbers and "
                 "rare long tokens (URLs, paths); mixed into training at the stages' prose_rate, with generator "
                 "sentences carrying a long token at long_rate",
        "supervised_attention": "stages with attention_weight > 0 add weight * mean(-log attention on the source "
                                "character each step shows) to the cross-entropy (train.py --attention-weight)",
        "stages": training_stages(meta.get("history", [])),
        "widened": [{"after_epoch": w["epoch"], "from": {k: w["before"].get(k, 0) for k in widen.GROWABLE + widen.ADDABLE},
                     "to": {k: w["after"].get(k, 0) for k in widen.GROWABLE + widen.ADDABLE}}
                    for w in meta.get("widened", [])],
        "excluded_from_training": "validation set, 2,000 held-out generated sentences, src/test/resources/heldout/english.txt",
        "sentences_seen": meta.get("sentences_seen"),
        "epochs": None if meta.get("epoch") is None else meta["epoch"] + 1,
        "validation_exact_match": meta.get("val_exact"),
        "validation_char_accuracy": meta.get("val_char_acc"),
    }


def tiny_model(seconds, overrides=None):
    """A small model trained for a few seconds: correct shapes and contract, not accuracy."""
    torch.manual_seed(0)
    torch.set_num_threads(1)
    cfg = M.Config(**{**dict(emb=16, enc_hidden=16, pos_dim=8, attn=16, dec_hidden=32, out_hidden=32),
                      **(overrides or {})})
    model = M.Seq2Seq(cfg)
    if model.decoder.coverage is not None:
        # Coverage starts at zero (model.py); a few seconds of training would leave it near zero, and
        # then golden vectors could not tell an engine that feeds coverage back from one that does not.
        torch.nn.init.normal_(model.decoder.coverage.weight, std=0.5)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    gen = datagen.Generator(datagen.load_words(), 123)
    rng = random.Random(0)
    start, steps = time.time(), 0
    while time.time() - start < seconds:
        pairs = gen.pairs(16, max_len=12)
        src, mask, tin, tout = M.batch_tensors([s for s, _ in pairs], [t for _, t in pairs], unk_rate=0.01, rng=rng)
        logits = model(src, mask, tin)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), tout.reshape(-1),
                                                 ignore_index=vocab.PAD)
        opt.zero_grad()
        loss.backward()
        opt.step()
        steps += 1
    model.eval()
    return model, cfg, {"seed": 0, "sentences_seen": steps * 16, "note": f"tiny smoke-test model, {steps} steps"}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(os.path.dirname(__file__), "checkpoint", "wordrev.pt"))
    p.add_argument("--metrics", help="JSON file with held-out metrics (from evaluate.py)")
    p.add_argument("--out", required=True)
    p.add_argument("--segment-len", type=int, help="model.json segment_len (default max_source_len)")
    p.add_argument("--tiny", action="store_true", help="train a tiny model for a few seconds and export it")
    p.add_argument("--tiny-seconds", type=float, default=5)
    p.add_argument("--tiny-config", default="{}", help="JSON overrides of the tiny model's config, e.g. "
                   "'{\"coverage_kernel\": 3}'")
    args = p.parse_args(argv)
    if args.tiny:
        model, cfg, meta = tiny_model(args.tiny_seconds, json.loads(args.tiny_config))
        training = {**training_description(meta), "note": meta["note"]}
    else:
        import train
        model, cfg, meta = train.load(args.checkpoint)
        training = training_description(meta)
    metrics = {"measured": False, "note": "not measured for this bundle"}
    if args.metrics:
        with open(args.metrics, encoding="utf-8") as f:
            metrics = json.load(f)
    manifest = write_bundle(model, cfg, args.out, training, metrics, args.segment_len)
    print(f"exported {manifest['name']} {manifest['version']} to {args.out}")


if __name__ == "__main__":
    main()
