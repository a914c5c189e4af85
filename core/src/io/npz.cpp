// .npz archives: a zip file of .npy members. The reader walks the central directory (zip64
// records included, as numpy writes them for large arrays) and takes stored or deflated members,
// checking each member's CRC-32; the writer emits a plain zip (stored or deflated).
#include <zlib.h>

#include <limits>

#include "lreg/common/status.h"
#include "lreg/io/npy.h"

namespace lreg {

namespace {

constexpr std::uint32_t kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr std::uint32_t kZip64EndSig = 0x06064b50, kZip64LocatorSig = 0x07064b50;

class Reader {
 public:
  Reader(std::string_view b, const std::string& what) : b_(b), what_(what) {}
  std::uint64_t le(std::size_t at, int bytes) const {
    if (at > b_.size() || b_.size() - at < static_cast<size_t>(bytes))
      throw InputError(what_ + ": zip record at byte " + std::to_string(at) +
                       " runs past the file");
    std::uint64_t v = 0;
    for (int k = bytes - 1; k >= 0; --k)
      v = (v << 8) | static_cast<unsigned char>(b_[at + static_cast<size_t>(k)]);
    return v;
  }
  std::string_view slice(std::uint64_t at, std::uint64_t len, const std::string& field) const {
    if (at > b_.size() || b_.size() - at < len)
      throw InputError(what_ + ": " + field + " runs past the end of the archive");
    return b_.substr(static_cast<size_t>(at), static_cast<size_t>(len));
  }
  std::size_t size() const { return b_.size(); }

 private:
  std::string_view b_;
  const std::string& what_;
};

struct Entry {
  std::string name;
  int method = 0;
  std::uint32_t crc = 0;
  std::uint64_t csize = 0, usize = 0, offset = 0;
};

std::string inflateRaw(std::string_view in, std::uint64_t usize, const std::string& what) {
  // Deflate expands at most ~1032:1; a larger claim is a corrupt (or hostile) directory.
  if (usize > 1032 * static_cast<std::uint64_t>(in.size()) + 1024 || in.size() > 0xffffffffu)
    throw InputError(what + ": member claims " + std::to_string(usize) + " bytes from " +
                     std::to_string(in.size()) + " deflated bytes (corrupt directory)");
  std::string out(static_cast<size_t>(usize), '\0');
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw InputError(what + ": zlib inflateInit failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const auto produced = z.total_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || produced != usize)
    throw InputError(what + ": deflated data is corrupt or its size is not the " +
                     std::to_string(usize) + " bytes the directory states");
  return out;
}

std::vector<Entry> centralDirectory(const Reader& r, const std::string& what) {
  // The end record is within the last 64 KiB + 22 bytes (its comment is at most 65535 bytes).
  if (r.size() < 22) throw InputError(what + ": not a zip archive (too short)");
  std::size_t end = std::string_view::npos;
  const std::size_t lowest = r.size() > 65557 ? r.size() - 65557 : 0;
  for (std::size_t at = r.size() - 22 + 1; at-- > lowest;)
    if (r.le(at, 4) == kEndSig) {
      end = at;
      break;
    }
  if (end == std::string_view::npos)
    throw InputError(what + ": not a zip archive (no end of central directory)");
  std::uint64_t count = r.le(end + 10, 2), cdSize = r.le(end + 12, 4), cdOffset = r.le(end + 16, 4);
  if (count == 0xffff || cdSize == 0xffffffff || cdOffset == 0xffffffff) {
    if (end < 20 || r.le(end - 20, 4) != kZip64LocatorSig)
      throw InputError(what + ": zip64 sizes without a zip64 end-of-directory locator");
    const std::uint64_t z = r.le(end - 20 + 8, 8);
    if (r.le(static_cast<size_t>(z), 4) != kZip64EndSig)
      throw InputError(what + ": zip64 end-of-directory record missing at byte " +
                       std::to_string(z));
    count = r.le(static_cast<size_t>(z) + 32, 8);
    cdSize = r.le(static_cast<size_t>(z) + 40, 8);
    cdOffset = r.le(static_cast<size_t>(z) + 48, 8);
  }
  if (cdOffset > r.size() || r.size() - cdOffset < cdSize)
    throw InputError(what + ": central directory runs past the file");
  std::vector<Entry> entries;
  std::size_t at = static_cast<size_t>(cdOffset);
  for (std::uint64_t k = 0; k < count; ++k) {
    if (r.le(at, 4) != kCentralSig)
      throw InputError(what + ": central directory entry " + std::to_string(k) + " is corrupt");
    Entry e;
    const auto flags = r.le(at + 8, 2);
    if (flags & 1) throw InputError(what + ": encrypted members are not supported");
    e.method = static_cast<int>(r.le(at + 10, 2));
    e.crc = static_cast<std::uint32_t>(r.le(at + 16, 4));
    e.csize = r.le(at + 20, 4);
    e.usize = r.le(at + 24, 4);
    const auto nameLen = r.le(at + 28, 2), extraLen = r.le(at + 30, 2),
               commentLen = r.le(at + 32, 2);
    e.offset = r.le(at + 42, 4);
    e.name = std::string(r.slice(at + 46, nameLen, "member name"));
    // Zip64 extra field (id 1): the 8-byte values, in this order, of the fields that read
    // 0xffffffff.
    std::size_t x = at + 46 + nameLen;
    const std::size_t xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const auto id = r.le(x, 2), len = r.le(x + 2, 2);
      if (id == 1) {
        std::size_t y = x + 4;
        if (e.usize == 0xffffffff) e.usize = r.le(y, 8), y += 8;
        if (e.csize == 0xffffffff) e.csize = r.le(y, 8), y += 8;
        if (e.offset == 0xffffffff) e.offset = r.le(y, 8);
      }
      x += 4 + len;
    }
    entries.push_back(std::move(e));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

void putLe(std::string& out, std::uint64_t v, int bytes) {
  for (int k = 0; k < bytes; ++k) out.push_back(static_cast<char>((v >> (8 * k)) & 0xff));
}

std::string deflateRaw(const std::string& in) {
  z_stream z{};
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    throw NumericalError("zlib deflateInit failed");
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw NumericalError("zlib deflate failed");
  return out;
}

}  // namespace

TensorMap parseNpz(std::string_view bytes, const std::string& what) {
  const Reader r(bytes, what);
  TensorMap out;
  for (const Entry& e : centralDirectory(r, what)) {
    const std::string member = what + ":" + e.name;
    if (e.name.empty()) throw InputError(what + ": a member has no name (it names the tensor)");
    if (r.le(static_cast<size_t>(e.offset), 4) != kLocalSig)
      throw InputError(member + ": local header missing at byte " + std::to_string(e.offset));
    const auto nameLen = r.le(static_cast<size_t>(e.offset) + 26, 2);
    const auto extraLen = r.le(static_cast<size_t>(e.offset) + 28, 2);
    const std::string_view raw =
        r.slice(e.offset + 30 + nameLen + extraLen, e.csize, member + " data");
    std::string data;
    if (e.method == 0) {
      if (e.csize != e.usize) throw InputError(member + ": stored member with differing sizes");
      data = std::string(raw);
    } else if (e.method == 8) {
      data = inflateRaw(raw, e.usize, member);
    } else {
      throw InputError(member + ": compression method " + std::to_string(e.method) +
                       " is not supported (stored or deflated)");
    }
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    if (crc != e.crc) throw InputError(member + ": CRC-32 mismatch (corrupt archive)");
    std::string name = e.name;
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
      name.resize(name.size() - 4);
    if (out.count(name)) throw InputError(member + ": tensor '" + name + "' appears twice");
    out.emplace(name, parseNpy(data, member));
  }
  return out;
}

std::string formatNpz(const TensorMap& tensors, bool deflate) {
  std::string out, directory;
  std::uint64_t count = 0;
  for (const auto& [name, t] : tensors) {
    if (name.empty()) throw InputError("npz: a tensor has no name");
    const std::string file = name + ".npy";
    const std::string data = formatNpy(t);
    const std::string packed = deflate ? deflateRaw(data) : data;
    if (packed.size() >= 0xffffffffu || data.size() >= 0xffffffffu || out.size() >= 0xffffffffu)
      throw InputError(file + ": over 4 GiB; write .safetensors for tensors this large");
    const auto crc =
        crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    const std::uint64_t offset = out.size();
    const int method = deflate ? 8 : 0;
    // Local header, then the central directory entry describing the same member.
    putLe(out, kLocalSig, 4);
    putLe(out, 20, 2);
    putLe(out, 0, 2);
    putLe(out, static_cast<std::uint64_t>(method), 2);
    putLe(out, 0, 2);
    putLe(out, 0x21, 2);
    putLe(out, crc, 4);
    putLe(out, packed.size(), 4);
    putLe(out, data.size(), 4);
    putLe(out, file.size(), 2);
    putLe(out, 0, 2);
    out += file;
    out += packed;
    putLe(directory, kCentralSig, 4);
    putLe(directory, 20, 2);
    putLe(directory, 20, 2);
    putLe(directory, 0, 2);
    putLe(directory, static_cast<std::uint64_t>(method), 2);
    putLe(directory, 0, 2);
    putLe(directory, 0x21, 2);
    putLe(directory, crc, 4);
    putLe(directory, packed.size(), 4);
    putLe(directory, data.size(), 4);
    putLe(directory, file.size(), 2);
    putLe(directory, 0, 2);
    putLe(directory, 0, 2);
    putLe(directory, 0, 2);
    putLe(directory, 0, 2);
    putLe(directory, 0, 4);
    putLe(directory, offset, 4);
    directory += file;
    ++count;
  }
  if (count >= 0xffff) throw InputError("npz: too many members for a plain zip");
  const std::uint64_t cdOffset = out.size();
  out += directory;
  putLe(out, kEndSig, 4);
  putLe(out, 0, 2);
  putLe(out, 0, 2);
  putLe(out, count, 2);
  putLe(out, count, 2);
  putLe(out, directory.size(), 4);
  putLe(out, cdOffset, 4);
  putLe(out, 0, 2);
  return out;
}

TensorMap readNpz(const std::string& path) { return parseNpz(readFileBytes(path), path); }

void writeNpz(const std::string& path, const TensorMap& tensors, bool deflate) {
  writeFileAtomically(path, formatNpz(tensors, deflate));
}

}  // namespace lreg
