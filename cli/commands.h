// The kwsandbox subcommands. Kept apart from main() so tests can drive them with argv vectors
// and captured streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kws::cli {

// Returns the process exit code: 0 ok, 1 problems found / run failed, 2 usage or I/O error.
int Main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kws::cli
