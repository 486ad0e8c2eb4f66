// JSON values whose memory comes from one arena (internal to neural/: the model file
// reader and the configuration reader). A model file's header is parsed at every run
// into a tree of a few thousand small objects (a map node per key, a string per
// value, a vector per array) that lives only while the file is read: allocating each
// from malloc and freeing each one by one took a short run about a fifth of its
// instructions. ArenaJson is nlohmann's JSON with an allocator that takes memory from
// the arena of the innermost live JsonArena on this thread and frees it all at once
// with it; with no arena live, it is the ordinary heap allocator.
//
// The one rule: an ArenaJson made while a JsonArena is live must be destroyed before
// that arena (declare the arena first, the values after it). Its text beyond a short
// string's inline buffer is std::string's own, on the heap as always.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <memory_resource>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace c2w::neural {

namespace json_arena_detail {
inline thread_local std::pmr::memory_resource* current = nullptr;
}  // namespace json_arena_detail

// While alive, the arena of this thread's ArenaJson allocations (nested arenas stack).
class JsonArena {
 public:
  explicit JsonArena(size_t first_block_bytes = size_t{1} << 16)
      : resource_(first_block_bytes), previous_(json_arena_detail::current) {
    json_arena_detail::current = &resource_;
  }
  ~JsonArena() { json_arena_detail::current = previous_; }
  JsonArena(const JsonArena&) = delete;
  JsonArena& operator=(const JsonArena&) = delete;
  // Frees everything allocated in it so far (every value made in it destroyed first);
  // it stays the arena of later values.
  void release() { resource_.release(); }

 private:
  std::pmr::monotonic_buffer_resource resource_;
  std::pmr::memory_resource* previous_;
};

template <typename T>
struct ArenaAllocator {
  using value_type = T;
  ArenaAllocator() noexcept = default;
  template <typename U>
  ArenaAllocator(const ArenaAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    if (std::pmr::memory_resource* arena = json_arena_detail::current)
      return static_cast<T*>(arena->allocate(n * sizeof(T), alignof(T)));
    return std::allocator<T>().allocate(n);
  }
  // Arena memory is freed with its arena; heap memory (allocated with no arena live,
  // and so freed with none live, by the rule above) here.
  void deallocate(T* p, size_t n) noexcept {
    if (json_arena_detail::current == nullptr) std::allocator<T>().deallocate(p, n);
  }
  template <typename U>
  bool operator==(const ArenaAllocator<U>&) const noexcept {
    return true;
  }
};

using ArenaJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t, std::uint64_t,
                                       double, ArenaAllocator>;

struct ModelConfig;
// ModelConfig::from_json_value on a tree in an arena (model_config.cpp).
ModelConfig model_config_from_json_value(const ArenaJson& value, const std::string& source);

}  // namespace c2w::neural
