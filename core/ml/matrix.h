#pragma once
// A dense row-major float matrix: the torch-free currency between the ML components and the
// rest of DACL Studio (features, latents, embeddings, probabilities). Rows are samples.
#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::ml {

struct Matrix {
    std::size_t rows = 0;
    std::size_t cols = 0;
    std::vector<float> data;  // rows * cols values, row after row

    Matrix() = default;
    Matrix(std::size_t r, std::size_t c, float fill = 0.0f) : rows(r), cols(c), data(r * c, fill) {}
    Matrix(std::size_t r, std::size_t c, std::vector<float> values)
        : rows(r), cols(c), data(std::move(values)) {
        if (data.size() != r * c)
            throw std::invalid_argument("Matrix: " + std::to_string(data.size()) +
                                        " values for " + std::to_string(r) + "x" +
                                        std::to_string(c));
    }

    float& operator()(std::size_t r, std::size_t c) { return data[r * cols + c]; }
    float operator()(std::size_t r, std::size_t c) const { return data[r * cols + c]; }
    const float* row(std::size_t r) const { return data.data() + r * cols; }
    float* row(std::size_t r) { return data.data() + r * cols; }
    bool empty() const { return rows == 0; }

    // The rows named by `index`, in that order (for folds and splits).
    Matrix selectRows(const std::vector<std::size_t>& index) const {
        Matrix out(index.size(), cols);
        for (std::size_t i = 0; i < index.size(); ++i) {
            if (index[i] >= rows) throw std::out_of_range("Matrix::selectRows: row out of range");
            std::copy(row(index[i]), row(index[i]) + cols, out.row(i));
        }
        return out;
    }
};

}  // namespace dacl::ml
