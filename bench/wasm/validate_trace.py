#!/usr/bin/env python3
"""Cross-check of the instrumentation against an independent count: wabt's
wasm-interp --trace of the plain module (Debian's wabt has no WASI, so the
imports are dummies: output is dropped, reads see end of input, which does not
change the control flow of programs that do not read stdin).
Instructions executed inside the uninstrumented builtins (and what they call)
are dropped by following the call stack in the trace. wabt traces its own
internal code, not wasm: block/loop/end vanish, br_if becomes br_unless + br,
locals come from alloca, branches that drop values add drop_keep; so only the
opcodes both share are compared.
usage: wasm-interp --dummy-import-func --trace --run-all-exports X.wasm 2>&1 |
       validate_trace.py X.wasm X.wasm.json"""
import collections
import json
import re
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
import instrument  # noqa: E402

wasm_path, counts_path = sys.argv[1:3]
secs = instrument.sections(open(wasm_path, "rb").read())
names = instrument.function_names(secs, instrument.imported_functions(secs))
skip = lambda f: f in instrument.SKIP or f.startswith(instrument.SKIP_PREFIX)
line_re = re.compile(r"^#(\d+)\.\s+\d+: V:\d+\s*\| (\S+)(?: \$(\d+))?")
stack = ["_start"]
pending = None
ops = collections.Counter()
for line in sys.stdin:
    m = line_re.match(line)
    if not m:
        continue
    depth, op, arg = int(m.group(1)), m.group(2), m.group(3)
    if depth >= len(stack):
        stack.append(pending or "?")
    del stack[depth + 1:]
    if not any(skip(f) for f in stack):
        ops[op] += 1
    pending = names.get(int(arg), "?") if op == "call" and arg else ("?" if op == "call_indirect" else None)
ours = json.load(open(counts_path))["by_opcode"]
bad = 0
for op in sorted(set(ours) | set(ops)):
    if op in ("block", "loop", "end", "else", "br_if", "br", "return", "local.get", "local.set", "local.tee", "drop"):
        continue  # rewritten by wabt
    if op in ("alloca", "br_unless", "drop_keep", "call_import", "catch_drop", "executed", "i32:1,"):
        continue  # wabt-only
    a, b = ours.get(op, 0), ops.get(op, 0)
    if a != b:
        bad += 1
        print("MISMATCH %-16s ours %d wabt %d" % (op, a, b))
a, b = ours.get("br_if", 0), ops.get("br_unless", 0)
if a != b:
    bad += 1
    print("MISMATCH br_if (wabt br_unless) ours %d wabt %d" % (a, b))
print("%d opcodes compared, %d mismatches; wabt internal instructions outside the builtins: %d"
      % (len(set(ours) | set(ops)), bad, sum(ops.values())))
sys.exit(1 if bad else 0)
