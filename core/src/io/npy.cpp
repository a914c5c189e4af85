#include "lreg/io/npy.h"

#include <cctype>
#include <optional>

#include "lreg/common/status.h"

namespace lreg {

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

std::uint32_t readLe(std::string_view b, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int k = bytes - 1; k >= 0; --k)
    v = (v << 8) | static_cast<unsigned char>(b[at + static_cast<size_t>(k)]);
  return v;
}

// The header is a Python dict literal of exactly three keys. A small strict parser: it accepts
// what numpy writes (and hand-written equivalents), names what it did not expect.
class HeaderParser {
 public:
  HeaderParser(std::string_view text, const std::string& what) : s_(text), what_(what) {}

  struct Header {
    DType dtype;
    bool fortran;
    std::vector<std::int64_t> shape;
  };

  Header parse() {
    std::optional<DType> dtype;
    std::optional<bool> fortran;
    std::optional<std::vector<std::int64_t>> shape;
    expect('{');
    while (true) {
      skipSpace();
      if (peek() == '}') break;
      const std::string key = quoted();
      expect(':');
      if (key == "descr") {
        if (dtype) fail("key 'descr' appears twice");
        dtype = descr(quoted());
      } else if (key == "fortran_order") {
        if (fortran) fail("key 'fortran_order' appears twice");
        fortran = boolean();
      } else if (key == "shape") {
        if (shape) fail("key 'shape' appears twice");
        shape = tuple();
      } else {
        fail("unknown header key '" + key + "' (expected descr, fortran_order, shape)");
      }
      skipSpace();
      if (peek() == ',') ++i_;
    }
    expect('}');
    skipSpace();
    if (i_ != s_.size()) fail("text after the header dict");
    if (!dtype) fail("header lacks 'descr'");
    if (!fortran) fail("header lacks 'fortran_order'");
    if (!shape) fail("header lacks 'shape'");
    return {*dtype, *fortran, *shape};
  }

 private:
  [[noreturn]] void fail(const std::string& m) const {
    throw InputError(what_ + ": npy header: " + m);
  }
  void skipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  char peek() {
    skipSpace();
    return i_ < s_.size() ? s_[i_] : '\0';
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "' at byte " + std::to_string(i_));
    ++i_;
  }
  std::string quoted() {
    const char q = peek();
    if (q != '\'' && q != '"') fail("expected a quoted string at byte " + std::to_string(i_));
    const std::size_t end = s_.find(q, ++i_);
    if (end == std::string_view::npos) fail("unterminated string");
    std::string out(s_.substr(i_, end - i_));
    i_ = end + 1;
    return out;
  }
  bool boolean() {
    skipSpace();
    if (s_.substr(i_, 4) == "True") return i_ += 4, true;
    if (s_.substr(i_, 5) == "False") return i_ += 5, false;
    fail("'fortran_order' must be True or False");
  }
  std::vector<std::int64_t> tuple() {
    expect('(');
    std::vector<std::int64_t> dims;
    while (peek() != ')') {
      if (!std::isdigit(static_cast<unsigned char>(peek())))
        fail("'shape' must be a tuple of non-negative integers");
      std::int64_t v = 0;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
        if (v > (std::int64_t{1} << 50)) fail("'shape' entry too large");
        v = 10 * v + (s_[i_++] - '0');
      }
      dims.push_back(v);
      if (peek() == ',')
        ++i_;
      else if (peek() != ')')
        fail("expected ',' or ')' in 'shape'");
    }
    ++i_;
    return dims;
  }
  DType descr(const std::string& d) {
    if (d == "<f4") return DType::F32;
    if (d == "<f8") return DType::F64;
    if (d == "<i8") return DType::I64;
    if (!d.empty() && d[0] == '>')
      fail("'descr' " + d + " is big-endian; only little-endian is read");
    fail("'descr' " + d + " is not supported (expected <f4, <f8 or <i8)");
  }

  std::string_view s_;
  const std::string& what_;
  std::size_t i_ = 0;
};

// Fortran (column-major) element order to C (row-major) order, any number of dimensions.
std::vector<double> fortranToC(const std::vector<double>& f,
                               const std::vector<std::int64_t>& shape) {
  std::vector<double> c(f.size());
  const size_t d = shape.size();
  std::vector<std::int64_t> idx(d, 0);
  for (size_t k = 0; k < f.size(); ++k) {  // k runs in C order; idx is its multi-index
    std::int64_t off = 0, stride = 1;
    for (size_t a = 0; a < d; ++a) {
      off += idx[a] * stride;
      stride *= shape[a];
    }
    c[k] = f[static_cast<size_t>(off)];
    for (size_t a = d; a-- > 0;) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  return c;
}

}  // namespace

Tensor parseNpy(std::string_view b, const std::string& what) {
  if (b.size() < 10 || b.substr(0, 6) != kMagic)
    throw InputError(what + ": not a .npy file (no \\x93NUMPY magic)");
  const int major = static_cast<unsigned char>(b[6]);
  if (major < 1 || major > 3)
    throw InputError(what + ": npy version " + std::to_string(major) + "." +
                     std::to_string(static_cast<unsigned char>(b[7])) +
                     " is not supported (1, 2, 3)");
  const int lenBytes = major == 1 ? 2 : 4;
  if (b.size() < static_cast<size_t>(8 + lenBytes))
    throw InputError(what + ": truncated npy header");
  const std::size_t headerLen = readLe(b, 8, lenBytes);
  const std::size_t dataStart = 8 + static_cast<size_t>(lenBytes) + headerLen;
  if (dataStart > b.size())
    throw InputError(what + ": npy header length " + std::to_string(headerLen) +
                     " runs past the file");
  // Version 3.0 only allows UTF-8 in the header; the keys and values we accept are ASCII anyway.
  const auto h = HeaderParser(b.substr(8 + static_cast<size_t>(lenBytes), headerLen), what).parse();
  Tensor t;
  t.dtype = h.dtype;
  t.shape = h.shape;
  const std::int64_t n = checkedElements(t.shape, what);
  t.values = decodeLittleEndian(b.substr(dataStart), t.dtype, n, what);
  if (h.fortran && t.shape.size() > 1) t.values = fortranToC(t.values, t.shape);
  return t;
}

std::string formatNpy(const Tensor& t) {
  const char* descr = t.dtype == DType::F32 ? "<f4" : t.dtype == DType::F64 ? "<f8" : "<i8";
  std::string shape = "(";
  for (size_t k = 0; k < t.shape.size(); ++k)
    shape += std::to_string(t.shape[k]) + (t.shape.size() == 1      ? ","
                                           : k + 1 < t.shape.size() ? ", "
                                                                    : "");
  shape += ")";
  std::string header =
      "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': " + shape + ", }";
  const std::string data = encodeLittleEndian(t, "npy");
  // Pad so that magic + version + length + header is a multiple of 64 bytes, ending in '\n'.
  const bool v2 = header.size() + 1 + 10 > 65535;
  const std::size_t pre = v2 ? 12 : 10;
  header.append((64 - (pre + header.size() + 1) % 64) % 64, ' ');
  header.push_back('\n');
  std::string out(kMagic);
  out.push_back(static_cast<char>(v2 ? 2 : 1));
  out.push_back('\0');
  const std::size_t len = header.size();
  for (int k = 0; k < (v2 ? 4 : 2); ++k) out.push_back(static_cast<char>((len >> (8 * k)) & 0xff));
  return out + header + data;
}

Tensor readNpy(const std::string& path) { return parseNpy(readFileBytes(path), path); }

void writeNpy(const std::string& path, const Tensor& t) { writeFileAtomically(path, formatNpy(t)); }

}  // namespace lreg
