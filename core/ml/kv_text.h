#pragma once
// Settings as "key=value" lines (internal): stored inside model files so that a saved model can
// be rebuilt, and readable by a person looking at a checkpoint.
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

namespace dacl::ml {

class KvText {
public:
    KvText() = default;
    static KvText parse(const std::string& text) {
        KvText kv;
        std::istringstream is(text);
        std::string line;
        while (std::getline(is, line)) {
            const auto eq = line.find('=');
            if (eq != std::string::npos) kv.values_[line.substr(0, eq)] = line.substr(eq + 1);
        }
        return kv;
    }
    template <typename T>
    void set(const std::string& key, const T& v) {
        std::ostringstream os;
        os.precision(17);
        os << v;
        values_[key] = os.str();
    }
    void set(const std::string& key, const std::string& v) { values_[key] = v; }
    std::string text() const {
        std::string out;
        for (const auto& [k, v] : values_) out += k + "=" + v + "\n";
        return out;
    }
    bool has(const std::string& key) const { return values_.count(key) != 0; }
    std::string str(const std::string& key) const {
        auto it = values_.find(key);
        if (it == values_.end()) throw std::invalid_argument("stored settings lack '" + key + "'");
        return it->second;
    }
    double num(const std::string& key) const { return std::stod(str(key)); }
    long long integer(const std::string& key) const { return std::stoll(str(key)); }
    unsigned long long uinteger(const std::string& key) const { return std::stoull(str(key)); }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace dacl::ml
