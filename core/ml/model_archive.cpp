#include "core/ml/model_archive.h"

#include "core/ml/tensor_util.h"

#include <stdexcept>

namespace dacl::ml {

std::string saveModel(const std::string& kind, const std::function<void(torch::serialize::OutputArchive&)>& write) {
    torch::serialize::OutputArchive archive;
    writeString(archive, "kind", kind);
    write(archive);
    return archiveToBytes(archive);
}

void loadModel(const std::string& bytes, const std::string& what, const std::string& kind,
               const std::function<void(torch::serialize::InputArchive&)>& read) {
    torch::serialize::InputArchive archive;
    archiveFromBytes(archive, bytes, what);
    try {
        if (readString(archive, "kind") != kind) throw std::invalid_argument(what + ": wrong kind of data");
        read(archive);
    } catch (const c10::Error& e) {
        throw std::invalid_argument(what + ": unreadable (" + e.what_without_backtrace() + ")");
    }
}

void writeModule(torch::serialize::OutputArchive& archive, const std::string& key, const torch::nn::Module& module) {
    torch::serialize::OutputArchive sub;
    module.save(sub);
    archive.write(key, sub);
}

void readModule(torch::serialize::InputArchive& archive, const std::string& key, torch::nn::Module& module,
                torch::Device device) {
    torch::serialize::InputArchive sub;
    archive.read(key, sub);
    // Archives hold CPU tensors: load on the CPU, then move to where the model runs.
    module.to(torch::kCPU);
    module.load(sub);
    module.to(device);
}

}  // namespace dacl::ml
