#include "core/pipeline/rank_zero.h"

#include "core/common/json_text.h"

#include <stdexcept>
#include <string>

namespace dacl::ml {

nlohmann::json decidedByRankZero(DistributedGroup& group, const std::function<nlohmann::json()>& decide) {
    if (group.rank() == 0) {
        nlohmann::json answer;
        try {
            answer = {{"decision", decide()}};
        } catch (const std::exception& e) {
            group.broadcastBytes(jsonText(nlohmann::json{{"error", e.what()}}));
            throw;
        }
        group.broadcastBytes(jsonText(answer));
        return answer.at("decision");
    }
    const nlohmann::json answer = nlohmann::json::parse(group.broadcastBytes({}));
    if (answer.contains("error"))
        throw std::runtime_error("rank 0 of " + std::to_string(group.worldSize()) + " failed: " +
                                 answer.at("error").get<std::string>());
    return answer.at("decision");
}

}  // namespace dacl::ml
