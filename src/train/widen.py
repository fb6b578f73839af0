"""Widen a trained checkpoint without changing what it computes, so training can go on with more units.

    /usr/bin/python3 src/train/widen.py IN.pt OUT.pt --config '{"dec_hidden": 192, "out_hidden": 192}'

Why: the 288k-weight model learned real English only by losing accuracy on the generator's own
sentences; a wider model trained from scratch needs more hours than a session has. Widening keeps
every old weight in place, gives each new unit freshly initialised incoming weights and zero
outgoing weights, so the old units see exactly the inputs they saw before: the widened model's
outputs equal the old model's (test_model.py checks it), and fine-tuning starts from where the
small model was instead of from nothing. The checkpoint's history is kept, so ``--init-from`` goes
on with the same data stream and evaluate.py/export.py can still replay it.

Widths that can grow: enc_hidden, dec_hidden, out_hidden, attn. Embeddings and the position code
stay as they are.
"""
import argparse
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model as M  # noqa: E402
import train  # noqa: E402

GROWABLE = ("enc_hidden", "dec_hidden", "out_hidden", "attn")
# Coverage can be added (0 -> an odd kernel): its weights start at zero, so outputs stay the same.
ADDABLE = ("coverage_kernel",)


def _units(n):
    return list(range(n))


def _gates(old, new):
    """Index map of a GRU's stacked gates [r; z; n], each block grown from ``old`` to ``new`` units."""
    return [g * new + i for g in range(3) for i in range(old)]


def _concat(*parts):
    """Index map of a concatenation of (old_width, new_width) parts: each part keeps its old units first."""
    out, offset = [], 0
    for old, new in parts:
        out += [offset + i for i in range(old)]
        offset += new
    return out


def _axis_maps(old, new):
    """For every parameter: where its old rows and columns go in the widened tensor."""
    h, h2 = old["enc_hidden"], new["enc_hidden"]
    d, d2 = old["dec_hidden"], new["dec_hidden"]
    o, a = old["out_hidden"], old["attn"]
    e, p = old["emb"], old["pos_dim"]
    state_parts = _state_parts(old, new)
    maps = {
        "encoder.embed.weight": (_units(old["vocab_size"]), _units(e)),
        "encoder.keys.weight": (_units(a), _concat(*state_parts)),
        "encoder.init.weight": (_units(d), _concat((h, h2), (h, h2))),
        "encoder.init.bias": (_units(d),),
        "decoder.embed.weight": (_units(old["vocab_size"]), _units(e)),
        "decoder.query.weight": (_units(a), _units(d)),
        "decoder.query.bias": (_units(a),),
        "decoder.score.weight": ([0], _units(a)),
        "decoder.cell.weight_ih": (_gates(d, d2), _concat((e, e), *state_parts)),
        "decoder.cell.weight_hh": (_gates(d, d2), _units(d)),
        "decoder.cell.bias_ih": (_gates(d, d2),),
        "decoder.cell.bias_hh": (_gates(d, d2),),
        "decoder.hidden.weight": (_units(o), _concat((d, d2), *state_parts, (e, e))),
        "decoder.hidden.bias": (_units(o),),
        "decoder.out.weight": (_units(old["vocab_size"]), _units(o)),
        "decoder.out.bias": (_units(old["vocab_size"]),),
    }
    for rnn in ("fwd", "bwd"):
        maps[f"encoder.{rnn}.weight_ih_l0"] = (_gates(h, h2), _units(e + p))
        maps[f"encoder.{rnn}.weight_hh_l0"] = (_gates(h, h2), _units(h))
        maps[f"encoder.{rnn}.bias_ih_l0"] = (_gates(h, h2),)
        maps[f"encoder.{rnn}.bias_hh_l0"] = (_gates(h, h2),)
    return maps


def _state_parts(old, new):
    """(old, new) widths of an encoder state's parts [forward; backward; embedding; position]."""
    h, h2 = old["enc_hidden"], new["enc_hidden"]
    return [(h, h2), (h, h2), (old["emb"], old["emb"]), (old["pos_dim"], old["pos_dim"])]


def widen(small, old_cfg, new_cfg, seed=0):
    """A Seq2Seq of ``new_cfg`` that computes what ``small`` computes."""
    if old_cfg["coverage_kernel"] and new_cfg != old_cfg:
        raise ValueError("a model with coverage cannot be widened (its coverage weights have no index map)")
    for k in old_cfg:
        if k not in GROWABLE + ADDABLE and old_cfg[k] != new_cfg[k]:
            raise ValueError(f"{k} cannot change when widening ({old_cfg[k]} -> {new_cfg[k]})")
        if k in GROWABLE and new_cfg[k] < old_cfg[k]:
            raise ValueError(f"{k} can only grow ({old_cfg[k]} -> {new_cfg[k]})")
    torch.manual_seed(seed)
    wide = M.Seq2Seq(new_cfg)
    old_state = small.state_dict()
    maps = _axis_maps(old_cfg, new_cfg)
    if set(maps) != set(old_state):
        raise ValueError(f"parameters not mapped: {sorted(set(old_state) ^ set(maps))}")
    new_state = wide.state_dict()
    for name, axes in maps.items():
        old_w, new_w = old_state[name], new_state[name].clone()
        rows = torch.tensor(axes[0])
        if len(axes) == 2:
            cols = torch.tensor(axes[1])
            # Old units must not hear the new ones: zero the new input columns of the old rows.
            keep = torch.zeros(new_w.shape[1], dtype=torch.bool)
            keep[cols] = True
            new_w[rows.unsqueeze(1), (~keep).nonzero().view(1, -1)] = 0.0
            new_w[rows.unsqueeze(1), cols.unsqueeze(0)] = old_w
        else:
            new_w[rows] = old_w
        new_state[name] = new_w
    # The new units' outgoing weights: every consumer row of a new column that is an old unit was
    # zeroed above; consumers that are themselves new units keep their random weights (they start
    # unheard, and training gives them a voice).
    wide.load_state_dict(new_state)
    return wide


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--config", required=True, help="JSON of the widths to grow, e.g. '{\"dec_hidden\": 192}'")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    small, old_cfg, meta = train.load(args.source)
    new_cfg = M.Config(**{**old_cfg, **json.loads(args.config)})
    wide = widen(small, old_cfg, new_cfg, args.seed)
    meta = dict(meta)
    meta["widened"] = list(meta.get("widened", [])) + [dict(epoch=meta["history"][-1]["epoch"], before=dict(old_cfg),
                                                             after=dict(new_cfg))]
    train.save(args.target, wide, new_cfg, meta)
    print(f"widened {dict(old_cfg)} -> {dict(new_cfg)}: "
          f"{sum(x.numel() for x in small.parameters())} -> {sum(x.numel() for x in wide.parameters())} weights")


if __name__ == "__main__":
    main()
