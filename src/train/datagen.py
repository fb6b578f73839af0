"""Seeded generator of word-reversal training pairs.

A sentence mixes words from a real English word list with random character strings, numbers and
punctuation, in lower, Capitalized and UPPER case, separated by mostly single spaces (sometimes
several, sometimes a tab or newline). Lengths spread from 1 to the source limit. The target
reverses every maximal run of non-whitespace code points and keeps whitespace as it is.
"""
import random
import re
import string

WORD_LIST = "/usr/share/dict/words"
MAX_SOURCE_LEN = 128

_WORD_RUN = re.compile(r"\S+")
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_OPENERS = ["\"", "'", "(", "[", "{", "<", "`", "*", "_"]
_CLOSERS = [".", ",", ";", ":", "!", "?", "\"", "'", ")", "]", "}", ">", "...", "?!", ").", "\".", ",\"", "%", "*"]
_STANDALONE = ["-", "--", "&", "+", "=", "/", "|", "...", "#", "@", "$", "%", "*", "~", "^", "\\", "->", "<-", "=>", ":)", "(", ")"]
_NON_ASCII = "éèêëáàâäãåçñóòôöõúùûüíìîïøæœßÿ€£¥°§¶«»–—‘’“”…αβγδλπΩЖжя中文日本😀🚀"
_RANDOM_CHARS = string.ascii_letters + string.digits + _PUNCT


def reverse_words(text):
    """The reference rule: each maximal run of non-whitespace code points reversed in place."""
    return _WORD_RUN.sub(lambda m: m.group(0)[::-1], text)


def load_words(path=WORD_LIST):
    with open(path, encoding="utf-8") as f:
        return [w for w in (line.strip() for line in f) if w]


# The most frequent English function words: real prose repeats them densely ("of a copy of some
# or all of the same"), which the dictionary-word mix alone under-represents.
COMMON = ("the of and to a in is you that it he was for on are as with his they I at be this have "
          "from or one had by not but what all were we when your can said there use an each which she "
          "do how their if will up other about out many then them these so some her would make like "
          "him into time has look two more go see no way could my than first been who its now long "
          "down day did get come made may part over new after also only me our just any most such").split()


class Generator:
    """Deterministic for a given (words, seed, options): the same calls give the same sentences."""

    def __init__(self, words, seed, max_len=MAX_SOURCE_LEN, allow_tabs_newlines=True, non_ascii_rate=0.01):
        self.words = words
        self.rng = random.Random(seed)
        self.max_len = max_len
        self.allow_tabs_newlines = allow_tabs_newlines
        self.non_ascii_rate = non_ascii_rate

    def _case(self, w):
        r = self.rng.random()
        if r < 0.70:
            return w.lower() if self.rng.random() < 0.8 else w
        if r < 0.88:
            return w[:1].upper() + w[1:]
        return w.upper()

    def _random_string(self):
        n = self.rng.randint(1, 12)
        pool = self.rng.choice([string.ascii_lowercase, string.ascii_letters, _RANDOM_CHARS, string.digits + string.ascii_uppercase])
        return "".join(self.rng.choice(pool) for _ in range(n))

    def _number(self):
        r = self.rng.random()
        if r < 0.5:
            return str(self.rng.randint(0, 10 ** self.rng.randint(1, 7)))
        if r < 0.7:
            return f"{self.rng.randint(0, 9999)}.{self.rng.randint(0, 99):02d}"
        if r < 0.85:
            return f"{self.rng.randint(1, 999):,}{self.rng.choice(['', ',000', ',500'])}"
        return f"{self.rng.randint(1, 12)}:{self.rng.randint(0, 59):02d}"

    def _token(self):
        r = self.rng.random()
        if r < 0.62:
            tok = self._case(self.rng.choice(self.words))
        elif r < 0.78:
            tok = self._random_string()
        elif r < 0.89:
            tok = self._number()
        else:
            tok = self.rng.choice(_STANDALONE)
        if self.rng.random() < 0.06:
            tok = self.rng.choice(_OPENERS) + tok
        if self.rng.random() < 0.15:
            tok = tok + self.rng.choice(_CLOSERS)
        if self.non_ascii_rate and self.rng.random() < self.non_ascii_rate * 5:
            pos = self.rng.randint(0, len(tok))
            tok = tok[:pos] + self.rng.choice(_NON_ASCII) + tok[pos:]
        return tok

    def _separator(self):
        r = self.rng.random()
        if r < 0.90:
            return " "
        if r < 0.97 or not self.allow_tabs_newlines:
            return " " * self.rng.randint(2, 4)
        return self.rng.choice(["\t", "\n", " \t", "\n\n"])

    def _long_token(self):
        """URLs, paths and long strings: 15-60 characters, longer than any dictionary word."""
        r = self.rng.random()
        word = lambda: self.rng.choice(self.words).lower().replace("'", "")
        if r < 0.4:
            tok = (self.rng.choice(["https://", "http://", "<https://", "www."]) + word() + "." +
                   self.rng.choice(["org", "com", "net", "gnu.org"]) + "/" + "/".join(word() for _ in range(self.rng.randint(1, 3))))
            tok += self.rng.choice(["", "/", ".html", ">.", ">", ")."])
        elif r < 0.7:
            tok = self.rng.choice(["/usr/share/", "src/", "./", "C:\\", "~/"]) + "/".join(word() for _ in range(self.rng.randint(1, 4)))
        else:
            tok = "".join(self.rng.choice(_RANDOM_CHARS) for _ in range(self.rng.randint(15, 40)))
        return tok[:60]

    def prose(self, max_len=None, min_len=1):
        """A sentence-like line: mostly common short words, some dictionary words, rare long tokens."""
        limit = max_len or self.max_len
        target = self.rng.randint(min(min_len, limit), limit)
        out = ""
        while len(out) < target:
            r = self.rng.random()
            if r < 0.6:
                w = self.rng.choice(COMMON)
            elif r < 0.93:
                w = self.rng.choice(self.words)
            elif r < 0.97:
                w = self._number()
            else:
                w = self._long_token()
            if self.rng.random() < 0.12:
                w = w[:1].upper() + w[1:]
            if self.rng.random() < 0.1:
                w += self.rng.choice([".", ",", ";", ":", "!", "?", ")."])
            out = w if not out else out + " " + w
        out = out[:target]
        return out if out.strip() else "a"

    def mixed(self, max_len=None, prose_rate=0.4, long_rate=0.1, prose_min_len=1):
        """Training mix: prose lines (at least prose_min_len long), generator sentences, and generator
        sentences with long tokens."""
        r = self.rng.random()
        if r < prose_rate:
            return self.prose(max_len, prose_min_len)
        s = self.sentence(max_len)
        if r < prose_rate + long_rate:
            limit = max_len or self.max_len
            pos = self.rng.randint(0, len(s))
            s = (s[:pos] + " " + self._long_token() + " " + s[pos:])[:limit].strip() or s
        return s

    def sentence(self, max_len=None):
        """One source sentence with 1 <= len <= max_len code points."""
        limit = max_len or self.max_len
        target = self.rng.randint(1, limit)
        parts = []
        if self.rng.random() < 0.02:
            parts.append(" " * self.rng.randint(1, 2))
        size = sum(len(p) for p in parts)
        while size < target:
            if parts and not parts[-1].isspace():
                sep = self._separator()
                parts.append(sep)
                size += len(sep)
            tok = self._token()
            parts.append(tok)
            size += len(tok)
        text = "".join(parts)[:target]
        if not text.strip():
            text = self._token()[:target] or "a"
        return text

    def pairs(self, n, max_len=None, exclude=frozenset()):
        """n distinct (source, target) pairs, none of them in ``exclude``."""
        seen = set()
        out = []
        while len(out) < n:
            s = self.sentence(max_len)
            if s in exclude or s in seen:
                continue
            seen.add(s)
            out.append((s, reverse_words(s)))
        return out
