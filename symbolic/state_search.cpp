// Depth-first, breadth-first and coverage-guided choice of states (see state_search.h).
#include "symbolic/state_search.h"

#include <algorithm>
#include <deque>
#include <random>

#include "support/errors.h"
#include "symbolic/coverage_distance.h"

namespace c2w::symbolic {

// A node of the tree of forks: a leaf holds a live state; an inner node has one or
// two subtrees that still hold live states (a subtree whose states have all ended
// is cut off, so every leaf is a live state).
struct PathTreeNode {
  PathTreeNode* parent = nullptr;
  std::unique_ptr<PathTreeNode> children[2];
  SearchState* state = nullptr;
};

namespace {

class DequeSearch : public StateSearch {
 public:
  explicit DequeSearch(bool newest_first) : newest_first_(newest_first) {}
  void add(std::unique_ptr<SearchState> state) override { states_.push_back(std::move(state)); }
  std::unique_ptr<SearchState> pick() override {
    std::unique_ptr<SearchState> s;
    if (newest_first_) {
      s = std::move(states_.back());
      states_.pop_back();
    } else {
      s = std::move(states_.front());
      states_.pop_front();
    }
    return s;
  }
  size_t size() const override { return states_.size(); }

 private:
  bool newest_first_;
  std::deque<std::unique_ptr<SearchState>> states_;
};

// Non-negative weights by index with O(log n) update and weighted draw: a complete
// binary tree of sums over a power-of-two number of leaves. Each inner sum is
// recomputed from its two children, never adjusted by differences, so rounding
// does not accumulate.
class WeightTree {
 public:
  void set(size_t index, double weight) {
    if (index >= capacity_) grow(index + 1);
    size_t i = index + capacity_;
    sums_[i] = weight;
    for (i /= 2; i > 0; i /= 2) sums_[i] = sums_[2 * i] + sums_[2 * i + 1];
  }
  double total() const { return capacity_ ? sums_[1] : 0; }
  // The index whose weight interval holds r, 0 <= r < total(); never a zero weight
  // while some weight is positive.
  size_t draw(double r) const {
    size_t i = 1;
    while (i < capacity_) {
      size_t left = 2 * i, right = left + 1;
      bool go_left = r < sums_[left];
      if (go_left && sums_[left] <= 0) go_left = false;
      if (!go_left && sums_[right] <= 0) go_left = true;
      if (!go_left) r -= sums_[left];
      i = go_left ? left : right;
    }
    return i - capacity_;
  }

 private:
  void grow(size_t needed) {
    size_t capacity = std::max<size_t>(capacity_, 64);
    while (capacity < needed) capacity *= 2;
    std::vector<double> sums(2 * capacity, 0.0);
    for (size_t i = 0; i < capacity_; ++i) sums[capacity + i] = sums_[capacity_ + i];
    for (size_t i = capacity; i-- > 1;) sums[i] = sums[2 * i] + sums[2 * i + 1];
    sums_ = std::move(sums);
    capacity_ = capacity;
  }
  std::vector<double> sums_;
  size_t capacity_ = 0;
};

class CoverageGuidedSearch : public StateSearch {
 public:
  CoverageGuidedSearch(const isa::Program& program, const std::vector<uint64_t>& visits,
                       const size_t& covered_pcs, uint64_t seed)
      : distance_(program), visits_(visits), covered_pcs_(covered_pcs), rng_(seed) {}

  // The tree can be as deep as a path has forks: free it without recursion.
  ~CoverageGuidedSearch() override {
    std::vector<std::unique_ptr<PathTreeNode>> nodes;
    if (root_) nodes.push_back(std::move(root_));
    while (!nodes.empty()) {
      std::unique_ptr<PathTreeNode> node = std::move(nodes.back());
      nodes.pop_back();
      for (auto& child : node->children)
        if (child) nodes.push_back(std::move(child));
    }
  }

  void add(std::unique_ptr<SearchState> state) override {
    if (!state->path_node) {  // the first state: the root of the tree
      C2W_CHECK(!root_, "StateSearch: a second state without a fork");
      root_ = std::make_unique<PathTreeNode>();
      root_->state = state.get();
      state->path_node = root_.get();
    }
    state->slot = states_.size();
    states_.push_back(std::move(state));
    weigh(*states_.back());
  }

  void forked(SearchState& parent, SearchState& child) override {
    PathTreeNode* node = parent.path_node;
    for (int side = 0; side < 2; ++side) {
      node->children[side] = std::make_unique<PathTreeNode>();
      node->children[side]->parent = node;
    }
    node->children[0]->state = &parent;
    node->children[1]->state = &child;
    node->state = nullptr;
    parent.path_node = node->children[0].get();
    child.path_node = node->children[1].get();
  }

  void ended(SearchState& state) override {
    PathTreeNode* node = state.path_node;
    // Cut the leaf, then every ancestor left without a live subtree.
    while (node->parent) {
      PathTreeNode* parent = node->parent;
      (parent->children[0].get() == node ? parent->children[0] : parent->children[1]).reset();
      if (parent->children[0] || parent->children[1]) return;
      node = parent;
    }
    root_.reset();
  }

  std::unique_ptr<SearchState> pick() override {
    if (covered_pcs_ != distances_for_) reweigh_all();
    size_t slot = 0;
    switch (turn_++ % 3) {
      case 0: slot = random_path(); break;
      case 1: slot = draw(by_distance_); break;
      default: slot = draw(by_new_coverage_); break;
    }
    return take(slot);
  }

  size_t size() const override { return states_.size(); }

 private:
  size_t random_path() {
    PathTreeNode* node = root_.get();
    while (!node->state) {
      bool both = node->children[0] && node->children[1];
      node = node->children[both ? rng_() & 1 : (node->children[0] ? 0 : 1)].get();
    }
    return node->state->slot;
  }

  size_t draw(const WeightTree& weights) {
    double r = std::uniform_real_distribution<double>(0.0, weights.total())(rng_);
    return std::min(weights.draw(r), states_.size() - 1);
  }

  std::unique_ptr<SearchState> take(size_t slot) {
    std::unique_ptr<SearchState> s = std::move(states_[slot]);
    size_t last = states_.size() - 1;
    if (slot != last) {
      states_[slot] = std::move(states_[last]);
      states_[slot]->slot = slot;
      weigh(*states_[slot]);
    }
    states_.pop_back();
    by_distance_.set(last, 0);
    by_new_coverage_.set(last, 0);
    return s;
  }

  void weigh(const SearchState& s) {
    return_pcs_.clear();
    for (const CallFrame& f : s.frames) return_pcs_.push_back(f.return_pc);
    uint32_t d = distance_.distance(s.pc, return_pcs_);
    double far = d == CoverageDistance::kUnreachable ? 10000.0 : std::max<uint32_t>(d, 1);
    double distance_weight = 1.0 / (far * far);
    double new_coverage = 0;  // 1 / max(1, n - 1000)
    if (s.since_new_coverage)
      new_coverage = 1.0 / static_cast<double>(std::max<uint64_t>(s.since_new_coverage, 1001) - 1000);
    by_distance_.set(s.slot, distance_weight);
    by_new_coverage_.set(s.slot, new_coverage * new_coverage + distance_weight);
  }

  void reweigh_all() {
    distance_.update(visits_);
    distances_for_ = covered_pcs_;
    for (const auto& s : states_) weigh(*s);
  }

  CoverageDistance distance_;
  const std::vector<uint64_t>& visits_;
  const size_t& covered_pcs_;
  size_t distances_for_ = SIZE_MAX;  // covered_pcs_ when distance_ was last updated
  std::mt19937_64 rng_;
  uint64_t turn_ = 0;
  std::vector<std::unique_ptr<SearchState>> states_;  // by slot
  WeightTree by_distance_, by_new_coverage_;          // by slot
  std::unique_ptr<PathTreeNode> root_;
  std::vector<uint32_t> return_pcs_;  // scratch
};

}  // namespace

std::unique_ptr<StateSearch> make_depth_first_search() { return std::make_unique<DequeSearch>(true); }
std::unique_ptr<StateSearch> make_breadth_first_search() { return std::make_unique<DequeSearch>(false); }
std::unique_ptr<StateSearch> make_coverage_guided_search(const isa::Program& program,
                                                         const std::vector<uint64_t>& visits,
                                                         const size_t& covered_pcs, uint64_t seed) {
  return std::make_unique<CoverageGuidedSearch>(program, visits, covered_pcs, seed);
}

}  // namespace c2w::symbolic
