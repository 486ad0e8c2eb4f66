"""c2w from Python, step by step: a C program compiled into transformer weights, run on
the reference interpreter and on the transformer, its weights in numpy, and a question
for the solver. Run from the repository root after building:

    PYTHONPATH=build/python python3 examples/python/quickstart.py
"""
import c2w

# 1. C -> the c2w machine -> a transformer whose weights run it (the specialised mode).
program = c2w.compile_program("examples/hello.c")
print(program)                                  # <c2w.Program examples/hello.c: N instructions>
print(next(line for line in program.assembly.splitlines() if line and not line.startswith(";")))
model = c2w.compile("examples/hello.c")
print(model, model.shape["non_zeros"], "non-zero weights")

# 2. The same program on three engines: the ISA interpreter (the oracle) and the
#    transformer with an O(t) and an O(log t) KV cache. Token for token the same trace.
#    (A short program: the dense engine's O(t) lookups make long runs slow.)
runs = {engine: c2w.run("examples/hello.c", engine=engine, trace=True)
        for engine in ("reference", "dense", "hull")}
runs["model in memory"] = c2w.run(model, engine="hull", trace=True)
for name, run in runs.items():
    print(f"{name:16} exit {run.exit_code}  {len(run.trace)} tokens  "
          f"{run.stats.get('tokens_per_second', 0):,.0f} tokens/s")
assert all(run.trace == runs["reference"].trace for run in runs.values())
print(runs["hull"].output.decode()[:200])

# 3. The weights are plain matrices (float64, rows = outputs): what the first block's
#    heads look up, and how sparse they are.
tensors = model.tensors()
config = model.config
print("block 0 heads:", config["head_roles"][0])
query = tensors["blocks.0.heads.0.query"]
print("query of head 0:", query.shape, "non-zeros:", int((query != 0).sum()))
print("residual slot 0 holds:", [use["feature"] for use in config["residual_slots"][0]])

# 4. Input bytes: a CRC-32 of stdin, on the transformer.
crc = c2w.run("tests/interop/crc32_stdin.c", input=b"123456789", engine="hull")
print("crc32:", crc.output.decode().strip(), "exit", crc.exit_code)

# 5. The solver: two sorting routines agree on every input of up to 4 bytes.
print(c2w.equiv("tests/symex/equiv/sort_a.c", "tests/symex/equiv/sort_b.c", input_bytes=4)["summary"])
