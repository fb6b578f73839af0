"""PyTorch baseline for the Java benchmark: the same sentences, the same weights, greedy, one thread.

    /usr/bin/python3 src/train/bench_torch.py [--checkpoint src/train/checkpoint/wordrev.pt] [--rounds 3]

Reads src/test/resources/bench/sentences.txt (the fixed mixed-length set the JMH benchmark uses)
and prints sentences/s and characters/s for batch 1 and batch 32 (input order, no length sorting,
as a user would call it). Each figure is the best of --rounds passes over the whole set.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402
import train  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SENTENCES = os.path.join(ROOT, "src", "test", "resources", "bench", "sentences.txt")


def run(model, sentences, batch_size):
    for i in range(0, len(sentences), batch_size):
        chunk = sentences[i:i + batch_size]
        src, mask = M.batch_tensors(chunk)
        model.greedy(src, mask)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(os.path.dirname(__file__), "checkpoint", "wordrev.pt"))
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--batches", default="1,32")
    args = p.parse_args()
    torch.set_num_threads(1)
    model, _, _ = train.load(args.checkpoint)
    with open(SENTENCES, encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f if line.strip()]
    chars = sum(len(s) for s in sentences)
    print(f"torch {torch.__version__}, 1 thread, {len(sentences)} sentences, {chars} characters "
          f"(mean {chars / len(sentences):.1f})")
    run(model, sentences[:8], 8)  # warm-up
    for b in (int(x) for x in args.batches.split(",")):
        best = float("inf")
        for _ in range(args.rounds):
            t = time.perf_counter()
            run(model, sentences, b)
            best = min(best, time.perf_counter() - t)
        print(f"batch {b:3d}: {len(sentences) / best:8.1f} sentences/s  {chars / best:10.0f} chars/s  "
              f"({best:.2f} s per pass)")


if __name__ == "__main__":
    main()
