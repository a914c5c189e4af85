#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <random>

#include "lreg/common/status.h"
#include "lreg/io/npy.h"
#include "lreg/io/safetensors.h"

using namespace lreg;

namespace {

const std::string kFixtures = LREG_TEST_DATA_DIR "/tensors/";

Tensor randomTensor(DType dtype, std::vector<std::int64_t> shape, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> g;
  Tensor t;
  t.dtype = dtype;
  t.shape = std::move(shape);
  t.values.resize(static_cast<size_t>(t.elements()));
  for (double& v : t.values) {
    v = dtype == DType::I64 ? std::round(1000 * g(rng)) : g(rng);
    if (dtype == DType::F32) v = static_cast<float>(v);  // exactly representable after the trip
  }
  return t;
}

void expectSame(const Tensor& a, const Tensor& b) {
  EXPECT_EQ(a.dtype, b.dtype);
  EXPECT_EQ(a.shape, b.shape);
  ASSERT_EQ(a.values.size(), b.values.size());
  for (size_t i = 0; i < a.values.size(); ++i)
    EXPECT_EQ(a.values[i], b.values[i]) << "element " << i;
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST(Npy, RoundTripsEveryDtypeAndRankBitExactly) {
  int seed = 1;
  for (DType d : {DType::F32, DType::F64, DType::I64})
    for (const auto& shape :
         std::vector<std::vector<std::int64_t>>{{}, {0}, {7}, {3, 5}, {2, 3, 4}}) {
      const Tensor t = randomTensor(d, shape, static_cast<std::uint64_t>(seed++));
      const std::string bytes = formatNpy(t);
      EXPECT_EQ((bytes.size() - t.values.size() * byteSize(d)) % 64, 0u)
          << "header not padded to 64";
      expectSame(parseNpy(bytes, "mem"), t);
    }
}

TEST(Npy, ReadsFortranOrderAndVersion3HeadersWrittenElsewhere) {
  const Tensor f = readNpy(kFixtures + "fortran_f8.npy");
  ASSERT_EQ(f.shape, (std::vector<std::int64_t>{2, 3}));
  const Eigen::MatrixXd m = f.matrix();
  Eigen::MatrixXd expected(2, 3);
  expected << 1, 2, 3, 4, 5, 6;
  EXPECT_EQ(m, expected);
  const Tensor v3 = readNpy(kFixtures + "v3_f4.npy");
  EXPECT_EQ(v3.dtype, DType::F32);
  ASSERT_EQ(v3.values.size(), 4u);
  EXPECT_EQ(v3.values[1], -1.25);
  EXPECT_EQ(v3.values[3], static_cast<double>(1e-3f));
}

TEST(Npy, MalformedHeadersNameTheField) {
  const std::string good = formatNpy(randomTensor(DType::F64, {2, 2}, 3));
  auto with = [&](const std::string& from, const std::string& to) {
    std::string b = good;
    const auto at = b.find(from);
    EXPECT_NE(at, std::string::npos);
    b.replace(at, from.size(), to);
    return b;
  };
  EXPECT_NE(errorOf([&] { parseNpy(with("<f8", ">f8"), "x.npy"); }).find("big-endian"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { parseNpy(with("<f8", "<c8"), "x.npy"); }).find("'descr'"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              parseNpy(with("'shape'", "'shope'"), "x.npy");
            }).find("unknown header key 'shope'"),
            std::string::npos);
  EXPECT_NE(
      errorOf([&] { parseNpy(with("(2, 2)", "(2, 3)"), "x.npy"); }).find("x.npy: data is 32 bytes"),
      std::string::npos);
  EXPECT_NE(errorOf([&] { parseNpy(good.substr(0, 5), "x.npy"); }).find("magic"),
            std::string::npos);
  std::string v9 = good;
  v9[6] = 9;
  EXPECT_NE(errorOf([&] { parseNpy(v9, "x.npy"); }).find("version 9"), std::string::npos);
}

TEST(Npy, LabelsBeyondTwoToThe53AreRefusedNotRounded) {
  Tensor t;
  t.dtype = DType::I64;
  t.shape = {1};
  t.values = {0};
  std::string b = formatNpy(t);
  const std::int64_t big = (std::int64_t{1} << 53) + 1;
  std::memcpy(b.data() + b.size() - 8, &big, 8);
  EXPECT_NE(errorOf([&] { parseNpy(b, "labels.npy"); }).find("not exactly representable"),
            std::string::npos);
}

TEST(Npz, ReadsDeflatedZip64MembersAndStoredOnes) {
  for (const char* name : {"zip64_deflated.npz", "zip64_records.npz"}) {
    const TensorMap m = readNpz(kFixtures + name);
    ASSERT_EQ(m.size(), 2u) << name;
    EXPECT_EQ(m.at("labels").values, (std::vector<double>{0, 9, 3, 3, 7})) << name;
    EXPECT_EQ(m.at("features").matrix()(2, 1), 0.6) << name;
  }
  EXPECT_EQ(readNpz(kFixtures + "stored.npz").at("labels").values.size(), 5u);
}

TEST(Npz, RoundTripsStoredAndDeflatedAndDetectsCorruption) {
  const TensorMap in{{"features", randomTensor(DType::F32, {40, 8}, 4)},
                     {"labels", randomTensor(DType::I64, {40}, 5)}};
  for (bool deflate : {false, true}) {
    const std::string bytes = formatNpz(in, deflate);
    const TensorMap out = parseNpz(bytes, "a.npz");
    ASSERT_EQ(out.size(), 2u);
    expectSame(out.at("features"), in.at("features"));
    expectSame(out.at("labels"), in.at("labels"));
    std::string bad = bytes;
    bad[60] = static_cast<char>(bad[60] ^ 0x5a);  // inside the first member's data
    EXPECT_NE(errorOf([&] { parseNpz(bad, "a.npz"); }).find("a.npz:features.npy"),
              std::string::npos);
  }
  EXPECT_NE(errorOf([&] { parseNpz("not a zip at all, just text", "t.npz"); }).find("not a zip"),
            std::string::npos);
}

// Found by fuzz_tensors: a member whose central-directory name is empty was read as the tensor ""
// and written back as ".npy", which reads as the tensor ".npy".
TEST(Npz, MembersAndTensorsNeedNames) {
  EXPECT_NE(errorOf([&] { readNpz(kFixtures + "member_without_name.npz"); }).find("has no name"),
            std::string::npos);
  EXPECT_NE(errorOf([&] {
              formatNpz({{"", randomTensor(DType::F64, {2}, 1)}});
            }).find("no name"),
            std::string::npos);
}

TEST(Safetensors, RoundTripsWithMetadataAndAlignedBuffer) {
  const TensorMap in{{"logits", randomTensor(DType::F32, {6, 10}, 6)},
                     {"features", randomTensor(DType::F64, {6, 3}, 7)},
                     {"labels", randomTensor(DType::I64, {6}, 8)}};
  const std::string bytes = formatSafetensors(in, {{"source", "test"}});
  std::uint64_t n = 0;
  std::memcpy(&n, bytes.data(), 8);
  EXPECT_EQ(n % 8, 0u);
  const Safetensors out = parseSafetensors(bytes, "m.safetensors");
  EXPECT_EQ(out.metadata.at("source"), "test");
  for (const auto& [k, t] : in) expectSame(out.tensors.at(k), t);
}

TEST(Safetensors, OffsetsMustTileTheBufferExactly) {
  auto file = [](const std::string& header, std::size_t buffer) {
    std::string out(8, '\0');
    const std::uint64_t n = header.size();
    std::memcpy(out.data(), &n, 8);
    return out + header + std::string(buffer, '\0');
  };
  const std::string a = R"("a":{"dtype":"F64","shape":[2],"data_offsets":[0,16]})";
  EXPECT_NO_THROW(parseSafetensors(file("{" + a + "}", 16), "s"));
  EXPECT_NE(errorOf([&] { parseSafetensors(file("{" + a + "}", 24), "s"); }).find("not covered"),
            std::string::npos);
  const std::string overlap = R"("b":{"dtype":"F64","shape":[1],"data_offsets":[8,16]})";
  EXPECT_NE(errorOf([&] {
              parseSafetensors(file("{" + a + "," + overlap + "}", 16), "s");
            }).find("overlap"),
            std::string::npos);
  const std::string gap = R"("b":{"dtype":"F64","shape":[1],"data_offsets":[24,32]})";
  EXPECT_NE(
      errorOf([&] { parseSafetensors(file("{" + a + "," + gap + "}", 32), "s"); }).find("gap"),
      std::string::npos);
  const std::string shape = R"("a":{"dtype":"F64","shape":[3],"data_offsets":[0,16]})";
  EXPECT_NE(errorOf([&] { parseSafetensors(file("{" + shape + "}", 16), "s"); }).find("tensor 'a'"),
            std::string::npos);
  const std::string dtype = R"("a":{"dtype":"BF16","shape":[8],"data_offsets":[0,16]})";
  EXPECT_NE(
      errorOf([&] { parseSafetensors(file("{" + dtype + "}", 16), "s"); }).find("field 'dtype'"),
      std::string::npos);
  EXPECT_NE(errorOf([&] {
              parseSafetensors(std::string("\xff\xff\xff\xff\0\0\0\0{}", 10), "s");
            }).find("runs past"),
            std::string::npos);
}

TEST(TensorFiles, WritesAtomicallyAndDispatchesOnTheExtension) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("lreg_tensor_io_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const TensorMap in{{"x", randomTensor(DType::F64, {3, 2}, 9)}};
  for (const char* ext : {".npy", ".npz", ".safetensors"}) {
    const std::string path = (dir / (std::string("x") + ext)).string();
    writeTensors(path, in);
    expectSame(readTensors(path).at("x"), in.at("x"));
  }
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << "temporary file left behind";
  EXPECT_NE(errorOf([&] { readTensors((dir / "x.pt").string()); }).find("unknown tensor file type"),
            std::string::npos);
  fs::remove_all(dir);
}
