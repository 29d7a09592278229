#include "resources/app_icon.h"

#include <QDir>

namespace dacl::resources {

QIcon appIcon() {
    // PNGs, not the SVG: a QIcon from SVG needs Qt's SVG icon-engine plugin at run time, and the
    // small sizes are the ones a window manager asks for most.
    QIcon icon;
    const QDir dir(QStringLiteral(":/icons/app"));
    for (const QString& size : dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        icon.addFile(dir.filePath(size + QStringLiteral("/dacl-studio.png")), QSize(size.toInt(), size.toInt()));
    return icon;
}

}  // namespace dacl::resources
