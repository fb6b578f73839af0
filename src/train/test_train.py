"""Training helpers: the weight average and the replay of the training stream."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datagen  # noqa: E402
from testsupport import TINY, missing, missing_words  # noqa: E402

SKIP = missing("torch") or missing_words()
if SKIP is None:
    import torch
    import evaluate
    import model as M
    import train


@unittest.skipIf(SKIP, SKIP)
class EmaWeightsTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.model = M.Seq2Seq(M.Config(**TINY))
        self.start = {k: v.clone() for k, v in self.model.state_dict().items()}

    def shift_weights(self, by):
        with torch.no_grad():
            for p in self.model.parameters():
                p.add_(by)

    def test_average_moves_by_one_minus_decay_towards_the_weights(self):
        ema = train.EmaWeights(self.model, 0.75)
        self.shift_weights(1.0)
        ema.update(self.model)
        averaged = ema.model(self.model).state_dict()
        for k, v in self.start.items():
            torch.testing.assert_close(averaged[k], v + 0.25)

    def test_averaged_copy_leaves_the_trained_model_alone(self):
        ema = train.EmaWeights(self.model, 0.5)
        self.shift_weights(2.0)
        ema.update(self.model)
        averaged = ema.model(self.model)
        self.assertIsNot(averaged, self.model)
        for k, v in self.model.state_dict().items():
            torch.testing.assert_close(v, self.start[k] + 2.0)
        src, mask = M.batch_tensors(["the cat"])
        ids, _, _ = averaged.greedy(src, mask)  # a working model, not only a bag of tensors
        self.assertEqual(ids.shape[0], 1)


@unittest.skipIf(SKIP, SKIP)
class TrainingStreamReplayTest(unittest.TestCase):
    """evaluate.py proves no held-out sentence was trained on by replaying each epoch's stream;
    runs with other batch sizes must be replayed with their own."""

    @classmethod
    def setUpClass(cls):
        cls.words = datagen.load_words()
        _, cls.exclude = train.heldout_exclusions(cls.words, 10, 10, include_english=False)

    def epoch_sentences(self, epoch, batches, batch_size):
        gen = datagen.Generator(self.words, 1000 + epoch)
        return {s for batch in train.batches(gen, batches, batch_size, 40, self.exclude) for s, _ in batch}

    def meta(self, *epochs):
        return {"args": {"seed": 1, "valid": 10, "heldout": 10}, "history": list(epochs)}

    def test_replays_each_epoch_with_its_own_batch_size(self):
        trained = self.epoch_sentences(5, 2, 3)
        self.assertEqual(len(trained), 6)
        meta = self.meta({"epoch": 5, "max_len": 40, "batches": 2, "batch_size": 3})
        self.assertEqual(evaluate.training_stream_overlap(meta, trained), 6)

    def test_a_smaller_recorded_epoch_replays_fewer_sentences(self):
        trained = self.epoch_sentences(5, 2, 3)
        meta = self.meta({"epoch": 5, "max_len": 40, "batches": 1, "batch_size": 2})
        self.assertEqual(evaluate.training_stream_overlap(meta, trained), 2)


if __name__ == "__main__":
    unittest.main()
