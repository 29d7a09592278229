#pragma once
// The classification tasks of the protocol (method.md §8) on PhysioNet/CinC 2017 class letters
// N (normal), A (atrial fibrillation), O (other rhythm), ~ (noisy).
//
//   af_vs_rest          A = 1 vs N, O, ~ = 0            (primary task)
//   af_vs_normal        A = 1 vs N = 0; O and ~ excluded
//   normal_vs_abnormal  A, O, ~ = 1 (abnormal) vs N = 0 — the finding to detect is the positive class
//   challenge4          N = 0, A = 1, O = 2, ~ = 3; scored by mean F1 of N, A, O (challengeF1)
#include <optional>
#include <string>
#include <vector>

namespace dacl::eval {

// Class codes of challenge4 (and of the strata used for folds).
inline constexpr int kClassN = 0, kClassA = 1, kClassO = 2, kClassNoisy = 3;

struct TaskInfo {
    std::string name;
    std::string description;
    int classes;                // 2 for binary tasks, 4 for challenge4
    std::string positiveClass;  // binary tasks: name of label 1; empty for challenge4
};

// Task names in the order they are documented.
const std::vector<std::string>& taskNames();

// Throws std::invalid_argument naming the unknown task and listing the valid ones.
const TaskInfo& taskInfo(const std::string& task);
inline bool isBinaryTask(const std::string& task) { return taskInfo(task).classes == 2; }

// Class code of a letter (N, A, O, ~) in challenge4 coding; std::invalid_argument for others.
int classCode(const std::string& classLetter);

// Label of a record with the given class letter under a task; std::nullopt when the task excludes
// the record (af_vs_normal: O and ~). Throws std::invalid_argument for an unknown task or letter.
std::optional<int> taskLabel(const std::string& task, const std::string& classLetter);

}  // namespace dacl::eval
