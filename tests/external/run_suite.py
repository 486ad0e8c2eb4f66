#!/usr/bin/env python3
"""External C test suites against c2w: how many of a suite's integer programs that pass
natively (gcc -m32, run under qemu-i386) also pass on c2w's reference engine and on its
hull engine (the transformer compiled from the program).

The suites are read where they are, never copied into c2w:
  c-testsuite   tests/single-exec/NNNNN.c with NNNNN.c.expected (stdout; exit 0)
  wacct         "Writing a C Compiler" tests: tests/chapter_*/valid/**.c, expected
                return codes and stdout in expected_results.json
  gcc-torture   gcc/testsuite/gcc.c-torture/execute/*.c from Debian's gcc-12-source
                (a program passes when it exits 0: a failure calls abort())
A program is an *integer program* unless it mentions floating point (float, double,
_Complex, a floating constant, <math.h>, <complex.h>, <fenv.h>); those are counted
apart, since c2w rejects floating point by design (for now).

  run_suite.py SUITE SOURCE_DIR [--c2w build/c2w] [--engines reference,hull]
               [--sample K] [--jobs N] [--json OUT] [--failures OUT]

--sample K keeps every K-th program (a quick run). Prints a table row per engine and
the most common reasons for failing; --json writes every program's outcome.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

FLOAT = re.compile(r"\b(float|double|_Complex|__complex__|_Float\d+|__float128)\b|"
                   r"#\s*include\s*<(math|complex|fenv|tgmath)\.h>|"
                   r"(?<![\w.])(\d+\.\d*|\.\d+)([eE][-+]?\d+)?[fFlL]?\b|\b\d+[eE][-+]?\d+[fFlL]?\b")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
STRING = re.compile(r'"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'')


def is_integer_program(text):
    code = STRING.sub('""', COMMENT.sub(" ", text))
    return not FLOAT.search(code)


LOCAL_INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)


def program_text(path, seen=None):
    """The file and the local headers it includes (#include "..."), recursively."""
    seen = seen if seen is not None else set()
    if path in seen or not os.path.exists(path):
        return ""
    seen.add(path)
    with open(path, errors="replace") as f:
        text = f.read()
    for header in LOCAL_INCLUDE.findall(text):
        text += "\n" + program_text(os.path.normpath(os.path.join(os.path.dirname(path), header)), seen)
    return text


class Case:
    def __init__(self, name, sources, expected_stdout, expected_exit, native_flags=()):
        self.name, self.sources = name, sources
        self.expected_stdout, self.expected_exit = expected_stdout, expected_exit
        self.native_flags = list(native_flags)


def c_testsuite(root):
    d = os.path.join(root, "tests", "single-exec")
    for f in sorted(os.listdir(d)):
        if f.endswith(".c"):
            with open(os.path.join(d, f + ".expected"), "rb") as e:
                yield Case(f, [os.path.join(d, f)], e.read(), 0)


def wacct(root):
    with open(os.path.join(root, "expected_results.json")) as f:
        expected = json.load(f)
    with open(os.path.join(root, "test_properties.json")) as f:
        properties = json.load(f)
    libs = properties.get("libs", {})
    assembly = properties.get("assembly_libs", {})
    for rel in sorted(expected):
        if rel in assembly or "/helper_libs/" in rel:
            continue  # needs an assembly helper: not C
        sources = [os.path.join(root, "tests", rel)]
        client = sources[0][:-2] + "_client.c"
        if "/libraries/" in rel and os.path.exists(client):  # a library and the program that uses it
            sources.append(client)
        sources += [os.path.join(root, "tests", lib) for lib in libs.get(rel, [])]
        e = expected[rel]
        yield Case(rel, sources, e.get("stdout", "").encode(), e.get("return_code", 0))


# The test's options: dg-options (also written { dg-options { "..." } }) and
# dg-additional-options that apply to every target (those with a target selector are
# for other machines).
DG_OPTIONS = re.compile(r"\{\s*dg-options\s+\{?\s*\"([^\"]*)\"")
DG_ADDITIONAL_OPTIONS = re.compile(r"\{\s*dg-additional-options\s+\"([^\"]*)\"\s*\}")


def gcc_torture(root):
    d = root
    if os.path.isdir(os.path.join(root, "gcc", "testsuite")):
        d = os.path.join(root, "gcc", "testsuite", "gcc.c-torture", "execute")
    for f in sorted(os.listdir(d)):
        if not f.endswith(".c"):
            continue
        path = os.path.join(d, f)
        with open(path, errors="replace") as src:
            text = src.read()
        m = DG_OPTIONS.search(text)
        flags = m.group(1).split() if m else []
        for extra in DG_ADDITIONAL_OPTIONS.findall(text):
            flags += extra.split()
        yield Case(f, [path], None, 0, flags)


SUITES = {"c-testsuite": c_testsuite, "wacct": wacct, "gcc-torture": gcc_torture}


def run(cmd, timeout, stdin=b""):
    try:
        p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return "timeout", b"", b""


def passes(case, status, stdout):
    if status != case.expected_exit:
        return False
    return case.expected_stdout is None or stdout == case.expected_stdout


def first_error(stderr):
    for line in stderr.decode(errors="replace").splitlines():
        if "error" in line:
            line = re.sub(r"^[^:]*:\d+:\d+: ", "", line)          # drop file:line:col
            return re.sub(r"'[^']*'", "'…'", line)[:110]           # group by message
    return "no error message"


# The test's own gcc options (dg-options) that c2w understands too: the ones that change
# what the C means (-fwrapv, strict aliasing), macros and include paths.
C2W_FLAG = re.compile(r"^(-f(no-)?(wrapv|strict-aliasing)|-[DI].+|-w)$")


def c2w_flags(native_flags):
    return [f for f in native_flags if C2W_FLAG.match(f)]


def check(case, args, work):
    texts = [program_text(s) for s in case.sources]
    out = {"name": case.name}
    if not all(is_integer_program(t) for t in texts):
        out["kind"] = "float"
        return out
    out["kind"] = "integer"
    exe = os.path.join(work, "native")
    status, _, err = run(["gcc", "-m32", "-O0", "-w", *case.native_flags, "-o", exe, *case.sources, "-lm"], 120)
    if status != 0:
        out["native"] = "does not build"
        return out
    status, stdout, _ = run(["qemu-i386", "-L", "/", exe], args.timeout)
    out["native"] = "pass" if passes(case, status, stdout) else "fail"
    if out["native"] != "pass":
        return out
    for engine in args.engines:
        cmd = [args.c2w, "run", *case.sources, *c2w_flags(case.native_flags), "--engine", engine,
               "--max-steps", str(args.max_steps)]
        status, stdout, err = run(cmd, args.timeout * (6 if engine != "reference" else 1))
        if passes(case, status, stdout):
            out[engine] = "pass"
        elif status == "timeout":
            out[engine] = "timeout"
        elif status == 1 and b"error" in err:
            out[engine] = "rejected: " + first_error(err)
        else:
            out[engine] = f"wrong (exit {status})"
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite", choices=sorted(SUITES))
    ap.add_argument("source")
    ap.add_argument("--c2w", default=os.path.join(os.path.dirname(__file__), "..", "..", "build", "c2w"))
    ap.add_argument("--engines", default="reference,hull")
    ap.add_argument("--sample", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=20)
    ap.add_argument("--max-steps", type=int, default=2_000_000_000)
    ap.add_argument("--json")
    args = ap.parse_args()
    args.engines = [e for e in args.engines.split(",") if e]
    args.c2w = os.path.abspath(args.c2w)
    cases = list(SUITES[args.suite](args.source))[:: args.sample]
    env_cache = tempfile.mkdtemp(prefix="c2w-suite-cache-")
    os.environ["C2W_CACHE_DIR"] = env_cache  # models compiled here stay out of the user's cache
    results = []
    with tempfile.TemporaryDirectory() as top, concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        def one(i_case):
            i, case = i_case
            work = os.path.join(top, str(i))
            os.makedirs(work)
            return check(case, args, work)
        for n, r in enumerate(pool.map(one, enumerate(cases)), 1):
            results.append(r)
            if n % 50 == 0:
                print(f"  {n}/{len(cases)}", file=sys.stderr, flush=True)
    subprocess.run(["rm", "-rf", env_cache])
    integer = [r for r in results if r["kind"] == "integer"]
    native = [r for r in integer if r.get("native") == "pass"]
    print(f"{args.suite}: {len(results)} programs, {len(results) - len(integer)} with floating point, "
          f"{len(integer)} integer programs, {len(native)} pass natively (gcc -m32 under qemu-i386)")
    for engine in args.engines:
        ok = sum(1 for r in native if r.get(engine) == "pass")
        pct = 100.0 * ok / len(native) if native else 0.0
        print(f"  {engine:9s}: {ok}/{len(native)} pass ({pct:.1f} %)")
        reasons = collections.Counter(r.get(engine) for r in native if r.get(engine) != "pass")
        for reason, count in reasons.most_common(12):
            print(f"      {count:4d}  {reason}")
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump({"suite": args.suite, "results": results}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
