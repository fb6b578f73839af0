"""The attention encoder-decoder (Bahdanau et al., 2015) for character-level word reversal.

Encoder: a bidirectional GRU over character embeddings that keeps every state. Each encoder state
is [forward; backward; embedding; position], where position is a fixed sinusoidal code of the
source index. The position part is what lets a purely content-based scorer pick one of several
identical characters (``the ... the``) in a 128-character sentence; without it accuracy on long
inputs stalls. The encoder side of the scorer, ``enc_keys = W_k enc_states``, is computed here,
once per message.

Decoder step: score_j = v . tanh(W_q s + enc_keys_j [+ U conv(coverage)_j]), softmax over the
source mask, context = sum_j alpha_j enc_states_j, s' = GRUCell([emb(prev); context], s), logits from [s'; context;
emb(prev)]. The attention returned by a step is the alpha that produced that step's token.

Coverage (Tu et al., 2016), when ``coverage_kernel`` > 0: the attention summed over the earlier
steps, seen by the scorer through a small convolution, so the decoder can tell a source character
it has already copied from one it has not. Word reversal copies every source character exactly
once; without coverage the decoder keeps its place in its hidden state alone, and its errors are
just those of a lost place: a space copied twice, a run of spaces cut short, a word repeated
before eos.

Padding never changes a row's result: the backward direction runs over each row reversed within
its own length, so padded positions are always at the end of both recurrences.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

import vocab


class Config(dict):
    DEFAULTS = dict(vocab_size=vocab.SIZE, emb=48, enc_hidden=128, pos_dim=32, attn=128,
                    dec_hidden=256, out_hidden=256, max_source_len=128, coverage_kernel=0)

    def __init__(self, **kw):
        super().__init__({**self.DEFAULTS, **kw})

    @property
    def state_dim(self):
        return 2 * self["enc_hidden"] + self["emb"] + self["pos_dim"]


def positions(seq_len, dim, device=None):
    """Sinusoidal code [S, dim] of source indices 0..S-1 (built in-graph, so S stays dynamic)."""
    pos = torch.arange(seq_len, device=device).to(torch.float32).unsqueeze(1)
    i = torch.arange(dim // 2, device=device).to(torch.float32)
    freq = torch.exp(i * (-math.log(1000.0) / (dim // 2)))
    ang = pos * freq
    return torch.cat([torch.sin(ang), torch.cos(ang)], dim=1)


def reverse_within_length(x, lengths):
    """Reverse each row's first ``lengths[b]`` positions along dim 1; padding stays at the end."""
    seq_len = x.shape[1]
    idx = torch.arange(seq_len, device=x.device).unsqueeze(0)            # [1,S]
    rev = lengths.unsqueeze(1) - 1 - idx                                 # [B,S]
    rev = torch.where(rev >= 0, rev, idx.expand_as(rev))
    if x.dim() == 3:
        rev = rev.unsqueeze(2).expand(-1, -1, x.shape[2])
    return torch.gather(x, 1, rev)


class Encoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg["vocab_size"], cfg["emb"], padding_idx=vocab.PAD)
        inp = cfg["emb"] + cfg["pos_dim"]
        self.fwd = nn.GRU(inp, cfg["enc_hidden"], batch_first=True)
        self.bwd = nn.GRU(inp, cfg["enc_hidden"], batch_first=True)
        self.keys = nn.Linear(cfg.state_dim, cfg["attn"], bias=False)
        self.init = nn.Linear(2 * cfg["enc_hidden"], cfg["dec_hidden"])

    def forward(self, src_ids, src_mask):
        b, s = src_ids.shape
        lengths = src_mask.to(torch.int64).sum(1)
        emb = self.embed(src_ids)
        pos = positions(s, self.cfg["pos_dim"], src_ids.device).unsqueeze(0).expand(b, -1, -1)
        x = torch.cat([emb, pos], dim=2)
        fwd, _ = self.fwd(x)
        bwd_rev, _ = self.bwd(reverse_within_length(x, lengths))
        bwd = reverse_within_length(bwd_rev, lengths)
        states = torch.cat([fwd, bwd, emb, pos], dim=2)
        states = states * src_mask.unsqueeze(2).to(states.dtype)
        last = (lengths - 1).clamp(min=0).view(b, 1, 1).expand(-1, 1, fwd.shape[2])
        fwd_last = torch.gather(fwd, 1, last).squeeze(1)
        summary = torch.cat([fwd_last, bwd[:, 0, :]], dim=1)
        return states, self.keys(states), torch.tanh(self.init(summary))


class DecoderStep(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, h = cfg.state_dim, cfg["dec_hidden"]
        self.embed = nn.Embedding(cfg["vocab_size"], cfg["emb"], padding_idx=vocab.PAD)
        self.query = nn.Linear(h, cfg["attn"])
        self.score = nn.Linear(cfg["attn"], 1, bias=False)
        self.cell = nn.GRUCell(cfg["emb"] + d, h)
        self.hidden = nn.Linear(h + d + cfg["emb"], cfg["out_hidden"])
        self.out = nn.Linear(cfg["out_hidden"], cfg["vocab_size"])
        k = cfg["coverage_kernel"]
        self.coverage = None
        if k:
            if k % 2 == 0:
                raise ValueError(f"coverage_kernel must be odd (centred on the position), not {k}")
            # Starts at zero: a model given coverage computes what it did without, until it learns.
            self.coverage = nn.Conv1d(1, cfg["attn"], k, padding=k // 2, bias=False)
            nn.init.zeros_(self.coverage.weight)

    def forward(self, prev_ids, dec_hidden, enc_states, enc_keys, src_mask, coverage=None):
        """One step: (logits, next_hidden, attention), and next_coverage [B,S] when the model has
        coverage (then ``coverage`` [B,S] is required: zeros at the first step)."""
        e = self.embed(prev_ids)
        q = self.query(dec_hidden).unsqueeze(1)                              # [B,1,A]
        pre = q + enc_keys                                                   # [B,S,A]
        if self.coverage is not None:
            pre = pre + self.coverage(coverage.unsqueeze(1)).transpose(1, 2)
        scores = self.score(torch.tanh(pre)).squeeze(2)                      # [B,S]
        scores = scores.masked_fill(~src_mask, -1e9)
        alpha = torch.softmax(scores, dim=1)
        context = torch.bmm(alpha.unsqueeze(1), enc_states).squeeze(1)      # [B,D]
        nxt = self.cell(torch.cat([e, context], dim=1), dec_hidden)
        logits = self.out(torch.tanh(self.hidden(torch.cat([nxt, context, e], dim=1))))
        if self.coverage is None:
            return logits, nxt, alpha
        return logits, nxt, alpha, coverage + alpha


class Seq2Seq(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.encoder = Encoder(cfg)
        self.decoder = DecoderStep(cfg)

    def forward(self, src_ids, src_mask, tgt_in, return_attention=False):
        """Teacher forcing: logits [B,T,V] for decoder inputs tgt_in [B,T] (bos + target), and
        the attention [B,T,S] of each step when asked."""
        states, keys, h = self.encoder(src_ids, src_mask)
        cov = self.initial_coverage(src_mask)
        out, atts = [], []
        for t in range(tgt_in.shape[1]):
            logits, h, alpha, cov = self.step(tgt_in[:, t], h, cov, states, keys, src_mask)
            out.append(logits)
            atts.append(alpha)
        if return_attention:
            return torch.stack(out, dim=1), torch.stack(atts, dim=1)
        return torch.stack(out, dim=1)

    def initial_coverage(self, src_mask):
        """Zeros [B,S] for a model with coverage, else None."""
        return None if self.decoder.coverage is None else torch.zeros(src_mask.shape, dtype=torch.float32)

    def step(self, prev, h, cov, states, keys, src_mask):
        """(logits, next hidden, attention, next coverage or None): one step with or without coverage."""
        if cov is None:
            return (*self.decoder(prev, h, states, keys, src_mask), None)
        return self.decoder(prev, h, states, keys, src_mask, cov)

    @torch.no_grad()
    def greedy(self, src_ids, src_mask, max_steps=None):
        """Greedy decoding with per-row finished flags.

        Returns (ids [B,T] incl. eos, attention [B,T,S], finished [B]); after a row's eos its
        further ids are pad.
        """
        b, s = src_ids.shape
        lengths = src_mask.sum(1)
        limit = max_steps if max_steps is not None else int(lengths.max()) + 8
        states, keys, h = self.encoder(src_ids, src_mask)
        cov = self.initial_coverage(src_mask)
        prev = torch.full((b,), vocab.BOS, dtype=torch.long)
        done = torch.zeros(b, dtype=torch.bool)
        ids, atts = [], []
        for _ in range(limit):
            logits, h, alpha, cov = self.step(prev, h, cov, states, keys, src_mask)
            tok = logits.argmax(1)
            tok = torch.where(done, torch.full_like(tok, vocab.PAD), tok)
            ids.append(tok)
            atts.append(alpha)
            done = done | (tok == vocab.EOS)
            prev = tok
            if bool(done.all()):
                break
        return torch.stack(ids, 1), torch.stack(atts, 1), done


def batch_tensors(sources, targets=None, unk_rate=0.0, rng=None):
    """Pad a list of strings into (src_ids, src_mask[, tgt_in, tgt_out]).

    ``unk_rate`` replaces non-whitespace source characters by unk, and the target character at the
    mirrored position likewise, so the model learns to emit unk where it cannot spell the input.
    """
    enc = [vocab.encode(s) for s in sources]
    tenc = [vocab.encode(t) for t in targets] if targets is not None else None
    if unk_rate and tenc is not None:
        for k, s in enumerate(sources):
            src, tgt = enc[k], tenc[k]
            for i, ch in enumerate(s):
                if ch not in vocab.WHITESPACE and src[i] != vocab.UNK and rng.random() < unk_rate:
                    src[i] = vocab.UNK
                    tgt[mirror_index(s, i)] = vocab.UNK
    s_len = max(1, max(len(e) for e in enc))
    src = torch.full((len(enc), s_len), vocab.PAD, dtype=torch.long)
    for k, e in enumerate(enc):
        src[k, :len(e)] = torch.tensor(e, dtype=torch.long)
    mask = src != vocab.PAD
    if tenc is None:
        return src, mask
    t_len = max(len(t) for t in tenc) + 1
    tin = torch.full((len(tenc), t_len), vocab.PAD, dtype=torch.long)
    tout = torch.full((len(tenc), t_len), vocab.PAD, dtype=torch.long)
    for k, t in enumerate(tenc):
        tin[k, :len(t) + 1] = torch.tensor([vocab.BOS] + t, dtype=torch.long)
        tout[k, :len(t) + 1] = torch.tensor(t + [vocab.EOS], dtype=torch.long)
    return src, mask, tin, tout


def alignment_targets(sources, steps):
    """[B, steps]: the source index each target step shows (``mirror_index``); -1 at eos and padding."""
    out = torch.full((len(sources), steps), -1, dtype=torch.long)
    for k, s in enumerate(sources):
        if s:
            out[k, :len(s)] = torch.tensor([mirror_index(s, i) for i in range(len(s))], dtype=torch.long)
    return out


def mirror_index(text, i):
    """Index of the source character that the target shows at position i (whitespace: i itself)."""
    if text[i] in vocab.WHITESPACE:
        return i
    a = i
    while a > 0 and text[a - 1] not in vocab.WHITESPACE:
        a -= 1
    b = i
    while b + 1 < len(text) and text[b + 1] not in vocab.WHITESPACE:
        b += 1
    return a + b - i


def unk_source_index(text, attention_row):
    """Source position an output unk copies: the most attended source character that is itself
    out of vocabulary (an in-vocabulary character would have been emitted, not unk); the overall
    attention argmax when the source has no such character (unk from noise-like behaviour)."""
    best, best_w = -1, -1.0
    for j, ch in enumerate(text):
        if vocab.encode(ch)[0] == vocab.UNK and float(attention_row[j]) > best_w:
            best, best_w = j, float(attention_row[j])
    return best if best >= 0 else int(attention_row[:len(text)].argmax())
