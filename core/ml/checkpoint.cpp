#include "core/ml/checkpoint.h"

#include "core/common/error.h"
#include "core/ml/tensor_util.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace dacl::ml {

namespace {
constexpr std::int64_t kFormatVersion = 1;

void checkKind(torch::serialize::InputArchive& a, const std::string& kind) {
    std::string found;
    try {
        found = readString(a, "kind");
    } catch (const c10::Error&) {
        throw std::invalid_argument("checkpoint: not a DACL checkpoint (no 'kind')");
    }
    if (found != kind)
        throw std::invalid_argument("checkpoint: expected a '" + kind + "' checkpoint, found '" + found + "'");
    const torch::Tensor v = readTensor(a, "format_version");
    if (v.item<std::int64_t>() > kFormatVersion)
        throw std::invalid_argument("checkpoint: format version " + std::to_string(v.item<std::int64_t>()) +
                                    " is newer than this program understands");
}
}  // namespace

std::string saveCheckpoint(const std::string& kind, const torch::nn::Module& model,
                           const torch::optim::Optimizer& optimizer, const CheckpointState& s) {
    torch::serialize::OutputArchive a;
    writeString(a, "kind", kind);
    a.write("format_version", torch::tensor(kFormatVersion));
    a.write("epoch", torch::tensor(s.epoch));
    a.write("step", torch::tensor(s.step));
    writeString(a, "rng", s.rngState);
    writeString(a, "settings", s.settings);
    writeDoubles(a, "history", s.history);
    if (s.generatorState.defined()) a.write("generator", s.generatorState);
    torch::serialize::OutputArchive m, o;
    model.save(m);
    optimizer.save(o);
    a.write("model", m);
    a.write("optimizer", o);
    return archiveToBytes(a);
}

CheckpointState loadCheckpoint(const std::string& kind, const std::string& bytes,
                               torch::nn::Module& model, torch::optim::Optimizer& optimizer,
                               torch::Device device) {
    torch::serialize::InputArchive a;
    archiveFromBytes(a, bytes, "checkpoint", device);
    checkKind(a, kind);
    CheckpointState s;
    try {
        s.epoch = readTensor(a, "epoch").item<std::int64_t>();
        s.step = readTensor(a, "step").item<std::int64_t>();
        s.rngState = readString(a, "rng");
        s.settings = readString(a, "settings");
        s.history = readDoubles(a, "history");
        torch::Tensor g;
        if (a.try_read("generator", g)) s.generatorState = g.to(torch::kCPU).contiguous();
        torch::serialize::InputArchive m, o;
        a.read("model", m);
        a.read("optimizer", o);
        model.load(m);
        optimizer.load(o);
    } catch (const c10::Error& e) {
        throw std::invalid_argument("checkpoint does not match this model: " +
                                    std::string(e.what_without_backtrace()));
    }
    return s;
}

std::string checkpointSettings(const std::string& kind, const std::string& bytes) {
    torch::serialize::InputArchive a;
    archiveFromBytes(a, bytes, "checkpoint");
    checkKind(a, kind);
    return readString(a, "settings");
}

void writeBytesFile(const std::string& path, const std::string& bytes) {
    // Write to a temporary name and rename, so that a crash never leaves a torn checkpoint.
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f) throw InputError(path, "cannot open for writing");
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) throw InputError(path, "write failed (disk full?)");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw InputError(path, "cannot replace file");
}

std::string readBytesFile(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw InputError(path, "cannot open for reading");
    std::ostringstream os;
    os << f.rdbuf();
    if (os.str().empty()) throw InputError(path, "file is empty");
    return os.str();
}

}  // namespace dacl::ml
