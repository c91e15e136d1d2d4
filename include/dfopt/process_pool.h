#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

/// Running many independent tasks (one per file) in forked worker processes. The ANTLR runtime
/// shares its ATN caches between threads behind locks, so threads of one process barely scale;
/// processes do. Used by `dfopt check` and `dfopt audit`.
namespace dfopt {

/// What happened to the tasks whose results never arrived.
struct PoolOutcome {
  /// Tasks of a worker that died (a crash, a kill) before sending their results. Running them
  /// again in the caller could take the whole run down the same way: report them instead.
  std::vector<size_t> crashed;
  /// Tasks of a worker that could not be forked, or of every worker when `workers` < 2: the
  /// caller runs them itself.
  std::vector<size_t> unstarted;
  bool cancelled = false;  ///< `tick` returned false: the workers were killed
};

struct PoolCallbacks {
  /// Runs task `index` in a worker and appends its encoded result to `out`.
  std::function<void(size_t index, std::string& out)> work;
  /// Called in the caller's process with each result as it arrives (in arrival order, not
  /// index order), so results can be folded into a compact form instead of being kept whole.
  std::function<void(size_t index, std::string_view result)> receive;
  /// Optional: called about every 200 ms while waiting for results; returning false stops the
  /// run (the workers are killed).
  std::function<bool()> tick;
};

/// Forks `workers` processes; worker w runs tasks w, w + workers, w + 2 * workers... (files of
/// a batch cost about the same, so a fixed split balances well and needs no coordination) and
/// streams each result back through a pipe as soon as 64 KiB have gathered. The caller's
/// process only receives, so the results it keeps are all that grows. Workers get SIGKILL when
/// the calling process dies (PR_SET_PDEATHSIG), so an interrupted run leaves none behind.
/// Flushes stdio before forking so that workers never write the caller's buffered output again.
/// With `workers` < 2 nothing is forked: every task is reported unstarted.
PoolOutcome run_in_processes(size_t count, unsigned workers, const PoolCallbacks& callbacks);

/// Helpers for the flat binary encodings that cross the pipe. Both ends are the same binary,
/// so native integers are fine.
namespace wire {

inline void put_u32(std::string& out, uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), 4);
}
inline void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

/// Reads what put_u32 and put_str wrote; `ok` turns false (and stays so) past the end.
struct Decoder {
  std::string_view in;
  size_t pos = 0;
  bool ok = true;

  bool has(size_t n) {
    if (pos + n > in.size()) ok = false;
    return ok;
  }
  uint32_t u32() {
    uint32_t v = 0;
    if (has(4)) std::memcpy(&v, in.data() + pos, 4);
    pos += ok ? 4 : 0;
    return v;
  }
  uint8_t u8() {
    if (!has(1)) return 0;
    return static_cast<uint8_t>(in[pos++]);
  }
  std::string str() {
    const uint32_t n = u32();
    if (!has(n)) return {};
    std::string s(in.substr(pos, n));
    pos += n;
    return s;
  }
};

}  // namespace wire
}  // namespace dfopt
