// claimex: extracts numeric claims from news text. See README.md.
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

const char kUsage[] =
    "usage: claimex <command> [options]\n"
    "\n"
    "commands:\n"
    "  extract [PATH...]   extract claims from text files, JSONL files, directories or - (stdin)\n"
    "  test                run every rule example and score the extractor against the corpus gold\n"
    "  regenerate          rebuild the corpus dataset (claims.jsonl, claims.csv) and report what changed\n"
    "\n"
    "  claimex <command> --help   options of a command\n"
    "  claimex --version\n"
    "\n"
    "exit status: 0 ok; 1 some documents failed (or a test failed, or the dataset is stale); 2 usage or rule error;\n"
    "3 output not written; 130 interrupted\n";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? claimex::kExitUsage : claimex::kExitOk;
  }
  if (args[0] == "--version") {
    std::printf("claimex %s (record schema 1)\n", CLAIMEX_VERSION);
    return claimex::kExitOk;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "extract") return claimex::RunExtract(args, argv[0]);
  if (command == "test") return claimex::RunTest(args, argv[0]);
  if (command == "regenerate") return claimex::RunRegenerate(args, argv[0]);
  std::fprintf(stderr, "claimex: unknown command '%s'\n\n%s", command.c_str(), kUsage);
  return claimex::kExitUsage;
}
