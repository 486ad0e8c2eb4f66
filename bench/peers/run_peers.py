#!/usr/bin/env python3
"""c2w's hull engine against Percepta's transformer-vm, side by side in one run.

    bench/peers/run_peers.py --peer DIR [--rev REV] [--sparse-rev REV] [--runs N]
                             [--programs a,b,...] [--work DIR] [--c2w PATH] [--c2w-run PATH] [--no-universal]
                             [--json FILE] [--markdown FILE] [--plot FILE]
    bench/peers/run_peers.py --render [--json FILE] [--markdown FILE] [--plot FILE]

(`c2w bench --peer DIR ...` runs this script with the same options.)

DIR is transformer-vm's repository: a git directory (a clone or a mirror; REV, default
HEAD, is extracted with `git archive`) or a checked-out tree (copied). Nothing of it
enters this repository: the tree, its programs, its model and its engines are built in
the work folder (default /tmp/c2w-peers), which must lie outside it. Its own build steps,
run with Debian's packages (tools/setup.sh installs them):
  * its C examples compiled by its compiler (transformer_vm.compilation.compile_wasm,
    clang-14's wasm32 back end) into prompt files, with the arguments of its manifest;
  * its universal model built by transformer_vm.build (the MILP schedule solved by
    Debian's CBC through PuLP's COIN_CMD: PuLP's bundled CBC and the HiGHS bindings are
    not packaged, so PULP_CBC_CMD is pointed at COIN_CMD before the build runs);
  * its C++ engine, transformer_vm/model/transformer.cpp, compiled as its runner does on
    Linux (g++ -std=c++17 -O3): engine `tvm`;
  * with --sparse-rev REV, the same file from that revision (a later sparse-projection
    engine, from a fork) compiled as that revision's README says (-O3 -march=native
    -DUSE_SPARSE_PROJ), run on the same model: engine `tvm-sparse`. (Take a revision
    before that fork's "batched verify", which replays every run a second time inside
    the same process.)
The same C examples are compiled by c2w (bench/peers/peer_main.c includes each one
unchanged and passes stdin as its argument string) into a specialised model (engine
`c2w`) and, unless --no-universal, into a program run on c2w's universal model with the
program in the prompt (engine `c2w-universal`); both run on the hull engine, through the
lean runner `c2w-run` (which maps no Clang, LLVM or Z3; `c2w` compiles the models).

Each round runs every program on every engine, one process after another, the engine
order rotating from round to round; a run's wall time is its whole process (loading
the model, the prompt, generation, output; compilation excluded), started directly by
this script, and its CPU time the process's own (wait4). The peak RSS comes from one
more run of every program on every engine before the rounds, under GNU time: a process
forked from Python reports Python's own RSS, and GNU time adds about 1 ms of CPU (its
own start and fork) to each process it wraps, which would weigh on the short runs of
both sides alike. The output of every run is compared with the first engine's. Ratios are taken round by round (c2w's run against the peer's
fastest engine on that program, by median wall time) and given as min / median / max,
with absolute tokens/s beside them: on a shared machine only ratios from one run mean
anything, and CPU-time ratios hold better than wall-time ones.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIME = "/usr/bin/time"  # GNU time (Debian's `time`)
PROGRAMS = ["hello", "addition", "collatz", "fibonacci", "min_cost_matching", "sudoku"]


def fail(message):
    print("run_peers.py: error: " + message, file=sys.stderr)
    sys.exit(1)


def log(message):
    print(message, file=sys.stderr, flush=True)


def run_checked(command, what, **kwargs):
    """Runs a build step; on failure, says which and shows its output."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        fail(what + " failed (exit %d): %s\n%s%s" % (result.returncode, " ".join(command),
                                                      result.stdout[-3000:], result.stderr[-3000:]))
    return result


def is_git_dir(path):
    result = subprocess.run(["git", "-C", path, "rev-parse", "--git-dir"], capture_output=True, text=True)
    return result.returncode == 0


def extract_tree(peer, rev, dest):
    """The peer's source at `rev` in `dest` (reused when already there); its commit id."""
    if is_git_dir(peer):
        commit = run_checked(["git", "-C", peer, "rev-parse", rev + "^{commit}"],
                             "git rev-parse").stdout.strip()
        marker = os.path.join(dest, ".c2w-peer-commit")
        if os.path.exists(marker) and open(marker).read() == commit:
            return commit
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        archive = subprocess.Popen(["git", "-C", peer, "archive", commit], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", dest], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            fail("git archive %s of %s failed" % (commit, peer))
        with open(marker, "w") as f:
            f.write(commit)
        return commit
    if not os.path.isdir(os.path.join(peer, "transformer_vm")):
        fail("%s is neither a git directory nor a transformer-vm tree (no transformer_vm/ folder)" % peer)
    if not os.path.isdir(dest):
        shutil.copytree(peer, dest, ignore=shutil.ignore_patterns(".git"))
    return "tree:" + os.path.abspath(peer)


def peer_python(tree, module, arguments, env=None):
    """Runs one of the peer's modules with Debian's python3, PuLP's CBC pointed at COIN_CMD."""
    code = ("import sys, runpy, pulp\n"
            "pulp.PULP_CBC_CMD = pulp.COIN_CMD\n"
            "sys.argv = [%r] + sys.argv[1:]\n"
            "runpy.run_module(%r, run_name='__main__')\n" % (module, module))
    return run_checked(["/usr/bin/python3", "-c", code] + arguments, module, cwd=tree, env=env)


def read_manifest(tree):
    import yaml  # Debian's python3-yaml

    with open(os.path.join(tree, "transformer_vm", "examples", "manifest.yaml")) as f:
        manifest = yaml.safe_load(f)
    return {p["name"]: str(p.get("args", "")) for p in manifest["programs"]}


def find_wasm_clang():
    for candidate in [os.environ.get("CLANG_PATH"), "/usr/lib/llvm-14/bin/clang", shutil.which("clang")]:
        if candidate and os.path.exists(candidate):
            out = subprocess.run([candidate, "--print-targets"], capture_output=True, text=True).stdout
            if "wasm32" in out:
                return candidate
    fail("no clang with the wasm32 target (apt-get install clang-14 lld-14)")


class Engine:
    def __init__(self, name, command, parse, env=None):
        self.name = name
        self.command = command  # program -> (argv, stdin bytes)
        # (stdout, stderr) -> (tokens, generated tokens, engine seconds, output); None: the peer's format
        self.parse = parse
        self.env = env  # the process's environment (None: this one's)


def run_timed(argv, stdin_bytes, env=None):
    """Runs one process: (wall s, CPU s, page faults, exit, stdout, stderr); CPU time and
    the (minor) page faults are wait4's."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp:
        inp.write(stdin_bytes)
        inp.seek(0)
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=inp, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        return (wall, usage.ru_utime + usage.ru_stime, usage.ru_minflt, os.waitstatus_to_exitcode(status), out.read(),
                err.read())


def fresh_page_microseconds(pages=2000, rounds=5):
    """What a page first touched costs this machine, in microseconds (the median of a few
    rounds): an anonymous mapping touched page by page, less a second pass over the
    same pages (the loop's own cost). On a virtual machine whose memory the host maps
    in on demand it is far above the ~0.2 us of a bare machine (measured 12-20 us here),
    and then a short run's time is mostly its page count: the column "page faults"."""
    import mmap

    costs = []
    for _ in range(rounds):
        m = mmap.mmap(-1, pages * mmap.PAGESIZE)
        passes = []
        for _ in range(2):
            t = time.perf_counter()
            for i in range(pages):
                m[i * mmap.PAGESIZE] = 1
            passes.append(time.perf_counter() - t)
        m.close()
        costs.append((passes[0] - passes[1]) / pages * 1e6)
    return median(costs)


def run_peak_rss(argv, stdin_bytes, env=None):
    """Runs one process under GNU time (/usr/bin/time): (peak RSS KiB, exit, stdout, stderr).

    A child forked from this Python process and reaped with wait4 would report at least
    Python's own ~20 MB, resident when it forked (ru_maxrss counts the memory it had
    before exec), which hides the small runs' figures; GNU time's child is forked from
    GNU time."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as inp, \
            tempfile.NamedTemporaryFile(mode="r") as rss:
        inp.write(stdin_bytes)
        inp.seek(0)
        code = subprocess.call([TIME, "-q", "-f", "%M", "-o", rss.name] + argv, stdin=inp, stdout=out, stderr=err,
                               env=env)
        out.seek(0)
        err.seek(0)
        return int(rss.read().split()[-1]), code, out.read(), err.read()


def printable(data):
    """The peer's engine prints an output byte as itself when printable, else '.'."""
    return "".join(chr(b) if (0x20 <= b < 0x7F) or b in (0x0A, 0x09) else "." for b in data)


def parse_tvm(prompt_length):
    def parse(stdout, stderr):
        text = stdout.decode("latin-1")
        m = re.search(r"RAN\s+(\d+) tok, \d+ ops in ([0-9.]+)s", text) or re.search(
            r"PASS\s+(\d+) tok.* in ([0-9.]+)s", text)
        if not m:
            raise RuntimeError("no 'RAN N tok' line in the peer engine's output:\n" + text[-2000:])
        total = int(m.group(1))
        # "  output: " OUTPUT "\n", then "\nN passed, ..." (the engine's last lines)
        out = re.search(r"\n  output: (.*)\n\n\d+ passed, \d+ failed", text, re.S)
        shape = re.search(r"Loaded: (vocab=\d+ D=\d+ layers=\d+ heads=\d+ d_ffn=\d+)", text)
        extra = {"model": shape.group(1) if shape else None}
        return total, total - prompt_length, float(m.group(2)), out.group(1) if out else "", extra

    return parse


def parse_c2w(stdout, stderr):
    stats = None
    for line in stderr.decode("utf-8", "replace").splitlines():
        if line.startswith("{") and '"generated_tokens"' in line:
            stats = json.loads(line)
    if stats is None:
        raise RuntimeError("no --stats JSON on c2w's stderr:\n" + stderr.decode("utf-8", "replace")[-2000:])
    extra = {"setup_seconds": stats.get("setup_seconds"), "kernels": stats.get("kernels"), "model": stats["model"]}
    return stats["tokens"], stats["generated_tokens"], stats["seconds"], printable(stdout), extra


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer", help="transformer-vm's repository (git directory or tree)")
    parser.add_argument("--rev", default="HEAD", help="its revision to build and run (git directory only)")
    parser.add_argument("--sparse-rev", default=None, help="also run the sparse-projection engine of this revision")
    parser.add_argument("--runs", type=int, default=3, help="alternating rounds (default 3)")
    parser.add_argument("--programs", default=",".join(PROGRAMS), help="comma-separated example names")
    parser.add_argument("--work", default="/tmp/c2w-peers", help="work folder outside the repository")
    parser.add_argument("--c2w", default=os.path.join(ROOT, "build", "c2w"), help="the c2w executable (compiles)")
    parser.add_argument("--c2w-run", default=None,
                        help="the lean runner that runs the models (default: c2w-run beside --c2w)")
    parser.add_argument("--no-universal", action="store_true", help="skip c2w's universal model")
    parser.add_argument("--json", default=os.path.join(ROOT, "bench", "results", "peers.json"))
    parser.add_argument("--markdown", default=os.path.join(ROOT, "bench", "results", "peers.md"))
    parser.add_argument("--plot", default=os.path.join(ROOT, "bench", "results", "peers.png"))
    parser.add_argument("--render", action="store_true", help="only redraw the table and plot from --json")
    args = parser.parse_args()
    if args.render:
        with open(args.json) as f:
            write_results(json.load(f), args)
        return

    if not args.peer:
        fail("--peer DIR is required (transformer-vm's repository)")
    work = os.path.abspath(args.work)
    if os.path.commonpath([work, ROOT]) == ROOT:
        fail("the work folder %s is inside the repository %s: the peer stays outside it" % (work, ROOT))
    peer = os.path.abspath(args.peer)
    if not os.path.exists(peer):
        fail("%s does not exist (bring transformer-vm's repository onto the machine first)" % peer)
    c2w = os.path.abspath(args.c2w)
    if not os.access(c2w, os.X_OK):
        fail("%s is missing: build it first (cmake --build build --target c2w)" % c2w)
    # The runs go through the lean runner (no Clang, LLVM or Z3 to load: tools/c2w_run_main.cpp),
    # with the same engine, options and statistics as `c2w run`.
    lean = os.path.abspath(args.c2w_run or os.path.join(os.path.dirname(c2w), "c2w-run"))
    if not os.access(lean, os.X_OK):
        fail("%s is missing: build it first (cmake --build build --target c2w-run)" % lean)
    if not os.access(TIME, os.X_OK):
        fail("%s is missing (apt-get install time): it measures each run's peak RSS" % TIME)
    programs = [p for p in args.programs.split(",") if p]
    if args.runs < 1:
        fail("--runs must be at least 1")
    os.makedirs(work, exist_ok=True)

    # ── The peer: its tree, programs, model and engines ─────────────────────────
    tree = os.path.join(work, "tree")
    commit = extract_tree(peer, args.rev, tree)
    log("transformer-vm %s in %s" % (commit, tree))
    manifest = read_manifest(tree)
    for p in programs:
        if p not in manifest:
            fail("%s is not in the peer's manifest (%s)" % (p, ", ".join(sorted(manifest))))
    data = os.path.join(work, "data", commit.replace("/", "_").replace(":", "_"))
    os.makedirs(data, exist_ok=True)
    env = dict(os.environ, CLANG_PATH=find_wasm_clang())
    prompt_lengths = {}
    for p in programs:
        prompt = os.path.join(data, p + ".txt")
        if not os.path.exists(prompt):
            log("peer: compiling %s (args %r)" % (p, manifest[p]))
            peer_python(tree, "transformer_vm.compilation.compile_wasm",
                        [os.path.join("transformer_vm", "examples", p + ".c"), "--args", manifest[p],
                         "-o", os.path.join(data, p)], env=env)
        with open(prompt) as f:
            prompt_lengths[p] = len(f.read().split())
    model = os.path.join(data, "model.bin")
    model_seconds = None
    if not os.path.exists(model):
        log("peer: building its universal model (MILP schedule + weights; a few minutes)")
        t = time.perf_counter()
        peer_python(tree, "transformer_vm.build", ["--save-weights=" + model + ".tmp"])
        os.replace(model + ".tmp", model)
        model_seconds = time.perf_counter() - t
    attention = os.path.join(tree, "transformer_vm", "attention")
    tvm = os.path.join(data, "transformer")
    if not os.path.exists(tvm):
        log("peer: building its C++ engine")
        run_checked(["g++", "-std=c++17", "-O3", "-I", attention,
                     os.path.join(tree, "transformer_vm", "model", "transformer.cpp"), "-o", tvm], "g++")
    engines = []

    def tvm_engine(name, binary):
        return Engine(name, lambda p: ([binary, model, os.path.join(data, p + ".txt")], b""), None)

    engines.append(tvm_engine("tvm", tvm))
    sparse_commit = None
    if args.sparse_rev:
        sparse_tree = os.path.join(work, "tree-sparse")
        sparse_commit = extract_tree(peer, args.sparse_rev, sparse_tree)
        source = os.path.join(sparse_tree, "transformer_vm", "model", "transformer.cpp")
        if "USE_SPARSE_PROJ" not in open(source).read():
            fail("%s at %s has no USE_SPARSE_PROJ engine" % (peer, args.sparse_rev))
        sparse = os.path.join(work, "data", "transformer_sparse_" + sparse_commit[:12])
        if not os.path.exists(sparse):
            log("peer: building the sparse-projection engine of %s" % sparse_commit)
            run_checked(["g++", "-std=c++17", "-O3", "-march=native", "-DUSE_SPARSE_PROJ", "-I",
                         os.path.join(sparse_tree, "transformer_vm", "attention"), source, "-o", sparse], "g++")
        engines.append(tvm_engine("tvm-sparse", sparse))

    # ── c2w: the same C examples, specialised and universal ─────────────────────
    cdir = os.path.join(data, "c2w")
    os.makedirs(cdir, exist_ok=True)
    harness = os.path.join(ROOT, "bench", "peers", "peer_main.c")
    example = lambda p: os.path.join(tree, "transformer_vm", "examples", p + ".c")  # noqa: E731
    compile_seconds = {}
    for p in programs:
        flags = ["-D", 'PEER_PROGRAM="%s"' % example(p), "-w"]
        t = time.perf_counter()
        run_checked([c2w, "compile", harness] + flags + ["-o", os.path.join(cdir, p + ".c2w")], "c2w compile")
        compile_seconds[p] = time.perf_counter() - t
        if not args.no_universal:
            run_checked([c2w, "compile", harness] + flags + ["--emit=bin", "-o", os.path.join(cdir, p + ".bin")],
                        "c2w compile --emit=bin")
    engines.append(Engine("c2w", lambda p: ([lean, os.path.join(cdir, p + ".c2w"), "--engine", "hull",
                                             "--stats"], manifest[p].encode()), parse_c2w))
    # The same model with the block kernels walked instead of JIT-compiled (C2W_NO_JIT):
    # on short runs the kernels' build time outweighs what they save.
    no_jit = dict(os.environ, C2W_NO_JIT="1")
    engines.append(Engine("c2w-nojit", lambda p: ([lean, os.path.join(cdir, p + ".c2w"), "--engine", "hull",
                                                   "--stats"], manifest[p].encode()), parse_c2w, no_jit))
    if not args.no_universal:
        universal = os.path.join(cdir, "universal.c2w")
        log("c2w: compiling the universal model")  # always: a file of an older c2w may be there
        run_checked([c2w, "compile", "--universal", "-o", universal], "c2w compile --universal")
        engines.append(Engine("c2w-universal",
                              lambda p: ([lean, os.path.join(cdir, p + ".bin"), "--model", universal,
                                          "--engine", "hull", "--stats"], manifest[p].encode()), parse_c2w))

    # ── Peak RSS (one run each under GNU time), then the alternating timed rounds ──
    def checked(e, p, code, stdout, stderr):
        if code != 0:
            fail("%s on %s exited %d:\n%s%s" % (e.name, p, code, stdout.decode("latin-1")[-2000:],
                                                 stderr.decode("latin-1")[-2000:]))
        parse = e.parse or parse_tvm(prompt_lengths[p])
        return parse(stdout, stderr)

    peak_rss = {p: {} for p in programs}
    for p in programs:
        for e in engines:
            argv, stdin_bytes = e.command(p)
            rss, code, stdout, stderr = run_peak_rss(argv, stdin_bytes, e.env)
            total, generated, seconds, output, extra = checked(e, p, code, stdout, stderr)
            peak_rss[p][e.name] = {"kib": rss, "tokens": total, "output": output}
            log("peak RSS  %-18s %-14s %9d tokens  %7.1f MiB" % (p, e.name, generated, rss / 1024))

    loadavg_at_start = os.getloadavg()
    page_us_at_start = fresh_page_microseconds()
    log("a fresh page costs %.2f us here" % page_us_at_start)
    runs = {p: {e.name: [] for e in engines} for p in programs}
    for r in range(args.runs):
        for p in programs:
            order = engines[r % len(engines):] + engines[:r % len(engines)]
            for e in order:
                argv, stdin_bytes = e.command(p)
                wall, cpu, faults, code, stdout, stderr = run_timed(argv, stdin_bytes, e.env)
                total, generated, seconds, output, extra = checked(e, p, code, stdout, stderr)
                runs[p][e.name].append(dict({"wall_seconds": wall, "cpu_seconds": cpu, "page_faults": faults,
                                             "engine_seconds": seconds, "tokens": total,
                                             "generated_tokens": generated, "output": output}, **extra))
                log("round %d  %-18s %-14s %9d tokens  %8.3f s wall  %8.3f s CPU" % (
                    r + 1, p, e.name, generated, wall, cpu))

    # ── Summary ─────────────────────────────────────────────────────────────────
    summary = {"peer": peer, "peer_commit": commit, "peer_sparse_commit": sparse_commit, "runs": args.runs,
               "c2w": c2w, "c2w_run": lean, "programs": {}, "peer_model_build_seconds": model_seconds,
               "machine": {"cores": os.cpu_count(), "loadavg_at_start": loadavg_at_start,
                           "loadavg_at_end": os.getloadavg(),
                           "fresh_page_us": {"at_start": page_us_at_start, "at_end": fresh_page_microseconds()}}}
    for p in programs:
        first_output = runs[p][engines[0].name][0]["output"]
        entry = {"args": manifest[p], "c2w_compile_seconds": compile_seconds[p], "engines": {}}
        for e in engines:
            rs = runs[p][e.name]
            walls = [x["wall_seconds"] for x in rs]
            cpus = [x["cpu_seconds"] for x in rs]
            generated = rs[0]["generated_tokens"]
            entry["engines"][e.name] = {
                "tokens": rs[0]["tokens"], "generated_tokens": generated,
                "wall_seconds": {"min": min(walls), "median": median(walls), "max": max(walls)},
                "cpu_seconds": {"min": min(cpus), "median": median(cpus), "max": max(cpus)},
                "engine_seconds_median": median([x["engine_seconds"] for x in rs]),
                "page_faults_median": median([x["page_faults"] for x in rs]),
                "model": rs[0]["model"],
                "runs": [{k: v for k, v in x.items() if k not in ("output", "model")} for x in rs],
                "tokens_per_second_median": generated / median(walls),
                "peak_rss_mib": peak_rss[p][e.name]["kib"] / 1024,
                "same_output": all(x["output"] == first_output for x in rs + [peak_rss[p][e.name]]),
                "output_sha256": hashlib.sha256(rs[0]["output"].encode("latin-1")).hexdigest(),
                "output_bytes": len(rs[0]["output"]),
                "same_tokens_every_run": all(x["tokens"] == rs[0]["tokens"] for x in rs + [peak_rss[p][e.name]]),
            }
        peer_names = [e.name for e in engines if e.name.startswith("tvm")]
        fastest = min(peer_names, key=lambda n: entry["engines"][n]["wall_seconds"]["median"])
        entry["fastest_peer"] = fastest
        for mine in [e.name for e in engines if e.name.startswith("c2w")]:
            ratios = [a["wall_seconds"] / b["wall_seconds"] for a, b in zip(runs[p][mine], runs[p][fastest])]
            cpu_ratios = [a["cpu_seconds"] / b["cpu_seconds"] for a, b in zip(runs[p][mine], runs[p][fastest])]
            m, f = entry["engines"][mine], entry["engines"][fastest]
            entry["engines"][mine]["against_" + fastest] = {
                "wall_ratio": {"min": min(ratios), "median": median(ratios), "max": max(ratios)},
                "cpu_ratio": {"min": min(cpu_ratios), "median": median(cpu_ratios), "max": max(cpu_ratios)},
                "speedup_median": 1 / median(ratios),
                "cpu_speedup_median": 1 / median(cpu_ratios),
                "generated_token_ratio": m["generated_tokens"] / f["generated_tokens"],
                "peak_rss_ratio": m["peak_rss_mib"] / f["peak_rss_mib"],
            }
        summary["programs"][p] = entry

    summary["engines"] = [e.name for e in engines]
    atomic_write(args.json, json.dumps(summary, indent=1) + "\n")
    write_results(summary, args)


def atomic_write(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def rss_mib(engine):
    """An engine's peak RSS in MiB (summaries before the separate RSS run kept a median of the runs')."""
    return engine["peak_rss_mib"] if "peak_rss_mib" in engine else engine["peak_rss_mib_median"]


def faults(engine):
    """An engine's median page faults a run, or "-" (summaries before they were counted)."""
    return "%.0f" % engine["page_faults_median"] if "page_faults_median" in engine else "-"


def summary_table(summary):
    """c2w (specialised and universal) against the fastest peer engine, one line a program."""
    rows = ["| program | tokens: peer → c2w (ratio) | median wall s: peer → c2w | c2w speed-up, wall "
            "(min / median / max) | CPU | universal model | peak RSS MiB: peer → c2w (ratio) | page faults: "
            "peer → c2w | same output |",
            "|---|---|---|---|---:|---:|---|---|---|"]
    for p, entry in summary["programs"].items():
        f = entry["fastest_peer"]
        peer, mine = entry["engines"][f], entry["engines"]["c2w"]
        ratio = mine["against_" + f]
        inverse = {k: 1 / v for k, v in ratio["wall_ratio"].items()}
        universal = entry["engines"].get("c2w-universal")
        same = all(e["output_sha256"] == peer["output_sha256"] for e in entry["engines"].values())
        rows.append(("| %s | %d → %d (%.3f) | %.3f → %.3f | %.1f× / %.1f× / %.1f× | %.1f× | %s "
                     "| %.0f → %.0f (%.2f) | %s → %s | %s |") % (
            p, peer["generated_tokens"], mine["generated_tokens"], ratio["generated_token_ratio"],
            peer["wall_seconds"]["median"], mine["wall_seconds"]["median"], inverse["max"], inverse["median"],
            inverse["min"], ratio["cpu_speedup_median"],
            "%.1f×" % universal["against_" + f]["speedup_median"] if universal else "-",
            rss_mib(peer), rss_mib(mine), ratio["peak_rss_ratio"], faults(peer), faults(mine),
            "yes" if same else "NO"))
    return "\n".join(rows) + "\n"


def write_results(summary, args):
    """The table (stdout and --markdown) and the plot (--plot) of a summary."""
    names = summary.get("engines") or list(next(iter(summary["programs"].values()))["engines"])
    programs = list(summary["programs"])
    lines = ["| program | engine | prompt tokens | tokens generated | wall s (min / median / max) | CPU s (median) | "
             "tokens/s (median wall) | peak RSS MiB | page faults (median) | c2w / fastest peer: wall "
             "(min / median / max) | speed-up, wall | speed-up, CPU | tokens | peak RSS |",
             "|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    dat = ["program " + " ".join(names)]  # median wall seconds
    for p in programs:
        entry = summary["programs"][p]
        for n in names:
            e = entry["engines"][n]
            w = e["wall_seconds"]
            ratio = e.get("against_" + entry["fastest_peer"])
            cells = ["", "", "", "", ""]
            if ratio:
                r = ratio["wall_ratio"]
                cells = ["%.3f / %.3f / %.3f" % (r["min"], r["median"], r["max"]), "%.1f×" % ratio["speedup_median"],
                         "%.1f×" % ratio["cpu_speedup_median"], "%.3f" % ratio["generated_token_ratio"],
                         "%.2f" % ratio["peak_rss_ratio"]]
            elif n == entry["fastest_peer"]:
                cells[0] = "(fastest peer)"
            flag = "" if e["same_output"] else " (output differs!)"
            lines.append("| %s | %s%s | %d | %d | %.3f / %.3f / %.3f | %.3f | %.0f | %.0f | %s | %s |" % (
                p, n, flag, e["tokens"] - e["generated_tokens"], e["generated_tokens"], w["min"], w["median"],
                w["max"], e["cpu_seconds"]["median"], e["tokens_per_second_median"], rss_mib(e), faults(e),
                " | ".join(cells)))
        dat.append(p + " " + " ".join("%.6f" % entry["engines"][n]["wall_seconds"]["median"] for n in names))
    machine = summary.get("machine", {}).get("fresh_page_us")
    page = ("\nA fresh page cost %.2f us at the start of the rounds and %.2f us at their end (a page first "
            "touched, fresh_page_microseconds).\n" % (machine["at_start"], machine["at_end"]) if machine else "")
    table = summary_table(summary) + page + "\nEvery engine and run:\n\n" + "\n".join(lines) + "\n"
    print(table)
    atomic_write(args.markdown, table)
    if args.plot and shutil.which("gnuplot"):
        datfile = os.path.splitext(args.plot)[0] + ".dat"
        atomic_write(datfile, "\n".join(dat) + "\n")
        script = os.path.join(ROOT, "bench", "peers", "plot_peers.gp")
        subprocess.run(["gnuplot", "-e", "datafile='%s'; outfile='%s'; engines=%d" % (datfile, args.plot, len(names)),
                        script], check=True)
        log("plotted " + args.plot)
    log("wrote %s and %s" % (args.json, args.markdown))


if __name__ == "__main__":
    main()
