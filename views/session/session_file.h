#pragma once
// Session files (File > Save session / Open session): one JSON document per panel state,
//   {"format": "lreg-studio-session", "version": 1, "panel": "<demo name>", "state": {...}},
// written atomically (a temporary file renamed over the target, QSaveFile) so a crash never
// leaves half a file. Reading checks every field it uses and throws lreg::InputError naming the
// file and the field, before anything is changed. Also the pieces every panel's state and "Copy
// as command" share: history to and from JSON, shell quoting.
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <string>

#include "lreg/common/history.h"

namespace lreg::views {

inline constexpr const char* kSessionFormat = "lreg-studio-session";
inline constexpr int kSessionVersion = 1;

struct SessionDocument {
  QString panel;  // the panel's demo name: "mrc1d", ...
  nlohmann::json state;
};

// Throws InputError if the file cannot be written (the old file, if any, is then untouched).
void writeSessionFile(const QString& path, const SessionDocument& document);
// Throws InputError naming the file: unreadable, not JSON, another format or version.
SessionDocument readSessionFile(const QString& path);

// Reads a member of a JSON object; throws InputError "<where>.<key>: ..." when it is missing or
// of another type.
const nlohmann::json& member(const nlohmann::json& object, const std::string& key,
                             const std::string& where);
int intMember(const nlohmann::json& object, const std::string& key, const std::string& where);
double numberMember(const nlohmann::json& object, const std::string& key, const std::string& where);
std::string stringMember(const nlohmann::json& object, const std::string& key,
                         const std::string& where);

// The inverse of lreg::toJson(History) for a history with the given method and loss name.
History historyFromJson(const nlohmann::json& points, const std::string& method,
                        const std::string& loss, const std::string& where);
// Same steps and losses within a relative tolerance (seconds are not compared: they are timings).
bool sameLosses(const History& a, const History& b, double tolerance = 1e-9);

// One argument as a POSIX shell reads it back: bare when safe, else in single quotes.
QString shellQuote(const QString& argument);
QString shellCommand(const QStringList& arguments);

}  // namespace lreg::views
