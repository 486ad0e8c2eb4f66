// c2w from Python (pybind11): compile C into programs and models, run them on any
// engine, inspect models, explore programs symbolically, verify models, run pipelines. A thin layer over the
// library calls the c2w command makes (compiler/, pipeline/run.h, runtime/, symbolic/): the same traces,
// outputs and exit codes. A user's mistake (a C error, a bad model file, an unknown engine) raises c2w.Error
// with c2w's message; c2w's own bugs raise RuntimeError.
//
//   import c2w
//   model = c2w.compile("examples/hello.c")          # a Model: the program in weights
//   result = c2w.run(model, engine="hull", trace=True)
//   result.output, result.exit_code, result.trace[:5], result.stats["tokens_per_second"]
#include <chrono>
#include <memory>
#include <optional>

#include <pybind11/eigen.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "compiler/compile.h"
#include "compiler/compile_weights.h"
#include "compiler/load_program.h"
#include "compiler/universal_prompt.h"
#include "isa/isa_text.h"
#include "isa/trace_format.h"
#include "neural/model_config.h"
#include "neural/model_file.h"
#include "pipeline/pipeline.h"
#include "pipeline/pipeline_file.h"
#include "pipeline/replay_findings.h"
#include "pipeline/run.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"
#include "symbolic/equivalence.h"
#include "symbolic/symbolic_executor.h"
#include "symbolic/symex_report.h"
#include "verify/verify_model.h"

namespace py = pybind11;
using namespace c2w;

namespace {

py::object parse_json(const std::string& text) { return py::module_::import("json").attr("loads")(text); }

compiler::CompileOptions compile_options(const std::string& source, int opt_level) {
  compiler::CompileOptions options;
  options.source_path = source;
  options.opt_level = opt_level;
  return options;
}

// A compiled program on the c2w machine.
struct Program {
  isa::Program program;
  std::string source;
};

// A model in memory (compiled, or read from a model file); the program it was compiled
// from when there is one (for the universal model's prompt it is given to run()).
struct Model {
  neural::Model model;
  std::string name;
};

struct RunResult {
  py::bytes output;
  int exit_code = 0;
  std::string message;
  std::optional<std::vector<std::string>> trace;
  py::object stats;
  std::string explain;
};

Program compile_program(const std::string& source, int opt_level) {
  return {compiler::load_program(source, compile_options(source, opt_level)), source};
}

Model compile_model(const std::optional<std::string>& source, const std::optional<std::string>& output,
                    bool universal, int opt_level) {
  Model m;
  if (universal) {
    if (source)
      throw UserError("error: compile(universal=True) takes no program: one model runs every program");
    m.model = compiler::compile_universal_weights().model;
    m.name = "universal";
  } else {
    if (!source) throw UserError("error: compile() needs a program (.c, .isa or binary), or universal=True");
    compiler::WeightsOptions options;
    options.source_name = *source;
    m.model = compiler::compile_weights(compile_program(*source, opt_level).program, options).model;
    m.name = *source;
  }
  if (output) neural::save_model(m.model, *output);
  return m;
}

py::dict shape_dict(const neural::Model& model) {
  const neural::ModelShape s = neural::shape_of(model);
  py::dict d;
  d["vocab"] = s.vocab, d["d_model"] = s.d_model, d["layers"] = s.layers, d["heads"] = s.heads;
  d["ffn_width"] = s.max_ffn_width, d["parameters"] = s.parameters, d["non_zeros"] = s.non_zeros;
  return d;
}

RunResult from_report(const pipeline::RunReport& report, bool trace) {
  RunResult r{py::bytes(report.output),      report.exit_code,   report.message, std::nullopt,
              parse_json(report.stats_json), report.explain_text};
  if (trace) {
    std::vector<std::string> names;
    size_t start = 0;
    for (size_t end; (end = report.trace_text.find('\n', start)) != std::string::npos; start = end + 1)
      names.push_back(report.trace_text.substr(start, end - start));
    r.trace = std::move(names);
  }
  return r;
}

// A Model in memory on a transformer engine: the prompt from the input (and, for the
// universal model, the program).
RunResult run_model(const Model& m, const std::string& input, const std::string& engine_name,
                    const std::optional<std::string>& program, uint64_t max_steps, bool trace,
                    int opt_level) {
  const pipeline::Engine engine = pipeline::engine_named(engine_name);
  if (engine == pipeline::Engine::Reference)
    throw UserError(
        "error: a model runs on engine='dense' or engine='hull' (the reference engine runs programs)");
  const neural::ModelConfig config = neural::ModelConfig::from_json(m.model.config_json, m.name);
  std::vector<std::string> prompt;
  if (config.mode == neural::ModelMode::Universal) {
    if (!program) throw UserError("error: the universal model runs a program: run(model, program='prog.c')");
    prompt = compiler::universal_prompt(compile_program(*program, opt_level).program, input);
  } else {
    if (program)
      throw UserError("error: program= is for the universal model; " + m.name + " is compiled for one");
    for (trace::Token t : runtime::prompt_tokens(input)) prompt.push_back(trace::token_name(t));
  }
  runtime::TransformerRunOptions options;
  options.max_generated_tokens = max_steps;
  options.record_trace = trace;
  const std::vector<std::string>& vocabulary = m.model.vocabulary;
  runtime::TransformerRunResult r;
  {
    py::gil_scoped_release release;  // the run touches no Python object
    r = runtime::run_transformer(runtime::prepare_model(m.model, pipeline::transformer_engine(engine)),
                                 prompt, options);
  }
  RunResult result;
  result.output = py::bytes(r.output);
  result.exit_code = r.exit_code;
  if (r.status == runtime::TransformerStatus::Trapped) result.message = "trap: the model emitted " + r.trap;
  if (r.status == runtime::TransformerStatus::TokenLimit) result.message = "token limit reached";
  if (trace) {
    std::vector<std::string> names;
    for (int t : r.trace) names.push_back(vocabulary[static_cast<size_t>(t)]);
    result.trace = std::move(names);
  }
  py::dict stats;
  stats["engine"] = engine_name;
  stats["prompt_tokens"] = prompt.size();
  stats["generated_tokens"] = r.generated_tokens;
  stats["tokens"] = prompt.size() + r.generated_tokens;
  stats["seconds"] = r.seconds;
  stats["tokens_per_second"] = r.seconds > 0 ? double(r.generated_tokens) / r.seconds : 0.0;
  stats["exit_code"] = r.exit_code;
  stats["model"] = shape_dict(m.model);
  result.stats = stats;
  return result;
}

symbolic::SymexOptions symex_options(unsigned input_bytes, double max_seconds, uint64_t max_paths) {
  symbolic::SymexOptions options;
  options.input_bytes = input_bytes;
  options.max_seconds = max_seconds;
  if (max_paths) options.max_paths = max_paths;
  return options;
}

}  // namespace

PYBIND11_MODULE(c2w, m) {
  m.doc() = "c2w: C programs compiled into transformer weights, run on exact hard-max engines";
  py::register_exception<UserError>(m, "Error", PyExc_ValueError);

  py::class_<Program>(m, "Program", "A C program compiled to the c2w machine")
      .def_property_readonly("instructions", [](const Program& p) { return p.program.code.size(); })
      .def_property_readonly(
          "assembly", [](const Program& p) { return isa::print_assembly(p.program); },
          "the text assembly (c2w compile --emit=isa)")
      .def("__repr__", [](const Program& p) {
        return "<c2w.Program " + p.source + ": " + std::to_string(p.program.code.size()) + " instructions>";
      });

  py::class_<Model>(m, "Model", "A transformer compiled by c2w (or read from a model file)")
      .def(
          "save", [](const Model& model, const std::string& path) { neural::save_model(model.model, path); },
          py::arg("path"), "write the model file (safetensors, docs/model-format.md)")
      .def_property_readonly("shape", [](const Model& model) { return shape_dict(model.model); })
      .def_property_readonly("config", [](const Model& model) { return parse_json(model.model.config_json); })
      .def_property_readonly("vocabulary", [](const Model& model) { return model.model.vocabulary; })
      .def_property_readonly("d_model", [](const Model& model) { return model.model.d_model; })
      .def(
          "tensors",
          [](const Model& model) {
            py::dict tensors;  // the file's tensor names, rows x columns as in the file (copies, float64)
            const neural::Model& n = model.model;
            tensors["embedding"] = n.embedding;
            for (size_t b = 0; b < n.blocks.size(); ++b) {
              const std::string p = "blocks." + std::to_string(b);
              for (size_t h = 0; h < n.blocks[b].heads.size(); ++h) {
                const std::string hp = p + ".heads." + std::to_string(h);
                const neural::AttentionHead& head = n.blocks[b].heads[h];
                tensors[py::str(hp + ".query")] = head.query, tensors[py::str(hp + ".key")] = head.key;
                tensors[py::str(hp + ".value")] = head.value, tensors[py::str(hp + ".output")] = head.output;
              }
              const neural::FeedForward& ffn = n.blocks[b].ffn;
              tensors[py::str(p + ".ffn.gate")] = ffn.gate, tensors[py::str(p + ".ffn.value")] = ffn.value;
              tensors[py::str(p + ".ffn.output")] = ffn.output;
            }
            tensors["unembedding"] = n.unembedding;
            return tensors;
          },
          "every weight matrix as a numpy array, by its tensor name in the model file")
      .def("__repr__", [](const Model& model) {
        const neural::ModelShape s = neural::shape_of(model.model);
        return "<c2w.Model " + model.name + ": " + std::to_string(s.layers) + " layers, d_model " +
               std::to_string(s.d_model) + ", " + std::to_string(s.heads) + " heads>";
      });

  py::class_<RunResult>(m, "RunResult",
                        "What a run did: the program's stdout and exit code, the trace, statistics")
      .def_readonly("output", &RunResult::output)
      .def_readonly("exit_code", &RunResult::exit_code)
      .def_readonly("message", &RunResult::message,
                    "what stopped a run that did not halt ('' when it halted)")
      .def_readonly("trace", &RunResult::trace, "token names, the prompt included (None unless trace=True)")
      .def_readonly("stats", &RunResult::stats)
      .def_readonly("explain", &RunResult::explain)
      .def("__repr__", [](const RunResult& r) {
        return "<c2w.RunResult exit_code=" + std::to_string(r.exit_code) + ">";
      });

  m.def("compile_program", &compile_program, py::arg("source"), py::arg("opt_level") = 2,
        "Compile a C file (or read a .isa / binary program) into a c2w machine program.");
  m.def("compile", &compile_model, py::arg("source") = py::none(), py::arg("output") = py::none(),
        py::arg("universal") = false, py::arg("opt_level") = 2,
        "Compile a program into a specialised model (or universal=True: the universal model); "
        "written to `output` when given.");
  m.def(
      "load_model",
      [](const std::string& path) {
        return Model{neural::load_model(path), path};
      },
      py::arg("path"), "Read a model file.");
  m.def(
      "run",
      [](py::object target, py::bytes input, const std::string& engine, std::optional<std::string> model,
         std::optional<std::string> program, uint64_t max_steps, bool trace, bool explain, bool cache,
         int opt_level) {
        const std::string in = input;
        if (py::isinstance<Model>(target)) {
          return run_model(target.cast<const Model&>(), in, engine, program, max_steps, trace, opt_level);
        }
        pipeline::RunRequest request;
        request.path = target.cast<std::string>();
        request.universal_model = model.value_or("");
        request.engine = pipeline::engine_named(engine);
        request.input = in;
        request.max_steps = max_steps;
        request.record_trace = trace;
        request.explain = explain;
        request.use_cache = cache;
        request.compile.opt_level = opt_level;
        pipeline::RunReport report;
        {
          py::gil_scoped_release release;
          report = pipeline::run_program(request);
        }
        return from_report(report, trace);
      },
      py::arg("target"), py::arg("input") = py::bytes(), py::arg("engine") = "reference",
      py::arg("model") = py::none(), py::arg("program") = py::none(),
      py::arg("max_steps") = uint64_t{2'000'000'000}, py::arg("trace") = false, py::arg("explain") = false,
      py::arg("cache") = true, py::arg("opt_level") = 2,
      "Run a program (path: .c, .isa, binary, or a model file) or a Model on an engine: 'reference' (the ISA "
      "interpreter), 'dense' or 'hull' (the transformer). model=: a universal model file to run the program "
      "on; "
      "for a universal Model object, program= names the program.");
  m.def(
      "inspect",
      [](py::object target) {
        Model loaded;
        const Model* m = nullptr;
        if (py::isinstance<Model>(target)) {
          m = &target.cast<const Model&>();
        } else {
          const std::string path = target.cast<std::string>();
          loaded = Model{neural::load_model(path), path};
          m = &loaded;
        }
        py::dict d = shape_dict(m->model);
        py::list ties;
        for (const neural::Block& block : m->model.blocks) {
          py::list heads;
          for (const neural::AttentionHead& head : block.heads)
            heads.append(head.tie == neural::TieMode::Average ? "average" : "latest");
          ties.append(heads);
        }
        d["ties"] = ties;
        d["config"] = parse_json(m->model.config_json);
        return d;
      },
      py::arg("model"),
      "A model's shape, parameters, non-zeros, head tie modes and configuration (a path or a Model).");
  m.def(
      "symex",
      [](const std::string& source, unsigned input_bytes, double max_seconds, uint64_t max_paths,
         bool transformer) {
        const isa::Program program = compiler::load_program(source, compile_options(source, 2));
        symbolic::SymexOptions options = symex_options(input_bytes, max_seconds, max_paths);
        symbolic::SymexResult r;
        {
          py::gil_scoped_release release;
          r = symbolic::run_symbolic(program, options);
          if (transformer) pipeline::replay_on_transformer(program, source, r);
        }
        py::dict d = parse_json(symbolic::symex_report_json(r, source, input_bytes, "coverage"));
        d["summary"] = symbolic::symex_summary(r, source);
        return d;
      },
      py::arg("source"), py::arg("input_bytes") = 8, py::arg("max_seconds") = 60.0, py::arg("max_paths") = 0,
      py::arg("transformer") = true,
      "Symbolic execution over every stdin of at most input_bytes bytes (c2w symex): the report as a dict.");
  m.def(
      "equiv",
      [](const std::string& a, const std::string& b, unsigned input_bytes, double max_seconds) {
        const isa::Program pa = compiler::load_program(a, compile_options(a, 2));
        const isa::Program pb = compiler::load_program(b, compile_options(b, 2));
        symbolic::EquivalenceResult r;
        {
          py::gil_scoped_release release;
          r = symbolic::check_equivalence(pa, pb, symex_options(input_bytes, max_seconds, 0));
        }
        const int code = symbolic::equivalence_exit_code(r);
        py::dict d;
        d["verdict"] = code == 0 ? "equivalent" : code == 1 ? "different" : "unknown";
        if (code == 1) d["counterexample"] = py::bytes(r.counterexample);
        d["summary"] = symbolic::equivalence_summary(r, a, b, input_bytes);
        return d;
      },
      py::arg("a"), py::arg("b"), py::arg("input_bytes") = 4, py::arg("max_seconds") = 60.0,
      "Bounded equivalence of two programs' outputs and exit codes (c2w equiv).");
  m.def(
      "verify",
      [](const std::string& model_path, const std::string& op, double timeout, int samples, bool figures,
         const std::optional<std::string>& program, const std::string& input) {
        neural::Model model = neural::load_model(model_path);
        verify::VerifyOptions options;
        options.op = op;
        options.timeout_seconds = timeout;
        options.samples = samples;
        options.format_figures = figures;
        if (program) options.program = compiler::load_program(*program, compile_options(*program, 2));
        options.input = input;
        verify::VerifyReport report;
        {
          py::gil_scoped_release release;
          report = verify::verify_model(model, model_path, options);
        }
        py::dict d = parse_json(verify::report_json(report));
        d["all_proved"] = report.all_proved();
        d["table"] = verify::format_report(report);
        return d;
      },
      py::arg("model"), py::arg("op") = "", py::arg("timeout") = 60.0, py::arg("samples") = 48,
      py::arg("figures") = true, py::arg("program") = py::none(), py::arg("input") = "",
      "Verify a model file's weights (c2w verify): the report as a dict with every obligation "
      "(proved / refuted / unknown), 'all_proved' and 'table' (the text the command prints).");
  m.def(
      "pipeline",
      [](const std::string& file, bool check_only) {
        pipeline::Pipeline p(pipeline::pipeline_file_name(file));
        std::string failed;
        {
          py::gil_scoped_release release;
          try {
            pipeline::run_pipeline_file(file, p, {.quiet = true, .check_only = check_only});
          } catch (const pipeline::CheckFailed& e) {
            failed = e.what();
          }
        }
        py::dict d = check_only ? py::dict() : py::dict(parse_json(p.report_json()));
        d["ok"] = failed.empty();
        d["failed"] = failed;
        if (!check_only) d["table"] = p.report_table();
        return d;
      },
      py::arg("file"), py::arg("check_only") = false,
      "Run a pipeline file (c2w pipeline): the report as a dict; 'ok' is False when a check failed "
      "('failed' names it). check_only=True only reads and checks the file. A malformed file raises "
      "c2w.Error.");
}
