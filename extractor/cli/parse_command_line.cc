#include <iostream>

#include "cli/commands.h"

namespace claimex {

namespace po = boost::program_options;

std::optional<int> ParseCommandLine(const char* command, po::command_line_parser parser,
                                    const po::options_description& shown, po::variables_map* vm) {
  try {
    po::store(parser.run(), *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    std::cerr << "claimex " << command << ": " << e.what() << "\n" << shown;
    return kExitUsage;
  }
  if (vm->count("help")) {
    std::cout << shown;
    return kExitOk;
  }
  return std::nullopt;
}

}  // namespace claimex
