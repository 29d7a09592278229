#pragma once
// "Only the newest request counts" for work that the caller runs itself (StoreThread::post):
//
//   const int ticket = requests_.next();
//   store_->post(this, job, [this, ticket](Rows rows) { if (requests_.isLatest(ticket)) show(rows); }, ...);
//
// LatestLoader (latest_loader.h) does the same for work on a thread pool.

namespace dacl::ui {

class LatestRequest {
public:
    int next() { return ++latest_; }
    bool isLatest(int ticket) const { return ticket == latest_; }
    void drop() { ++latest_; }  // the pending request's result is not wanted any more

private:
    int latest_ = 0;
};

}  // namespace dacl::ui
