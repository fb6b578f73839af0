import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from testsupport import TINY, missing  # noqa: E402

SKIP = missing("torch")
if SKIP is None:
    import torch
    import model as M
    import vocab
    import widen


def assert_row_decodes_as_alone(test, model, texts, row, max_steps):
    """Greedy decoding of texts[row] in the padded batch gives the ids and attention it gets alone."""
    src, mask = M.batch_tensors(texts)
    alone_src, alone_mask = M.batch_tensors([texts[row]])
    ids_b, att_b, _ = model.greedy(src, mask, max_steps=max_steps)
    ids_1, att_1, _ = model.greedy(alone_src, alone_mask, max_steps=max_steps)
    n = ids_1.shape[1]
    test.assertEqual(ids_b[row, :n].tolist(), ids_1[0].tolist())
    torch.testing.assert_close(att_b[row, :n, :len(texts[row])], att_1[0], atol=1e-6, rtol=0)


@unittest.skipIf(SKIP, SKIP)
class ModelShapesTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.cfg = M.Config(**TINY)
        self.model = M.Seq2Seq(self.cfg).eval()
        self.src, self.mask = M.batch_tensors(["the cat", "a", "sat on the mat"])

    def test_encoder_outputs_states_keys_and_hidden(self):
        states, keys, hidden = self.model.encoder(self.src, self.mask)
        b, s = self.src.shape
        self.assertEqual(tuple(states.shape), (b, s, self.cfg.state_dim))
        self.assertEqual(tuple(keys.shape), (b, s, self.cfg["attn"]))
        self.assertEqual(tuple(hidden.shape), (b, self.cfg["dec_hidden"]))

    def test_encoder_computes_the_keys_once_from_the_states(self):
        states, keys, _ = self.model.encoder(self.src, self.mask)
        torch.testing.assert_close(keys, self.model.encoder.keys(states))

    def test_decoder_step_shapes_and_masked_attention(self):
        states, keys, hidden = self.model.encoder(self.src, self.mask)
        prev = torch.full((3,), vocab.BOS, dtype=torch.long)
        logits, nxt, att = self.model.decoder(prev, hidden, states, keys, self.mask)
        self.assertEqual(tuple(logits.shape), (3, vocab.SIZE))
        self.assertEqual(tuple(nxt.shape), (3, self.cfg["dec_hidden"]))
        self.assertEqual(tuple(att.shape), tuple(self.src.shape))
        torch.testing.assert_close(att.sum(1), torch.ones(3))
        self.assertEqual(float(att[1, 1:].abs().sum()), 0.0, "padding gets no attention")

    def test_padding_does_not_change_a_row(self):
        assert_row_decodes_as_alone(self, self.model, ["the cat", "a", "sat on the mat"], row=1, max_steps=6)

    def test_teacher_forcing_logits_shape(self):
        src, mask, tin, tout = M.batch_tensors(["ab c", "d"], ["ba c", "d"])
        logits = self.model(src, mask, tin)
        self.assertEqual(tuple(logits.shape), (2, tin.shape[1], vocab.SIZE))
        self.assertEqual(tin[0].tolist()[:2], [vocab.BOS, vocab.encode("b")[0]])
        self.assertEqual(tout[1].tolist()[:2], [vocab.encode("d")[0], vocab.EOS])

    def test_unk_noise_marks_the_mirrored_target_position(self):
        import random
        text = "abcdef ghij"
        target = "fedcba jihg"
        src, _, _, tout = M.batch_tensors([text], [target], unk_rate=0.5, rng=random.Random(1))
        unk_src = [i for i, x in enumerate(src[0].tolist()) if x == vocab.UNK]
        unk_tgt = [i for i, x in enumerate(tout[0].tolist()) if x == vocab.UNK]
        self.assertTrue(unk_src)
        self.assertEqual(sorted(M.mirror_index(text, i) for i in unk_src), unk_tgt)

    def test_unk_copies_the_most_attended_out_of_vocabulary_character(self):
        row = torch.tensor([0.05, 0.6, 0.3, 0.05])  # argmax on the known "a", runner-up on "é"
        self.assertEqual(M.unk_source_index("xaéy", row), 2)
        self.assertEqual(M.unk_source_index("xaby", row), 1, "no unknown source character: plain argmax")


@unittest.skipIf(SKIP, SKIP)
class CoverageTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(5)
        self.model = M.Seq2Seq(M.Config(**{**TINY, "coverage_kernel": 3})).eval()
        torch.nn.init.normal_(self.model.decoder.coverage.weight, std=0.5)  # make coverage matter
        self.src, self.mask = M.batch_tensors(["the cat", "a", "sat on the mat"])

    def test_even_kernel_is_refused(self):
        with self.assertRaisesRegex(ValueError, "must be odd"):
            M.Seq2Seq(M.Config(**{**TINY, "coverage_kernel": 2}))

    def test_step_returns_the_coverage_plus_its_attention(self):
        states, keys, hidden = self.model.encoder(self.src, self.mask)
        prev = torch.full((3,), vocab.BOS, dtype=torch.long)
        before = torch.rand(self.src.shape) * self.mask
        _, _, att, after = self.model.decoder(prev, hidden, states, keys, self.mask, before)
        torch.testing.assert_close(after, before + att)

    def test_coverage_changes_where_the_decoder_looks(self):
        states, keys, hidden = self.model.encoder(self.src, self.mask)
        prev = torch.full((3,), vocab.BOS, dtype=torch.long)
        none = self.model.initial_coverage(self.mask)
        some = self.mask.to(torch.float32) * torch.linspace(0, 2, self.src.shape[1])
        att_none = self.model.decoder(prev, hidden, states, keys, self.mask, none)[2]
        att_some = self.model.decoder(prev, hidden, states, keys, self.mask, some)[2]
        self.assertGreater(float((att_none - att_some).abs().max()), 1e-3)

    def test_padding_does_not_change_a_row(self):
        # "the cat" is padded to 14 in the batch, so coverage's convolution sees padding beside it.
        assert_row_decodes_as_alone(self, self.model, ["the cat", "a", "sat on the mat"], row=0, max_steps=10)

    def test_teacher_forcing_matches_greedy_on_its_own_output(self):
        ids, att, _ = self.model.greedy(self.src[2:], self.mask[2:], max_steps=10)
        tin = torch.cat([torch.tensor([[vocab.BOS]]), ids[:, :-1]], dim=1)
        logits, att_tf = self.model(self.src[2:], self.mask[2:], tin, return_attention=True)
        self.assertEqual(logits.argmax(2).tolist(), ids.tolist())
        torch.testing.assert_close(att_tf, att, atol=1e-6, rtol=0)


class VocabularyTest(unittest.TestCase):
    @unittest.skipIf(SKIP, SKIP)
    def test_specials_and_unknown_characters(self):
        self.assertEqual(vocab.TOKENS[:4], ["<pad>", "<bos>", "<eos>", "<unk>"])
        self.assertEqual(vocab.encode("é a"), [vocab.UNK, vocab.encode(" ")[0], vocab.encode("a")[0]])
        self.assertEqual(vocab.decode(vocab.encode("hi there\t!") + [vocab.EOS, 5]), "hi there\t!")


@unittest.skipIf(SKIP, SKIP)
class WidenTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(3)
        self.cfg = M.Config(**TINY)
        self.small = M.Seq2Seq(self.cfg).eval()
        self.batch = M.batch_tensors(["the cat sat", "a  b", "héllo 123!"], ["eht tac tas", "a  b", "olléh !321"])

    def outputs(self, model):
        src, mask, tin, _ = self.batch
        with torch.no_grad():
            return model(src, mask, tin, return_attention=True)

    def test_every_width_grown_at_once_computes_the_same_logits_and_attention(self):
        wide_cfg = M.Config(**{**self.cfg, "enc_hidden": 17, "dec_hidden": 20, "out_hidden": 15, "attn": 13})
        wide = widen.widen(self.small, self.cfg, wide_cfg).eval()
        self.assertEqual(wide.encoder.fwd.hidden_size, 17)
        self.assertGreater(sum(p.numel() for p in wide.parameters()), sum(p.numel() for p in self.small.parameters()))
        for got, want in zip(self.outputs(wide), self.outputs(self.small)):
            torch.testing.assert_close(got, want, rtol=0, atol=1e-6)

    def test_new_units_are_trainable_not_dead(self):
        wide_cfg = M.Config(**{**self.cfg, "dec_hidden": 20})
        wide = widen.widen(self.small, self.cfg, wide_cfg)
        src, mask, tin, tout = self.batch
        loss = torch.nn.functional.cross_entropy(wide(src, mask, tin).flatten(0, 1), tout.flatten(), ignore_index=0)
        loss.backward()
        # The zeroed outgoing weights of the new decoder units get a gradient, so they can learn.
        self.assertGreater(float(wide.decoder.hidden.weight.grad[:, 14:20].abs().sum()), 0.0)

    def test_adding_coverage_computes_the_same_logits_and_attention(self):
        covered = widen.widen(self.small, self.cfg, M.Config(**{**self.cfg, "coverage_kernel": 3})).eval()
        self.assertIsNotNone(covered.decoder.coverage)
        for got, want in zip(self.outputs(covered), self.outputs(self.small)):
            torch.testing.assert_close(got, want, rtol=0, atol=1e-6)

    def test_coverage_once_added_cannot_change(self):
        cfg3 = M.Config(**{**self.cfg, "coverage_kernel": 3})
        covered = widen.widen(self.small, self.cfg, cfg3)
        with self.assertRaisesRegex(ValueError, "cannot be widened"):
            widen.widen(covered, cfg3, M.Config(**{**cfg3, "coverage_kernel": 5}))

    def test_refuses_to_shrink_or_to_change_a_fixed_dimension(self):
        with self.assertRaisesRegex(ValueError, "dec_hidden can only grow"):
            widen.widen(self.small, self.cfg, M.Config(**{**self.cfg, "dec_hidden": 10}))
        with self.assertRaisesRegex(ValueError, "emb cannot change"):
            widen.widen(self.small, self.cfg, M.Config(**{**self.cfg, "emb": 16}))



@unittest.skipIf(SKIP, SKIP)
class SupervisedAttentionTargetsTest(unittest.TestCase):
    def test_each_step_points_at_the_source_character_it_shows(self):
        where = M.alignment_targets(["ab  cde", "x"], 9)
        # "ab  cde" -> "ba  edc": each word mirrored in place, the spaces point at themselves
        self.assertEqual(where[0].tolist(), [1, 0, 2, 3, 6, 5, 4, -1, -1])
        self.assertEqual(where[1].tolist(), [0, -1, -1, -1, -1, -1, -1, -1, -1])

    def test_teacher_forced_attention_has_one_row_per_decoder_input(self):
        torch.manual_seed(0)
        model = M.Seq2Seq(M.Config(**TINY))
        src, mask, tin, _ = M.batch_tensors(["the cat", "a"], ["eht tac", "a"])
        logits, att = model(src, mask, tin, return_attention=True)
        self.assertEqual(tuple(att.shape), (2, tin.shape[1], src.shape[1]))
        torch.testing.assert_close(att.sum(2), torch.ones(2, tin.shape[1]))
        torch.testing.assert_close(logits, model(src, mask, tin))


if __name__ == "__main__":
    unittest.main()
