#include "core/eval/tasks.h"

#include <stdexcept>

namespace dacl::eval {
namespace {

const std::vector<TaskInfo>& allTasks() {
    static const std::vector<TaskInfo> tasks{
        {"af_vs_rest", "atrial fibrillation (A) vs normal, other and noisy (N, O, ~)", 2, "A"},
        {"af_vs_normal", "atrial fibrillation (A) vs normal (N); O and ~ excluded", 2, "A"},
        {"normal_vs_abnormal", "abnormal (A, O, ~) vs normal (N)", 2, "abnormal"},
        {"challenge4", "4 classes N, A, O, ~ scored by the mean F1 of N, A and O", 4, ""},
    };
    return tasks;
}

}  // namespace

const std::vector<std::string>& taskNames() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (const TaskInfo& t : allTasks()) n.push_back(t.name);
        return n;
    }();
    return names;
}

const TaskInfo& taskInfo(const std::string& task) {
    for (const TaskInfo& t : allTasks())
        if (t.name == task) return t;
    std::string valid;
    for (const std::string& n : taskNames()) valid += (valid.empty() ? "" : ", ") + n;
    throw std::invalid_argument("unknown task '" + task + "' (valid tasks: " + valid + ")");
}

int classCode(const std::string& classLetter) {
    if (classLetter == "N") return kClassN;
    if (classLetter == "A") return kClassA;
    if (classLetter == "O") return kClassO;
    if (classLetter == "~") return kClassNoisy;
    throw std::invalid_argument("unknown class '" + classLetter + "' (expected N, A, O or ~)");
}

std::optional<int> taskLabel(const std::string& task, const std::string& classLetter) {
    const TaskInfo& info = taskInfo(task);
    const int c = classCode(classLetter);
    if (info.name == "af_vs_rest") return c == kClassA ? 1 : 0;
    if (info.name == "af_vs_normal") {
        if (c == kClassA) return 1;
        if (c == kClassN) return 0;
        return std::nullopt;
    }
    if (info.name == "normal_vs_abnormal") return c == kClassN ? 0 : 1;
    return c;  // challenge4
}

}  // namespace dacl::eval
