// Runs a specialised c2w model file with the installed c2w libraries (find_package(c2w)):
// stdin is the program's input; prints its stdout, writes the token trace, exits with
// its exit code.
//   run_model MODEL.c2w dense|hull TRACE_OUT < input
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "isa/trace_format.h"
#include "runtime/reference_interpreter.h"
#include "runtime/transformer_engine.h"
#include "support/errors.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: run_model MODEL.c2w dense|hull TRACE_OUT < input\n");
    return 2;
  }
  namespace runtime = c2w::runtime;
  try {
    const std::string input{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    std::vector<std::string> prompt;  // <bos> in:XX .. <eoi> @0
    for (c2w::trace::Token t : runtime::prompt_tokens(input)) prompt.push_back(c2w::trace::token_name(t));
    const auto engine =
        std::string(argv[2]) == "hull" ? runtime::TransformerEngine::Hull : runtime::TransformerEngine::Dense;
    runtime::LoadedModel model = runtime::load_model_for(argv[1], engine);
    const std::vector<std::string> vocabulary = model.vocabulary();
    runtime::TransformerRunResult r = runtime::run_transformer(std::move(model), prompt, {});
    std::cout << r.output << std::flush;
    std::ofstream trace(argv[3]);
    for (int token : r.trace) trace << vocabulary[static_cast<size_t>(token)] << "\n";
    return r.exit_code;
  } catch (const c2w::UserError& e) {
    std::fprintf(stderr, "run_model: %s\n", e.what());
    return 1;
  }
}
