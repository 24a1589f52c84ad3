// The claimex subcommands. Each returns the process exit code:
//   0  success
//   1  some documents could not be read (each reported on stderr), or
//      `test` found a failing rule example or a score below the floor, or
//      `regenerate --check` found the dataset stale
//   2  usage error, or the rules could not be loaded
//   3  the output could not be written
//   130 interrupted (SIGINT/SIGTERM); no partial output file is left
#ifndef CLAIMEX_CLI_COMMANDS_H_
#define CLAIMEX_CLI_COMMANDS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "rulebook/rulebook.h"

namespace claimex {

enum ExitCode { kExitOk = 0, kExitDocumentErrors = 1, kExitUsage = 2, kExitOutput = 3, kExitInterrupted = 130 };

int RunExtract(const std::vector<std::string>& args, const std::string& argv0);
int RunTest(const std::vector<std::string>& args, const std::string& argv0);
int RunRegenerate(const std::vector<std::string>& args, const std::string& argv0);

// Parses a subcommand's `args` into *vm, with `parser` set up by the caller
// (options, positionals). Returns an exit code when the command is done —
// a usage error ("claimex <command>: ..." and `shown` on stderr) or --help
// (`shown` on stdout) — or nullopt to go on.
std::optional<int> ParseCommandLine(const char* command, boost::program_options::command_line_parser parser,
                                    const boost::program_options::options_description& shown,
                                    boost::program_options::variables_map* vm);

// Loads `rules_dir` (the default rules directory when empty), printing every
// diagnostic to stderr on failure. nullptr means: exit with kExitUsage.
std::unique_ptr<Rulebook> LoadRulesOrReport(std::string rules_dir, const std::string& argv0);

}  // namespace claimex

#endif  // CLAIMEX_CLI_COMMANDS_H_
