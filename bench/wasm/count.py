#!/usr/bin/env python3
"""Turn the segment counters that an instrumented module dumped on stderr into
executed-instruction counts.
usage: count.py SEGMENTS.json COUNTERS.txt OUT.json"""
import collections
import json
import sys

STRUCTURAL = {"block", "loop", "end", "else", "nop"}

seg_path, counters_path, out_path = sys.argv[1:4]
segs = json.load(open(seg_path))["segments"]
lines = open(counters_path, errors="replace").read().splitlines()
if "c2w-wasm-counters-begin" not in lines or "c2w-wasm-counters-end" not in lines:
    sys.exit("count.py: no counter dump in %s (did the program halt?)" % counters_path)
body = lines[lines.index("c2w-wasm-counters-begin") + 1:lines.index("c2w-wasm-counters-end")]
by_op = collections.Counter()
by_fn = collections.Counter()
for line in body:
    idx, n = map(int, line.split())
    seg = segs[idx]
    for op in seg["ops"]:
        by_op[op] += n
    by_fn[seg["function"]] += n * len(seg["ops"])
total = sum(by_op.values())
structural = sum(v for k, v in by_op.items() if k in STRUCTURAL)
json.dump({"wasm_instructions": total, "structural": structural,
           "wasm_instructions_without_structural": total - structural,
           "by_opcode": dict(by_op.most_common()), "by_function": dict(by_fn.most_common())},
          open(out_path, "w"), indent=1)
print("%d instructions (%d without block/loop/end/else/nop)" % (total, total - structural))
