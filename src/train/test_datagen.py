import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402

HAVE_WORDS = os.path.exists(datagen.WORD_LIST)
WORDS = datagen.load_words() if HAVE_WORDS else ["the", "cat", "café", "naïve", "it's"]


def reference_reverse(text):
    """Independent statement of the rule: walk the code points, reverse each non-whitespace run."""
    out, run = [], []
    for ch in text:
        if ch.isspace():
            out.append("".join(reversed(run)))
            run = []
            out.append(ch)
        else:
            run.append(ch)
    out.append("".join(reversed(run)))
    return "".join(out)


class ReverseWordsTest(unittest.TestCase):
    def test_reference_sentence(self):
        self.assertEqual(datagen.reverse_words("the cat sat on the mat"), "eht tac tas no eht tam")

    def test_punctuation_belongs_to_word_and_whitespace_kept(self):
        self.assertEqual(datagen.reverse_words("  mat.\tok\n\nhi "), "  .tam\tko\n\nih ")

    def test_reverses_by_code_point(self):
        self.assertEqual(datagen.reverse_words("café 😀x naïve"), "éfac x😀 evïan")

    def test_random_unicode_and_whitespace_runs(self):
        rng = random.Random(5)
        alphabet = "ab.,'\"é😀中 \t\n\u00a0"
        for _ in range(2000):
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            self.assertEqual(datagen.reverse_words(s), reference_reverse(s), repr(s))


class GeneratorTest(unittest.TestCase):
    def test_same_seed_same_sentences(self):
        a = datagen.Generator(WORDS, 11).pairs(300)
        b = datagen.Generator(WORDS, 11).pairs(300)
        self.assertEqual(a, b)

    def test_training_mix_is_deterministic_and_within_limit(self):
        g1, g2 = datagen.Generator(WORDS, 8), datagen.Generator(WORDS, 8)
        a = [g1.mixed(128, 0.4, 0.1) for _ in range(500)]
        self.assertEqual(a, [g2.mixed(128, 0.4, 0.1) for _ in range(500)])
        self.assertTrue(all(1 <= len(s) <= 128 for s in a))
        self.assertTrue(any("https://" in s or "/" in s for s in a))

    def test_prose_lines_respect_their_shortest_length(self):
        g = datagen.Generator(WORDS, 11)
        lines = [g.prose(128, 60) for _ in range(300)]
        self.assertTrue(all(60 <= len(s) <= 128 for s in lines), min(map(len, lines)))
        g1, g2 = datagen.Generator(WORDS, 5), datagen.Generator(WORDS, 5)
        self.assertEqual([g1.mixed(128, 0.5, 0.1) for _ in range(50)],
                         [g2.mixed(128, 0.5, 0.1, prose_min_len=1) for _ in range(50)],
                         "the default keeps the recorded training stream replayable")

    def test_different_seeds_differ(self):
        self.assertNotEqual(datagen.Generator(WORDS, 11).pairs(50), datagen.Generator(WORDS, 12).pairs(50))

    def test_targets_follow_rule_and_lengths_span_the_limit(self):
        pairs = datagen.Generator(WORDS, 3).pairs(3000)
        lengths = [len(s) for s, _ in pairs]
        for s, t in pairs:
            self.assertEqual(t, reference_reverse(s))
            self.assertEqual(len(t), len(s))
            self.assertTrue(s.strip(), "no whitespace-only sentence")
        self.assertEqual(min(lengths), 1)
        self.assertEqual(max(lengths), datagen.MAX_SOURCE_LEN)
        self.assertGreater(sum(n <= 16 for n in lengths), 200)
        self.assertGreater(sum(n >= 120 for n in lengths), 100)

    def test_mix_has_case_digits_punctuation_and_multiple_spaces(self):
        text = "".join(s for s, _ in datagen.Generator(WORDS, 4).pairs(500))
        self.assertTrue(any(c.isupper() for c in text))
        self.assertTrue(any(c.isdigit() for c in text))
        self.assertTrue(any(c in "\"'.,!?" for c in text))
        self.assertIn("  ", text)
        self.assertTrue(any(ord(c) > 127 for c in text))

    def test_heldout_option_has_no_tabs_or_newlines(self):
        for s, _ in datagen.Generator(WORDS, 9001, allow_tabs_newlines=False).pairs(2000):
            self.assertNotIn("\t", s)
            self.assertNotIn("\n", s)

    def test_exclusion_is_respected(self):
        first = datagen.Generator(WORDS, 21).pairs(200)
        exclude = {s for s, _ in first[:100]}
        again = datagen.Generator(WORDS, 21).pairs(200, exclude=exclude)
        self.assertFalse(exclude & {s for s, _ in again})


if __name__ == "__main__":
    unittest.main()
