"""build.spec's QtGui hook: PyInstaller's own, minus the Qt plugins a desktop app never loads.

Overrides PyInstaller's hook of the same name (hooks in `hookspath` come first). Leaving a
plugin out here, before the dependency scan, also leaves out the libraries only it needs:
the framebuffer, EGL and VNC platforms bring QtNetwork and the EGLFS libraries; the GTK 3
theme brings GTK's pango, cairo and glib, which would clash with the desktop's own GTK.
Kept: xcb and wayland (Linux desktops), windows and direct2d, offscreen and minimal
(--self-test, --screenshot), image formats, the SVG icon engine, input methods.
"""

from __future__ import annotations

from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGIN_FOLDERS = {"egldeviceintegrations", "generic"}  # kiosk and touch-panel input
UNUSED_PLUGINS = ("qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc", "qgtk3")


def used(source: str) -> bool:
    path = PurePath(source)
    if path.parent.name in UNUSED_PLUGIN_FOLDERS:
        return False
    return not path.name.removeprefix("lib").startswith(UNUSED_PLUGINS)


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(source, target) for source, target in binaries if used(source)]
