#pragma once
// The probability over time of a repr = sequence run, cut in latent space.
//
// A latent row (RunModel::latentMean of a span row) is a sequence:
//   [0] valid frames V  [1] frames L  [2] channels d  [3 ..) d x L values, channel-major
//   (channel c, frame t at 3 + c*L + t; frames past V are 0).
// The VAE encodes each frame on its own, so a frame's latent is the same whichever span shows
// it: the record's rows are encoded once, and every sliding span (10 s, hop 5 s by default) is
// a crop of the latent frames of the row that holds it, only as many frames long as a span can
// be. On a 24-hour recording this is a third of the VAE work of cutting feature frames and
// encoding each span again, and a third of the encoder's frames.
#include "core/ml/matrix.h"

#include <cstddef>
#include <vector>

namespace dacl::ml {

struct LatentRowLayout {
    static constexpr int kHeader = 3;
    static int valid(const float* row) { return static_cast<int>(row[0] + 0.5f); }
    static int frames(const float* row) { return static_cast<int>(row[1]); }
    static int channels(const float* row) { return static_cast<int>(row[2]); }
};

// Where the spans lie: span k is [startS[k], endS[k]) of the record; rows start at rowStartS
// (ascending) and hold frames every frameS seconds from their start.
struct SpanGrid {
    std::vector<double> startS, endS;
    std::vector<double> rowStartS;
    double frameS = 0;
    std::size_t size() const { return startS.size(); }
};

// Frames a crop needs: the most frame centres a span of the longest length can hold, at most
// the rows' own frame count.
int cropFrames(const SpanGrid& grid, int rowFrames);

// Latent crops of spans [first, last): span k takes the frames of the last row starting at or
// before its start whose centres lie inside it. A span that holds no frame (a sliver at the end)
// is one frame of `emptyFrame` (the d latent values of an all-zero feature frame), as an
// all-zero feature frame would have been encoded.
Matrix latentSpanCrops(const Matrix& latents, const SpanGrid& grid, std::size_t first, std::size_t last,
                       const std::vector<float>& emptyFrame);

}  // namespace dacl::ml
