#pragma once
// Errors about input files: they always name the file and, where it applies, the line/field,
// so that a user can find and fix the bad input.
#include <stdexcept>
#include <string>

namespace dacl {

class InputError : public std::runtime_error {
public:
    InputError(std::string file, std::string reason, int line = 0)
        : std::runtime_error(compose(file, reason, line)),
          file_(std::move(file)), reason_(std::move(reason)), line_(line) {}
    const std::string& file() const { return file_; }
    const std::string& reason() const { return reason_; }
    int line() const { return line_; }  // 1-based; 0 when not about a line
    // The reason with its line, for places that show the file separately (problems panel).
    std::string located() const { return line_ > 0 ? "line " + std::to_string(line_) + ": " + reason_ : reason_; }

private:
    static std::string compose(const std::string& f, const std::string& r, int line) {
        return f + (line > 0 ? ":" + std::to_string(line) : std::string()) + ": " + r;
    }
    std::string file_, reason_;
    int line_;
};

// For results that carry (error, file) to a problems panel: an InputError gives its located
// reason and its own file; any other error gives its message and leaves `file` as the caller
// set it (the record or folder being worked on).
inline void describeError(const std::exception& e, std::string& error, std::string& file) {
    if (const auto* input = dynamic_cast<const InputError*>(&e)) {
        error = input->located();
        file = input->file();
    } else {
        error = e.what();
    }
}

}  // namespace dacl
