#include "ui/loaders/store_thread.h"

#include <QThread>

namespace dacl::ui {

store::ResultsStore& StoreWorker::connection(const QString& path, bool reopen) {
    if (!store_ || path != path_ || reopen) {
        store_.reset();
        store::OpenOptions options;
        options.create = false;  // a viewer never creates an empty results file by mistake
        store_ = std::make_unique<store::ResultsStore>(path.toStdString(), options);
        path_ = path;
    }
    return *store_;
}

StoreThread::StoreThread(QObject* parent) : QObject(parent) {
    thread_ = new QThread(this);
    thread_->setObjectName(QStringLiteral("results-store reader"));
    worker_ = new StoreWorker;
    worker_->moveToThread(thread_);
    thread_->start();
}

StoreThread::~StoreThread() {
    thread_->quit();
    thread_->wait();
    delete worker_;  // closes the connection; the thread is stopped, so nothing else uses it
}

}  // namespace dacl::ui
