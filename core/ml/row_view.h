#pragma once
// Rows of a feature table read in place: the table's first float, its row width and, for a subset,
// the table rows it picks. Folds select their records by index instead of copying the matrix (the
// full data set's table is ~1.1 GB, memory-mapped from the feature cache). A view owns no floats:
// whatever holds the table (a Matrix, WindowTable::storage) must outlive it.
#include "core/ml/matrix.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace dacl::ml {

// What holds a table's rows. A memory-mapped table lets go of the pages read so far when asked
// (they stay in the page cache and come back on the next read), so that a pass over every row of
// a large table does not leave them all resident in the process.
class RowStorage {
public:
    virtual ~RowStorage() = default;
    virtual void release() const {}
};

class RowView {
public:
    RowView() = default;
    // Every row of `m` (implicit: a Matrix goes wherever a view is read).
    RowView(const Matrix& m) : base_(m.data.data()), tableRows_(m.rows), cols_(m.cols), count_(m.rows) {}  // NOLINT
    // Every row of `tableRows` x `cols` floats at `base`, held by `storage` (may be null).
    RowView(const float* base, std::size_t tableRows, std::size_t cols, const RowStorage* storage = nullptr)
        : base_(base), tableRows_(tableRows), cols_(cols), count_(tableRows), storage_(storage) {}

    std::size_t rows() const { return count_; }
    std::size_t cols() const { return cols_; }
    bool empty() const { return count_ == 0; }
    // Row i of this view (unchecked, like Matrix::row).
    const float* row(std::size_t i) const { return base_ + tableRow(i) * cols_; }
    float operator()(std::size_t r, std::size_t c) const { return row(r)[c]; }
    // The table row that row i of this view reads.
    std::size_t tableRow(std::size_t i) const { return index_ ? (*index_)[i] : i; }

    // Rows `index` of this view, in that order. Throws std::out_of_range for an index past rows().
    RowView select(const std::vector<std::size_t>& index) const {
        auto picked = std::make_shared<std::vector<std::size_t>>();
        picked->reserve(index.size());
        for (std::size_t i : index) {
            if (i >= count_)
                throw std::out_of_range("RowView::select: row " + std::to_string(i) + " of " + std::to_string(count_));
            picked->push_back(tableRow(i));
        }
        RowView v(base_, tableRows_, cols_, storage_);
        v.count_ = picked->size();
        v.index_ = std::move(picked);
        return v;
    }
    // Rows [begin, end) of this view (for reading in chunks).
    RowView slice(std::size_t begin, std::size_t end) const {
        if (begin > end || end > count_)
            throw std::out_of_range("RowView::slice: [" + std::to_string(begin) + ", " + std::to_string(end) + ") of " +
                                    std::to_string(count_));
        std::vector<std::size_t> idx(end - begin);
        for (std::size_t i = begin; i < end; ++i) idx[i - begin] = i;
        return select(idx);
    }
    // Passes over many rows call this every few hundred rows: a mapped table drops the pages
    // read so far from the process's resident memory.
    void releasePages() const {
        if (storage_) storage_->release();
    }
    // A copy of the rows (for models that take a dense matrix: the pooled representation's).
    Matrix toMatrix() const {
        Matrix out(count_, cols_);
        for (std::size_t i = 0; i < count_; ++i) std::copy_n(row(i), cols_, out.row(i));
        return out;
    }

private:
    const float* base_ = nullptr;
    std::size_t tableRows_ = 0, cols_ = 0, count_ = 0;
    std::shared_ptr<const std::vector<std::size_t>> index_;  // null: table rows 0..count_-1
    const RowStorage* storage_ = nullptr;
};

}  // namespace dacl::ml
