// Loading the JIT plugin on first use (see jit_plugin.h).
#include "runtime/jit_plugin.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <mutex>
#include <vector>

namespace c2w::runtime {
namespace {

using PluginEntry = std::shared_ptr<neural::BlockKernelCompiler>* (*)();

class PluginBlockCompiler final : public neural::BlockKernelCompiler {
 public:
  explicit PluginBlockCompiler(std::string path) : path_(std::move(path)) {}

  std::vector<neural::BlockKernels> compile(const std::vector<neural::BlockKernelSpec>& specs,
                                            std::shared_ptr<void>& owner) override {
    std::call_once(loaded_, [this] { load(); });
    if (!compiler_) return {};
    return compiler_->compile(specs, owner);
  }

 private:
  // The plugin stays loaded to the end of the process: its kernels and code are used
  // until then.
  void load() {
    void* handle = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
    const char* why = nullptr;
    if (!handle) {
      why = dlerror();
    } else if (auto entry = reinterpret_cast<PluginEntry>(dlsym(handle, "c2w_jit_plugin_compiler"))) {
      std::unique_ptr<std::shared_ptr<neural::BlockKernelCompiler>> made(entry());
      compiler_ = std::move(*made);
    } else {
      why = "no c2w_jit_plugin_compiler in it";
    }
    if (!compiler_)
      std::cerr << "c2w-run: the JIT plugin " << path_ << " could not be loaded (" << (why ? why : "?")
                << "); set C2W_JIT_PLUGIN to its path, or C2W_NO_JIT=1\n";
  }

  std::string path_;
  std::once_flag loaded_;
  std::shared_ptr<neural::BlockKernelCompiler> compiler_;
};

}  // namespace

std::shared_ptr<neural::BlockKernelCompiler> plugin_block_compiler(const std::string& plugin_path) {
  const char* chosen = std::getenv("C2W_JIT_PLUGIN");
  return std::make_shared<PluginBlockCompiler>(chosen && *chosen ? std::string(chosen) : plugin_path);
}

std::string plugin_beside_executable() {
  std::vector<char> buffer(4096);
  const ssize_t n = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  std::string self = n > 0 ? std::string(buffer.data(), static_cast<size_t>(n)) : std::string();
  const size_t slash = self.rfind('/');
  return (slash == std::string::npos ? std::string(".") : self.substr(0, slash)) + "/libc2w_jit.so";
}

}  // namespace c2w::runtime
