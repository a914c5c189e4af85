#include "session/session_file.h"

#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <cmath>
#include <limits>

#include "lreg/common/status.h"

namespace lreg::views {

namespace {

std::string at(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

double numberOrNaN(const nlohmann::json& v, const std::string& where) {
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();  // non-finite values
  if (!v.is_number()) throw InputError(where + ": expected a number");
  return v.get<double>();
}

bool close(double a, double b, double tolerance) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= tolerance * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

void writeSessionFile(const QString& path, const SessionDocument& document) {
  const nlohmann::json j{{"format", kSessionFormat},
                         {"version", kSessionVersion},
                         {"panel", document.panel.toStdString()},
                         {"state", document.state}};
  const std::string text = j.dump(1) + "\n";
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) ||
      file.write(text.data(), static_cast<qint64>(text.size())) !=
          static_cast<qint64>(text.size()) ||
      !file.commit())
    throw InputError(path.toStdString() +
                     ": cannot write the session: " + file.errorString().toStdString());
}

SessionDocument readSessionFile(const QString& path) {
  const std::string name = path.toStdString();
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError(name + ": cannot read: " + file.errorString().toStdString());
  const QByteArray bytes = file.readAll();
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(bytes.constData(), bytes.constData() + bytes.size());
  } catch (const nlohmann::json::parse_error& e) {
    throw InputError(name + ": not a session file (invalid JSON at byte " + std::to_string(e.byte) +
                     ")");
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != kSessionFormat)
    throw InputError(name + ": not a session file (\"format\" is not \"" + kSessionFormat + "\")");
  const int version = intMember(j, "version", name);
  if (version != kSessionVersion)
    throw InputError(name + ": session version " + std::to_string(version) + ", this build reads " +
                     std::to_string(kSessionVersion));
  SessionDocument d;
  d.panel = QString::fromStdString(stringMember(j, "panel", name));
  d.state = member(j, "state", name);
  if (!d.state.is_object()) throw InputError(name + ": state: expected an object");
  return d;
}

const nlohmann::json& member(const nlohmann::json& object, const std::string& key,
                             const std::string& where) {
  if (!object.is_object()) throw InputError(where + ": expected an object");
  const auto it = object.find(key);
  if (it == object.end()) throw InputError(at(where, key) + ": missing");
  return *it;
}

int intMember(const nlohmann::json& object, const std::string& key, const std::string& where) {
  const nlohmann::json& v = member(object, key, where);
  if (!v.is_number_integer()) throw InputError(at(where, key) + ": expected an integer");
  const auto i = v.get<long long>();
  if (i < std::numeric_limits<int>::min() || i > std::numeric_limits<int>::max())
    throw InputError(at(where, key) + ": out of range");
  return static_cast<int>(i);
}

double numberMember(const nlohmann::json& object, const std::string& key,
                    const std::string& where) {
  const nlohmann::json& v = member(object, key, where);
  if (!v.is_number()) throw InputError(at(where, key) + ": expected a number");
  return v.get<double>();
}

std::string stringMember(const nlohmann::json& object, const std::string& key,
                         const std::string& where) {
  const nlohmann::json& v = member(object, key, where);
  if (!v.is_string()) throw InputError(at(where, key) + ": expected a string");
  return v.get<std::string>();
}

History historyFromJson(const nlohmann::json& points, const std::string& method,
                        const std::string& loss, const std::string& where) {
  if (!points.is_array()) throw InputError(where + ": expected a list of history points");
  History h;
  h.method = method;
  h.loss = loss;
  for (size_t i = 0; i < points.size(); ++i) {
    const std::string w = where + "[" + std::to_string(i) + "]";
    const nlohmann::json& p = points[i];
    HistoryPoint hp;
    hp.step = intMember(p, "step", w);
    hp.seconds = numberOrNaN(member(p, "seconds", w), w + ".seconds");
    hp.train_loss = numberOrNaN(member(p, "train_" + loss, w), w + ".train_" + loss);
    hp.test_loss = numberOrNaN(member(p, "test_" + loss, w), w + ".test_" + loss);
    for (const auto& [key, value] : p.items()) {
      if (key == "step" || key == "seconds" || key == "train_" + loss || key == "test_" + loss)
        continue;
      hp.extra[key] = numberOrNaN(value, w + "." + key);
    }
    if (!h.points.empty() && hp.step <= h.points.back().step)
      throw InputError(w + ".step: steps must increase");
    h.points.push_back(std::move(hp));
  }
  return h;
}

bool sameLosses(const History& a, const History& b, double tolerance) {
  if (a.points.size() != b.points.size()) return false;
  for (size_t i = 0; i < a.points.size(); ++i) {
    const HistoryPoint &p = a.points[i], &q = b.points[i];
    if (p.step != q.step || !close(p.train_loss, q.train_loss, tolerance) ||
        !close(p.test_loss, q.test_loss, tolerance))
      return false;
  }
  return true;
}

QString shellQuote(const QString& argument) {
  static const QRegularExpression safe(QStringLiteral("^[A-Za-z0-9_./:=+,@%-]+$"));
  if (safe.match(argument).hasMatch()) return argument;
  QString quoted = argument;
  quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
  return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellCommand(const QStringList& arguments) {
  QStringList quoted;
  for (const QString& a : arguments) quoted << shellQuote(a);
  return quoted.join(QLatin1Char(' '));
}

}  // namespace lreg::views
