"""Character vocabulary of the word-reversal model: one token per Unicode code point.

Ids 0..3 are the specials; then tab, newline and printable ASCII. Any other code point maps to
``unk``; the Java engine restores it from the source character the decoder attended to.
"""

PAD, BOS, EOS, UNK = 0, 1, 2, 3
SPECIALS = ["<pad>", "<bos>", "<eos>", "<unk>"]
CHARS = ["\t", "\n"] + [chr(c) for c in range(0x20, 0x7F)]
TOKENS = SPECIALS + CHARS
SIZE = len(TOKENS)
_INDEX = {ch: i for i, ch in enumerate(TOKENS) if i >= len(SPECIALS)}

WHITESPACE = frozenset(" \t\n\r\f\v")


def encode(text):
    """Ids of the code points of ``text`` (no bos/eos)."""
    return [_INDEX.get(ch, UNK) for ch in text]


def decode(ids):
    """Text of ``ids``, stopping at eos; specials other than eos are dropped."""
    out = []
    for i in ids:
        if i == EOS:
            break
        if i >= len(SPECIALS):
            out.append(TOKENS[i])
    return "".join(out)
