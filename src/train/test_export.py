"""A tiny training run plus export gives a complete, self-consistent bundle."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from testsupport import missing  # noqa: E402

SKIP = missing("torch", "onnx", debian="python3-torch python3-onnx")
if SKIP is None:
    import onnx


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def io(graph_values):
    return {v.name: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim] for v in graph_values}


@unittest.skipIf(SKIP, SKIP)
class TinyExportTest(unittest.TestCase):
    config = {}
    decoder_inputs = ["prev_ids", "dec_hidden", "enc_states", "enc_keys", "src_mask"]
    decoder_outputs = ["logits", "next_hidden", "attention"]

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = os.path.join(cls.tmp.name, "bundle")
        subprocess.run([sys.executable, os.path.join(HERE, "export.py"), "--tiny", "--tiny-seconds", "2",
                        "--tiny-config", json.dumps(cls.config), "--out", cls.out], check=True, timeout=120)
        with open(os.path.join(cls.out, "model.json"), encoding="utf-8") as f:
            cls.manifest = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_bundle_has_all_files(self):
        self.assertEqual(sorted(os.listdir(self.out)), ["decoder.onnx", "encoder.onnx", "golden.json", "model.json"])

    def test_manifest_sha256_matches_files(self):
        for part in ("encoder", "decoder"):
            entry = self.manifest["onnx"][part]
            self.assertEqual(entry["sha256"], sha256(os.path.join(self.out, entry["file"])))

    def test_onnx_files_pass_checker_and_follow_contract(self):
        enc = onnx.load(os.path.join(self.out, "encoder.onnx"))
        dec = onnx.load(os.path.join(self.out, "decoder.onnx"))
        onnx.checker.check_model(enc)
        onnx.checker.check_model(dec)
        self.assertEqual(self.manifest["onnx"]["opset"], 17)
        self.assertEqual(list(io(enc.graph.input)), ["src_ids", "src_mask"])
        self.assertEqual(list(io(enc.graph.output)), ["enc_states", "enc_keys", "dec_hidden"])
        self.assertEqual(list(io(dec.graph.input)), self.decoder_inputs)
        self.assertEqual(list(io(dec.graph.output)), self.decoder_outputs)
        self.assertEqual(list(self.manifest["onnx"]["decoder"]["inputs"]), self.decoder_inputs)
        self.assertEqual(list(self.manifest["onnx"]["decoder"]["outputs"]), self.decoder_outputs)
        dims = self.manifest["dimensions"]
        self.assertEqual(io(enc.graph.input)["src_ids"], ["batch", "src_len"])
        self.assertEqual(io(enc.graph.output)["enc_keys"], ["batch", "src_len", dims["attention"]])
        self.assertEqual(io(dec.graph.output)["logits"], ["batch", dims["vocab"]])
        self.assertEqual(io(dec.graph.output)["attention"], ["batch", "src_len"])

    def test_manifest_fields(self):
        m = self.manifest
        self.assertEqual(m["name"], "wordrev")
        self.assertEqual(len(m["vocabulary"]), m["dimensions"]["vocab"])
        self.assertEqual(m["special_ids"], {"pad": 0, "bos": 1, "eos": 2, "unk": 3})
        self.assertEqual(m["max_source_len"], 128)
        self.assertEqual((m["target_len_factor"], m["target_len_extra"]), (1, 8))
        self.assertEqual(m["dimensions"]["coverage_kernel"], self.config.get("coverage_kernel", 0))

    def test_golden_vectors_are_consistent(self):
        with open(os.path.join(self.out, "golden.json"), encoding="utf-8") as f:
            gold = json.load(f)
        self.assertGreaterEqual(len(gold["cases"]), 15)
        for case in gold["cases"]:
            n_src = len(case["input"])
            self.assertEqual(len(case["src_ids"]), n_src)
            self.assertEqual(len(case["attention"]), len(case["expected_ids"]))
            self.assertLessEqual(len(case["expected_ids"]), n_src + 8)
            for row in case["attention"]:
                self.assertEqual(len(row), n_src)
                self.assertAlmostEqual(sum(row), 1.0, places=4)


class TinyCoverageExportTest(TinyExportTest):
    """A model with coverage: a second recurrent state, in and out of the decoder step."""
    config = {"coverage_kernel": 3}
    decoder_inputs = TinyExportTest.decoder_inputs + ["coverage"]
    decoder_outputs = TinyExportTest.decoder_outputs + ["next_coverage"]

    def test_coverage_follows_the_source_length(self):
        dec = onnx.load(os.path.join(self.out, "decoder.onnx"))
        self.assertEqual(io(dec.graph.input)["coverage"], ["batch", "src_len"])
        self.assertEqual(io(dec.graph.output)["next_coverage"], ["batch", "src_len"])


if __name__ == "__main__":
    unittest.main()
