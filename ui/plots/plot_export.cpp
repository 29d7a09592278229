#include "ui/plots/plot_export.h"

#include "ui/plots/custom_plot.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPdfWriter>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSvgGenerator>

#include <cmath>
#include <stdexcept>

namespace dacl::ui {

namespace {

constexpr double kMmPerInch = 25.4;
// Largest raster we agree to allocate (about 400 MB of ARGB32): a typo in the size field must
// give an error, not exhaust memory.
constexpr double kMaxRasterPixels = 100e6;

std::runtime_error exportError(const QString& path, const QString& reason) {
    return std::runtime_error((path + QStringLiteral(": ") + reason).toStdString());
}

// The resolution at which the plot's point-size fonts were laid out: the screen's logical DPI.
double fontDpiOf(const QCustomPlot& plot) { return plot.logicalDpiX() > 0 ? plot.logicalDpiX() : 96.0; }

}  // namespace

bool formatFromSuffix(const QString& path, PlotFormat* format) {
    const QString s = QFileInfo(path).suffix().toLower();
    if (s == QLatin1String("png")) *format = PlotFormat::Png;
    else if (s == QLatin1String("svg")) *format = PlotFormat::Svg;
    else if (s == QLatin1String("pdf")) *format = PlotFormat::Pdf;
    else return false;
    return true;
}

QString suffixOf(PlotFormat format) {
    switch (format) {
    case PlotFormat::Png: return QStringLiteral("png");
    case PlotFormat::Svg: return QStringLiteral("svg");
    case PlotFormat::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

QSizeF physicalSizeInches(const PlotExportOptions& o) {
    if (o.unit == SizeUnit::Millimetres) return {o.width / kMmPerInch, o.height / kMmPerInch};
    return {o.width / o.dpi, o.height / o.dpi};
}

void paintPlot(QCustomPlot& plot, QCPPainter& painter, const QRectF& target, double deviceDpi,
               double fontDpi) {
    const double scale = deviceDpi / fontDpi;
    const int w = std::max(1, static_cast<int>(std::lround(target.width() / scale)));
    const int h = std::max(1, static_cast<int>(std::lround(target.height() / scale)));
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(target.width() / w, target.height() / h);
    plot.toPainter(&painter, w, h);
    painter.restore();
}

void exportPlot(QCustomPlot& plot, const QString& path, const PlotExportOptions& o) {
    if (path.isEmpty()) throw std::runtime_error("export: no file name given");
    if (!(o.width > 0) || !(o.height > 0) || o.dpi < 10 || o.dpi > 4800)
        throw exportError(path, QObject::tr("the size must be positive and the DPI between 10 and 4800"));
    const QSizeF inches = physicalSizeInches(o);
    const double fontDpi = fontDpiOf(plot);
    const QSizeF logical(inches.width() * fontDpi, inches.height() * fontDpi);

    switch (o.format) {
    case PlotFormat::Png: {
        const double pw = std::round(inches.width() * o.dpi), ph = std::round(inches.height() * o.dpi);
        if (pw * ph > kMaxRasterPixels || pw < 1 || ph < 1)
            throw exportError(path, QObject::tr("%1 × %2 pixels is too large").arg(pw).arg(ph));
        QImage image(static_cast<int>(pw), static_cast<int>(ph), QImage::Format_ARGB32_Premultiplied);
        // Point-size fonts convert at the device's DPI: paint at the screen's so that text keeps
        // the proportions it was laid out with, then record the real DPI in the file.
        image.setDotsPerMeterX(static_cast<int>(std::lround(fontDpi / 0.0254)));
        image.setDotsPerMeterY(static_cast<int>(std::lround(fontDpi / 0.0254)));
        image.fill(Qt::white);
        {
            QCPPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            paintPlot(plot, painter, QRectF(0, 0, pw, ph), o.dpi, fontDpi);
        }
        image.setDotsPerMeterX(static_cast<int>(std::lround(o.dpi / 0.0254)));
        image.setDotsPerMeterY(static_cast<int>(std::lround(o.dpi / 0.0254)));
        if (!image.save(path, "PNG")) throw exportError(path, QObject::tr("cannot write the PNG file"));
        return;
    }
    case PlotFormat::Svg: {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) throw exportError(path, probe.errorString());
        probe.close();
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setResolution(static_cast<int>(std::lround(fontDpi)));
        svg.setSize(logical.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), logical));
        svg.setTitle(QObject::tr("DACL Studio plot"));
        QCPPainter painter;
        if (!painter.begin(&svg)) throw exportError(path, QObject::tr("cannot write the SVG file"));
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNonCosmetic);
        paintPlot(plot, painter, QRectF(QPointF(0, 0), logical), fontDpi, fontDpi);
        painter.end();
        return;
    }
    case PlotFormat::Pdf: {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly)) throw exportError(path, probe.errorString());
        probe.close();
        QPdfWriter pdf(path);
        pdf.setCreator(QStringLiteral("DACL Studio"));
        pdf.setResolution(static_cast<int>(std::lround(fontDpi)));
        pdf.setPageSize(QPageSize(QSizeF(inches.width() * kMmPerInch, inches.height() * kMmPerInch),
                                  QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter;
        if (!painter.begin(&pdf)) throw exportError(path, QObject::tr("cannot write the PDF file"));
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNonCosmetic);
        paintPlot(plot, painter, QRectF(QPointF(0, 0), logical), fontDpi, fontDpi);
        painter.end();
        return;
    }
    }
}

// ---- dialog --------------------------------------------------------------------------------

PlotExportDialog::PlotExportDialog(QCustomPlot* plot, const QString& suggestedName, QWidget* parent)
    : QDialog(parent), plot_(plot) {
    setWindowTitle(tr("Export plot"));
    path_ = new QLineEdit(this);
    auto* browse = new QPushButton(tr("Browse…"), this);
    format_ = new QComboBox(this);
    format_->addItem(tr("PNG image"), static_cast<int>(PlotFormat::Png));
    format_->addItem(tr("SVG vector graphics"), static_cast<int>(PlotFormat::Svg));
    format_->addItem(tr("PDF document"), static_cast<int>(PlotFormat::Pdf));
    width_ = new QDoubleSpinBox(this);
    height_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* s : {width_, height_}) {
        s->setRange(1, 20000);
        s->setDecimals(1);
    }
    unit_ = new QComboBox(this);
    unit_->addItem(tr("mm"), static_cast<int>(SizeUnit::Millimetres));
    unit_->addItem(tr("px"), static_cast<int>(SizeUnit::Pixels));
    dpi_ = new QSpinBox(this);
    dpi_->setRange(10, 4800);
    dpi_->setSuffix(tr(" dpi"));

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(path_, 1);
    fileRow->addWidget(browse);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(unit_);
    auto* form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(tr("Resolution:"), dpi_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);

    QSettings settings;
    PlotExportOptions o;
    o.format = static_cast<PlotFormat>(settings.value(QStringLiteral("plotExport/format"), 0).toInt());
    o.width = settings.value(QStringLiteral("plotExport/width"), o.width).toDouble();
    o.height = settings.value(QStringLiteral("plotExport/height"), o.height).toDouble();
    o.unit = static_cast<SizeUnit>(settings.value(QStringLiteral("plotExport/unit"), 0).toInt());
    o.dpi = settings.value(QStringLiteral("plotExport/dpi"), o.dpi).toInt();
    setOptions(o);
    const QString dir = settings.value(QStringLiteral("plotExport/dir"), QDir::homePath()).toString();
    setPath(QDir(dir).filePath((suggestedName.isEmpty() ? QStringLiteral("plot") : suggestedName) +
                               QLatin1Char('.') + suffixOf(o.format)));

    connect(browse, &QPushButton::clicked, this, &PlotExportDialog::browse);
    connect(format_, &QComboBox::currentIndexChanged, this, &PlotExportDialog::syncSuffix);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (exportNow()) accept();
    });
}

PlotExportOptions PlotExportDialog::options() const {
    PlotExportOptions o;
    o.format = static_cast<PlotFormat>(format_->currentData().toInt());
    o.width = width_->value();
    o.height = height_->value();
    o.unit = static_cast<SizeUnit>(unit_->currentData().toInt());
    o.dpi = dpi_->value();
    return o;
}

QString PlotExportDialog::path() const { return path_->text(); }
void PlotExportDialog::setPath(const QString& path) { path_->setText(path); }

void PlotExportDialog::setOptions(const PlotExportOptions& o) {
    format_->setCurrentIndex(std::max(0, format_->findData(static_cast<int>(o.format))));
    width_->setValue(o.width);
    height_->setValue(o.height);
    unit_->setCurrentIndex(std::max(0, unit_->findData(static_cast<int>(o.unit))));
    dpi_->setValue(o.dpi);
}

void PlotExportDialog::browse() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export plot"), path(),
                                                      tr("Images (*.png *.svg *.pdf)"));
    if (file.isEmpty()) return;
    PlotFormat f;
    if (formatFromSuffix(file, &f)) format_->setCurrentIndex(format_->findData(static_cast<int>(f)));
    setPath(file);
    syncSuffix();
}

// Keeps the file name's suffix in step with the chosen format.
void PlotExportDialog::syncSuffix() {
    QString p = path();
    if (p.isEmpty()) return;
    const QString want = suffixOf(options().format);
    QFileInfo info(p);
    PlotFormat current;
    if (formatFromSuffix(p, &current)) p.chop(info.suffix().size() + 1);
    setPath(p + QLatin1Char('.') + want);
}

bool PlotExportDialog::exportNow() {
    const PlotExportOptions o = options();
    try {
        exportPlot(*plot_, path(), o);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Export plot"), tr("The plot could not be exported:\n%1").arg(QString::fromStdString(e.what())));
        return false;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("plotExport/format"), static_cast<int>(o.format));
    settings.setValue(QStringLiteral("plotExport/width"), o.width);
    settings.setValue(QStringLiteral("plotExport/height"), o.height);
    settings.setValue(QStringLiteral("plotExport/unit"), static_cast<int>(o.unit));
    settings.setValue(QStringLiteral("plotExport/dpi"), o.dpi);
    settings.setValue(QStringLiteral("plotExport/dir"), QFileInfo(path()).absolutePath());
    return true;
}

void addPlotExportAction(QMenu* menu, QCustomPlot* plot, const QString& suggestedName) {
    menu->addAction(QObject::tr("Export plot…"), plot, [plot, suggestedName] {
        PlotExportDialog dialog(plot, suggestedName, plot->window());
        dialog.exec();
    });
}

void installPlotExportMenu(QCustomPlot* plot, const QString& suggestedName) {
    plot->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(plot, &QWidget::customContextMenuRequested, plot, [plot, suggestedName](const QPoint& pos) {
        QMenu menu(plot);
        addPlotExportAction(&menu, plot, suggestedName);
        menu.exec(plot->mapToGlobal(pos));
    });
}

}  // namespace dacl::ui
