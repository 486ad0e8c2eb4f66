"""python/c2w_torch.py (a c2w model as a torch.nn.Module, float64) against c2w: on
short programs and a hand-built model with an average-tie head, its argmax at every
position is the next token of `c2w run --trace` (so greedy decoding reproduces the
trace), greedy decoding reproduces a whole run, the
activation cache has every hook point, and ablating a head through a hook changes what
the model predicts while an identity hook does not.
    python3 tests/interop/torch_test.py C2W SOURCE_DIR MAKE_AVERAGE_MODEL"""
import json, os, shutil, subprocess, sys, tempfile, time, unittest

import torch

C2W, ROOT, MAKE_AVERAGE_MODEL = sys.argv.pop(1), sys.argv.pop(1), sys.argv.pop(1)
sys.path.insert(0, os.path.join(ROOT, "python"))
from c2w_torch import C2wTransformer  # noqa: E402

torch.set_num_threads(1)  # the test machine's cores are shared
WORK = tempfile.mkdtemp()


def tearDownModule():
    shutil.rmtree(WORK)


def compiled(name, source, stdin):
    """(the torch model, c2w's trace, its prompt length) for a program (None: the
    hand-built average-tie model) and its input."""
    model, trace = os.path.join(WORK, name + ".c2w"), os.path.join(WORK, name + ".trace")
    if source:
        subprocess.run([C2W, "compile", source, "-o", model], check=True, capture_output=True)
    else:
        subprocess.run([MAKE_AVERAGE_MODEL, model], check=True)
    run = subprocess.run([C2W, "run", model, "--engine=dense", "--trace", trace, "--stats"], input=stdin,
                         capture_output=True)
    stats = json.loads(run.stderr.decode().strip().splitlines()[-1])
    with open(trace) as f:
        return C2wTransformer(model), f.read().split(), stats["prompt_tokens"]


class TorchModule(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.crc = compiled("crc32", os.path.join(ROOT, "tests/interop/crc32_stdin.c"), b"123456789")
        cls.trap = compiled("trap", os.path.join(ROOT, "tests/interop/trap_div0.c"), b"0")
        cls.average = compiled("average", None, b"")

    def test_every_prediction_is_the_next_token_of_the_trace(self):
        for model, trace, prompt in (self.crc, self.trap, self.average):
            start = time.time()
            predicted = model.predict(model.to_tokens(trace))
            expected = model.to_tokens(trace[1:])
            wrong = (predicted[prompt - 1:-1] != expected[prompt - 1:]).nonzero()
            self.assertEqual(len(wrong), 0, "first wrong prediction after position %s" % (wrong[:1] + prompt - 1))
            print("  %d tokens teacher-forced in %.2f s" % (len(trace), time.time() - start), file=sys.stderr)

    def test_greedy_decoding_reproduces_the_run(self):
        for (model, trace, prompt), end in ((self.trap, "<trap:div0>"), (self.average, "<halt>")):
            self.assertEqual(model.generate(trace[:prompt], max_tokens=100), trace)
            self.assertEqual(trace[-1], end)
        self.assertIn("b", self.average[1])  # the average head's share of a decided

    def test_the_cache_holds_every_hook_point(self):
        model, trace, _ = self.trap
        tokens = model.to_tokens(trace)
        logits, cache = model.run_with_cache(tokens)
        t, d = len(trace), model.meta["d_model"]
        self.assertTrue(torch.equal(cache["hook_logits"], logits))
        self.assertEqual(cache["hook_embed"].shape, (t, d))
        heads = len(model.meta["blocks"][0]["heads"])
        self.assertEqual(cache["blocks.0.attn.hook_q"].shape, (t, heads, 2))
        self.assertEqual(cache["blocks.0.attn.hook_pattern"].shape, (heads, t, t))
        self.assertEqual(cache["blocks.0.attn.hook_result"].shape, (t, heads, d))
        # the residual after a block is the one before it plus what its attention and MLP added
        last = len(model.blocks) - 1
        self.assertTrue(torch.equal(cache["blocks.%d.hook_resid_post" % last] @ model.unembedding.T, logits))
        # a latest-tie head attends to exactly one key per query
        self.assertTrue(torch.equal(cache["blocks.0.attn.hook_pattern"].sum(dim=2), torch.ones(heads, t)))

    def test_ablating_a_head_changes_the_predictions_and_an_identity_hook_does_not(self):
        model, trace, _ = self.trap
        tokens = model.to_tokens(trace)
        plain = model(tokens)
        same = model.run_with_hooks(tokens, [("blocks.0.attn.hook_result", lambda result, hook: result)])
        self.assertTrue(torch.equal(plain, same))
        roles = model.meta["config"]["head_roles"]
        block = next(b for b, block in enumerate(roles) if "step" in block)  # the head finding the step's pc token

        def ablate(result, hook):
            result[:, roles[block].index("step")] = 0
            return result

        ablated = model.run_with_hooks(tokens, [("blocks.%d.attn.hook_result" % block, ablate)])
        self.assertFalse(torch.equal(plain.argmax(dim=1), ablated.argmax(dim=1)))


if __name__ == "__main__":
    unittest.main(verbosity=2)
