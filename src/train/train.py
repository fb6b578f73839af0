"""Train the word-reversal attention model.

    /usr/bin/python3 src/train/train.py --minutes 80 --checkpoint src/train/checkpoint/wordrev.pt

Sentences are generated on the fly (seeded; epoch e draws from seed ``seed*1000+e``) and never
include a held-out sentence. Batches group sentences of similar length; a length curriculum starts
with short sentences and raises the limit by 16 whenever teacher-forced char accuracy over an epoch
reaches --advance-acc (or after --max-level-epochs epochs). Validation after each epoch: greedy decoding of a fixed validation set, exact sentence
match. The checkpoint is written at every validation improvement, so an interrupted run still
leaves its best model. Early stopping once the curriculum is complete and validation stops
improving.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402
import model as M  # noqa: E402
import vocab  # noqa: E402

VALID_SEED = 7001
VALID_PROSE_SEED = 7002
HELDOUT_SEED = 9001
SMALL = dict(emb=32, enc_hidden=64, pos_dim=32, attn=64, dec_hidden=128, out_hidden=128)


def heldout_exclusions(words, n_valid, n_heldout, include_english=True, n_valid_prose=0):
    """Sentences training must never see: validation, generated held-out and real English.

    Validation is the generator's own sentences plus, when asked, prose-like lines: selecting a
    checkpoint on generator sentences alone let a fine-tune trade prose accuracy away unseen."""
    valid = datagen.Generator(words, VALID_SEED, allow_tabs_newlines=False).pairs(n_valid)
    prose_gen = datagen.Generator(words, VALID_PROSE_SEED, allow_tabs_newlines=False)
    prose = []
    while len(prose) < n_valid_prose:
        s = prose_gen.prose()
        if s not in prose:
            prose.append(s)
    valid += [(s, datagen.reverse_words(s)) for s in prose]
    heldout = datagen.Generator(words, HELDOUT_SEED, allow_tabs_newlines=False).pairs(n_heldout)
    excl = {s for s, _ in valid} | {s for s, _ in heldout}
    english = os.path.join(os.path.dirname(__file__), "..", "test", "resources", "heldout", "english.txt")
    if include_english and os.path.exists(english):
        with open(english, encoding="utf-8") as f:
            excl |= {line.rstrip("\n") for line in f}
    return valid, excl


def batches(gen, n_batches, batch_size, max_len, exclude, prose_rate=0.0, long_rate=0.0, prose_min_len=1):
    """Batches of similar-length pairs (sorted pools, shuffled batch order)."""
    pairs = []
    while len(pairs) < n_batches * batch_size:
        s = gen.mixed(max_len, prose_rate, long_rate, prose_min_len) if prose_rate or long_rate else gen.sentence(max_len)
        if s not in exclude:
            pairs.append((s, datagen.reverse_words(s)))
    pairs.sort(key=lambda p: len(p[0]))
    out = [pairs[i:i + batch_size] for i in range(0, len(pairs), batch_size)]
    gen.rng.shuffle(out)
    return out


def evaluate(model, pairs, batch_size=100):
    """(exact-match rate, char accuracy) of greedy decoding, compared on token ids."""
    model.eval()
    exact = chars = correct = 0
    order = sorted(pairs, key=lambda p: len(p[0]))
    for i in range(0, len(order), batch_size):
        chunk = order[i:i + batch_size]
        src, mask = M.batch_tensors([s for s, _ in chunk])
        ids, _, _ = model.greedy(src, mask)
        for k, (s, t) in enumerate(chunk):
            want = vocab.encode(t) + [vocab.EOS]
            got = ids[k].tolist()[:len(want)]
            got += [vocab.PAD] * (len(want) - len(got))
            same = sum(a == b for a, b in zip(got, want))
            correct += same
            chars += len(want)
            exact += same == len(want)
    model.train()
    return exact / len(pairs), correct / chars


def save(path, model, cfg, meta):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    torch.save({"config": dict(cfg), "state_dict": model.state_dict(), "meta": meta}, tmp)
    os.replace(tmp, path)


def load(path):
    ck = torch.load(path, map_location="cpu")
    cfg = M.Config(**ck["config"])
    model = M.Seq2Seq(cfg)
    model.load_state_dict(ck["state_dict"])
    model.eval()
    return model, cfg, ck.get("meta", {})


class EmaWeights:
    """Exponential moving average of a model's weights (Polyak averaging), kept beside it."""

    def __init__(self, model, decay):
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in model.state_dict().items()}

    @torch.no_grad()
    def update(self, model):
        for k, v in model.state_dict().items():
            if v.dtype.is_floating_point:
                self.shadow[k].mul_(self.decay).add_(v, alpha=1 - self.decay)
            else:
                self.shadow[k].copy_(v)

    def model(self, like):
        """A copy of ``like`` holding the averaged weights (for validation and checkpoints)."""
        averaged = M.Seq2Seq(like.cfg)
        averaged.load_state_dict(self.shadow)
        averaged.eval()
        return averaged


def param_groups(model, args):
    """Adam groups, each with its own base rate: coverage weights added to a trained model start at
    zero and, at a fine-tune's small rate, would take most of the run to matter."""
    cov = model.decoder.coverage
    new = list(cov.parameters()) if cov is not None and args.coverage_lr else []
    rest = [p for p in model.parameters() if all(p is not q for q in new)]
    groups = [{"params": rest, "lr": args.lr, "base_lr": args.lr}]
    if new:
        groups.append({"params": new, "lr": args.coverage_lr, "base_lr": args.coverage_lr})
    return groups


def train(args):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    words = datagen.load_words()
    valid, exclude = heldout_exclusions(words, args.valid, args.heldout, n_valid_prose=args.valid_prose)
    cfg = M.Config(**{**SMALL, **json.loads(args.config)})
    model = M.Seq2Seq(cfg)
    history, first_epoch, seen, max_len, widened = [], 0, 0, args.start_len, []
    if args.init_from:
        # Continue from a checkpoint: same data stream (epoch numbering and seeds continue), its
        # history kept so evaluate.py can replay every sentence the weights were trained on.
        ck = torch.load(args.init_from, map_location="cpu")
        cfg = M.Config(**ck["config"])
        model = M.Seq2Seq(cfg)
        model.load_state_dict(ck["state_dict"])
        history = list(ck["meta"]["history"])
        widened = list(ck["meta"].get("widened", []))  # widen.py's record: where the model grew
        first_epoch = history[-1]["epoch"] + 1
        seen = history[-1]["seen"]
        max_len = max(args.start_len, history[-1]["max_len"])
        print(f"initialized from {args.init_from} (epoch {first_epoch - 1}, {seen} sentences)", flush=True)
    opt = torch.optim.Adam(param_groups(model, args), lr=args.lr)
    # Validation and checkpoints use an exponential moving average of the weights when asked: the
    # last steps of a run wander around a minimum, and their average sits closer to it.
    ema = EmaWeights(model, args.ema) if args.ema else None
    unk_rng = random.Random(args.seed + 17)
    start = time.time()
    best = (-1.0, -1.0)
    stale = 0
    at_level = 0
    print(f"config {dict(cfg)} params {sum(p.numel() for p in model.parameters())}", flush=True)
    for epoch in range(first_epoch, first_epoch + args.epochs):
        gen = datagen.Generator(words, args.seed * 1000 + epoch)
        tot_loss = tot_tok = tot_ok = tot_att = 0.0
        n_sent = 0
        for batch in batches(gen, args.batches, args.batch_size, max_len, exclude, args.prose_rate, args.long_rate,
                             args.prose_min_len):
            src, mask, tin, tout = M.batch_tensors([s for s, _ in batch], [t for _, t in batch],
                                                   unk_rate=args.unk_rate, rng=unk_rng)
            logits, alphas = model(src, mask, tin, return_attention=True)
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), tout.reshape(-1),
                                   ignore_index=vocab.PAD)
            ce = float(loss)
            if args.attention_weight:
                # Supervised attention: the step that shows source character j should look at j.
                # Unsupervised, the decoder looks back at the word it just finished while it emits
                # the space after it, so the attention map would not show what is being copied.
                where = M.alignment_targets([s for s, _ in batch], tin.shape[1])
                shown = where >= 0
                picked = alphas.gather(2, where.clamp(min=0).unsqueeze(2)).squeeze(2)
                att_nll = -(torch.log(picked + 1e-8) * shown).sum() / shown.sum()
                loss = loss + args.attention_weight * att_nll
                tot_att += float(att_nll) * len(batch)
            if args.cosine:
                # Anneal over the time budget: precise late steps matter for exact sentence match.
                # A linear warm-up first: a fresh Adam at full rate knocks a trained model far off.
                frac = min(1.0, (time.time() - start) / (args.minutes * 60))
                warm = min(1.0, (time.time() - start) / (args.warmup_minutes * 60 or 1e-9))
                for g in opt.param_groups:
                    g["lr"] = warm * g["base_lr"] * (0.03 + 0.97 * 0.5 * (1 + math.cos(math.pi * frac)))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip)
            opt.step()
            if ema:
                ema.update(model)
            n = int((tout != vocab.PAD).sum())
            tot_loss += ce * n
            tot_tok += n
            tot_ok += int(((logits.argmax(2) == tout) & (tout != vocab.PAD)).sum())
            seen += len(batch)
            n_sent += len(batch)
            if time.time() - start > args.minutes * 60:
                break
        tf_acc = tot_ok / tot_tok
        scored = ema.model(model) if ema else model
        exact, char_acc = evaluate(scored, valid)
        elapsed = time.time() - start
        history.append(dict(epoch=epoch, max_len=max_len, batches=args.batches, batch_size=args.batch_size,
                            prose_rate=args.prose_rate, long_rate=args.long_rate, prose_min_len=args.prose_min_len,
                            ema=args.ema, coverage_lr=args.coverage_lr, attention_weight=args.attention_weight,
                            attention_nll=tot_att / max(n_sent, 1), loss=tot_loss / tot_tok, tf_char_acc=tf_acc,
                            val_exact=exact, val_char_acc=char_acc, seen=seen, minutes=elapsed / 60))
        print(f"epoch {epoch:3d} max_len {max_len:3d} loss {tot_loss / tot_tok:.4f} tf_char_acc {tf_acc:.5f} "
              f"att_nll {tot_att / max(n_sent, 1):.3f} val_exact {exact:.4f} val_char_acc {char_acc:.5f} seen {seen} lr {opt.param_groups[0]['lr']:.2e} "
              f"elapsed {elapsed / 60:.1f} min", flush=True)
        if (exact, char_acc) > best:
            best = (exact, char_acc)
            stale = 0
            save(args.checkpoint, scored, cfg, dict(epoch=epoch, val_exact=exact, val_char_acc=char_acc,
                                                   sentences_seen=seen, seed=args.seed, max_len=max_len,
                                                   history=history, widened=widened, args=vars(args)))
            print(f"  checkpoint saved (val_exact {exact:.4f})", flush=True)
        elif max_len >= datagen.MAX_SOURCE_LEN:
            stale += 1
            if stale % 3 == 0 and not args.cosine:
                for g in opt.param_groups:
                    g["lr"] = max(g["lr"] * 0.5, 1e-5)
        at_level += 1
        if max_len < datagen.MAX_SOURCE_LEN and (tf_acc >= args.advance_acc or at_level >= args.max_level_epochs):
            max_len = min(datagen.MAX_SOURCE_LEN, max_len + args.len_step)
            at_level = 0
        if stale >= args.patience or exact >= args.target_exact and max_len >= datagen.MAX_SOURCE_LEN:
            print("early stop", flush=True)
            break
        if elapsed > args.minutes * 60:
            print("time budget reached", flush=True)
            break
    print(f"done: best val_exact {best[0]:.4f} val_char_acc {best[1]:.5f} after {(time.time() - start) / 60:.1f} min",
          flush=True)
    return best


def parser():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", default=os.path.join(os.path.dirname(__file__), "checkpoint", "wordrev.pt"))
    p.add_argument("--config", default="{}", help="JSON overrides of the model dimensions")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--minutes", type=float, default=80)
    p.add_argument("--epochs", type=int, default=1000)
    p.add_argument("--batches", type=int, default=100, help="batches per epoch")
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--clip", type=float, default=1.0)
    p.add_argument("--unk-rate", type=float, default=0.01)
    p.add_argument("--start-len", type=int, default=24)
    p.add_argument("--len-step", type=int, default=16)
    p.add_argument("--valid", type=int, default=300)
    p.add_argument("--valid-prose", type=int, default=0, help="prose-like validation lines added to --valid")
    p.add_argument("--warmup-minutes", type=float, default=0.0, help="linear warm-up of the rate (with --cosine)")
    p.add_argument("--heldout", type=int, default=2000)
    p.add_argument("--init-from", help="checkpoint to continue training from")
    p.add_argument("--advance-acc", type=float, default=0.98,
                   help="teacher-forced char accuracy that raises the curriculum length limit")
    p.add_argument("--max-level-epochs", type=int, default=6, help="raise the limit after this many epochs anyway")
    p.add_argument("--prose-rate", type=float, default=0.0, help="share of prose-like lines (common short words)")
    p.add_argument("--prose-min-len", type=int, default=1,
                   help="shortest prose line (real sentences are long: most errors are late in long lines)")
    p.add_argument("--long-rate", type=float, default=0.0, help="share of sentences with a long token (URL, path)")
    p.add_argument("--attention-weight", type=float, default=0.0,
                   help="weight of the supervised-attention loss (attention on the source character shown)")
    p.add_argument("--ema", type=float, default=0.0,
                   help="decay of an exponential moving average of the weights, validated and saved instead (0: off)")
    p.add_argument("--coverage-lr", type=float, default=0.0,
                   help="learning rate of the coverage weights (0: --lr like the others)")
    p.add_argument("--cosine", action="store_true", help="cosine learning-rate decay over --minutes")
    p.add_argument("--patience", type=int, default=8)
    p.add_argument("--target-exact", type=float, default=0.999)
    return p


if __name__ == "__main__":
    train(parser().parse_args())
