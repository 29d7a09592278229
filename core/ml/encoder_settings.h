#pragma once
// Size and options of the time-conditioned U-Net encoder (method.md §6), torch-free so that
// settings forms and config files can hold it.
namespace dacl::ml {

struct EncoderSettings {
    int baseWidth = 32;          // channels of the first level; the down path is c → 2c → 4c
    int timeEmbedDim = 64;       // sinusoidal embedding size (and width of its MLP)
    bool timeConditioning = true;  // false: baseline without timestep conditioning (§9.5)
    int projectionDim = 128;     // output of the projection head (fed to the loss only)
    int groups = 8;              // GroupNorm groups (reduced to a divisor of the channel count)
    // A learned embedding of the latent dimension's index, added after the stem. The latent's
    // dimensions are unordered features, not time samples: without it, convolutions plus global
    // average pooling see mostly position-free statistics of z, and h loses which dimension said what.
    bool positional = false;
};

}  // namespace dacl::ml
