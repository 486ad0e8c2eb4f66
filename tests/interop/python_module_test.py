"""The Python module `c2w` (python/c2w_module.cpp) against the library it binds:
compile, run on every engine (the same trace token for token), models in memory and
in files, inspect, the universal model, symex and equiv, verify and pipelines, and errors
as c2w.Error.
    PYTHONPATH=build/python python3 tests/interop/python_module_test.py SOURCE_DIR"""
import os, sys, tempfile, unittest

import c2w

ROOT = sys.argv.pop(1) if len(sys.argv) > 1 else "."
CRC = os.path.join(ROOT, "tests/interop/crc32_stdin.c")
CRC_INPUT = b"123456789"


class CompileAndRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.model = c2w.compile(CRC)

    def test_a_program_compiles_to_the_machine(self):
        program = c2w.compile_program(CRC)
        self.assertGreater(program.instructions, 10)
        self.assertEqual(program.assembly.count("\n") >= program.instructions, True)

    def test_every_engine_gives_the_reference_trace(self):
        reference = c2w.run(CRC, input=CRC_INPUT, engine="reference", trace=True)
        self.assertEqual(reference.output, b"cbf43926\n")
        self.assertEqual(reference.exit_code, 0)
        for engine in ("dense", "hull"):
            from_file = c2w.run(CRC, input=CRC_INPUT, engine=engine, trace=True, cache=False)
            in_memory = c2w.run(self.model, input=CRC_INPUT, engine=engine, trace=True)
            for result in (from_file, in_memory):
                self.assertEqual(result.trace, reference.trace, engine)
                self.assertEqual((result.output, result.exit_code, result.message), (b"cbf43926\n", 0, ""))
            self.assertEqual(in_memory.stats["engine"], engine)
            self.assertEqual(in_memory.stats["tokens"], len(reference.trace))
        self.assertEqual(reference.trace[:2], ["<bos>", "in:31"])

    def test_a_saved_model_loads_back_and_inspects(self):
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "crc.c2w")
            self.model.save(path)
            loaded = c2w.load_model(path)
            info = c2w.inspect(path)
            run = c2w.run(path, input=CRC_INPUT, engine="hull")
        self.assertEqual(loaded.shape, self.model.shape)
        self.assertEqual(info["d_model"], self.model.d_model)
        self.assertEqual(info["config"]["mode"], "specialised")
        self.assertEqual(len(info["config"]["residual_slots"]), self.model.d_model)
        self.assertEqual(sum(len(block) for block in info["ties"]), info["heads"])
        self.assertEqual(run.output, b"cbf43926\n")

    def test_tensors_have_the_file_layout(self):
        tensors = self.model.tensors()
        d, vocab = self.model.d_model, len(self.model.vocabulary)
        self.assertEqual(tensors["embedding"].shape, (d, vocab))
        self.assertEqual(tensors["unembedding"].shape, (vocab, d))
        self.assertEqual(tensors["blocks.0.heads.0.query"].shape, (2, d))
        nonzeros = sum(int((t != 0).sum()) for t in tensors.values())
        self.assertEqual(nonzeros, self.model.shape["non_zeros"])

    def test_the_universal_model_runs_the_program_in_its_prompt(self):
        universal = c2w.compile(universal=True)
        result = c2w.run(universal, input=CRC_INPUT, engine="hull", program=CRC, trace=True)
        reference = c2w.run(CRC, input=CRC_INPUT, trace=True)
        self.assertEqual((result.output, result.exit_code), (b"cbf43926\n", 0))
        # After the prompts (the universal one holds the program's records), the same steps.
        self.assertEqual(result.trace[result.stats["prompt_tokens"]:], reference.trace[len(CRC_INPUT) + 3:])


class Errors(unittest.TestCase):
    def test_a_c_error_is_a_c2w_error_with_its_location(self):
        with self.assertRaises(c2w.Error) as caught:
            c2w.compile_program(os.path.join(ROOT, "tests/errors/float_types.c"))
        self.assertIn("float_types.c:", str(caught.exception))

    def test_bad_arguments_are_c2w_errors(self):
        with self.assertRaises(c2w.Error):
            c2w.run(CRC, engine="gpu")
        with self.assertRaises(c2w.Error):
            c2w.load_model(CRC)  # not a model file
        with self.assertRaises(c2w.Error):
            c2w.run(c2w.compile(universal=True), engine="hull")  # no program for the universal model


class Symbolic(unittest.TestCase):
    def test_equiv_proves_two_sorts_equal(self):
        verdict = c2w.equiv(os.path.join(ROOT, "tests/symex/equiv/sort_a.c"),
                            os.path.join(ROOT, "tests/symex/equiv/sort_b.c"), input_bytes=4)
        self.assertEqual(verdict["verdict"], "equivalent")

    def test_symex_finds_the_planted_bug(self):
        report = c2w.symex(os.path.join(ROOT, "tests/symex/bugs/magic_backdoor.c"), max_seconds=20)
        self.assertGreater(len(report["findings"]), 0, report["summary"])


class VerifyAndPipelines(unittest.TestCase):
    def test_verify_proves_xor_from_the_weights_and_never_claims_an_unchecked_op(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "crc.c2w")
            c2w.compile(CRC, output=path)
            report = c2w.verify(path, op="xor", timeout=5, figures=False)
        families = {o["family"] for o in report["obligations"]}
        self.assertTrue({"model", "margin", "op"} <= families, families)
        self.assertEqual(report["all_proved"], report["unknown"] == 0 and report["refuted"] == 0)
        # (xor: the CRC's own op; the compiled program has no add since global tables are
        # addressed without one)
        xor = [o for o in report["obligations"] if o["family"] == "op" and o["name"] == "xor"]
        self.assertEqual(len(xor), 1)
        # xor is proved from the weights alone (verify/op_proofs.h), no program needed
        self.assertEqual(xor[0]["status"], "proved", xor[0]["detail"])
        self.assertIn("proved from the weights for all operand values", xor[0]["detail"])
        self.assertIn("obligations", report["table"])
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "crc.c2w")
            c2w.compile(CRC, output=path)
            report = c2w.verify(path, op="st32", timeout=5, figures=False)
        st32 = [o for o in report["obligations"] if o["family"] == "op" and o["name"] == "st32"]
        self.assertEqual(len(st32), 1)
        self.assertNotEqual(st32[0]["status"], "proved")  # no proof, no --program: not checked

    def test_a_pipeline_runs_and_a_failed_check_is_reported(self):
        report = c2w.pipeline(os.path.join(ROOT, "examples/pipelines/certify/nqueens.yaml"))
        self.assertTrue(report["ok"], report["failed"])
        self.assertGreater(len(report["stages"]), 2)
        failing = c2w.pipeline(os.path.join(ROOT, "tests/pipelines/fails_check.yaml"))
        self.assertFalse(failing["ok"])
        self.assertIn("greeting.output", failing["failed"])
        self.assertTrue(c2w.pipeline(os.path.join(ROOT, "examples/pipelines/cegis/abs.yaml"),
                                     check_only=True)["ok"])
        with self.assertRaises(c2w.Error):
            c2w.pipeline(os.path.join(ROOT, "tests/pipelines/bad_type.yaml"), check_only=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
