// The application icon, from the Qt resources compiled into dacl_resources.
#pragma once

#include <QIcon>

namespace dacl::resources {

// Every rendered size of the icon (16-512 px), for the window title bar, task bar and dialogs.
QIcon appIcon();

}  // namespace dacl::resources
