"""Vietnamese for Qt's own dialogs and menus, since PySide6 ships no qtbase_vi.qm.

Keys are Qt 6's (translation context, English source text), as qtbase passes them to
QCoreApplication.translate(); they were recorded by installing a QTranslator and opening each
dialog offscreen, and checked against qtbase (qplatformtheme.cpp, qgnometheme.cpp, qwizard.cpp,
qlineedit.cpp, qwidgettextcontrol.cpp, qfiledialog.cpp…). Anything missing stays English.
Mnemonics (&) sit on unaccented letters, which every keyboard layout can type with Alt.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# Dialog buttons: QMessageBox, QDialogButtonBox, QInputDialog… (QPlatformTheme on Windows and
# most Linux desktops; GNOME and macOS override a few under their own context).
_BUTTONS = {
    "OK": "Đồng ý",
    "Save": "Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Yes": "&Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "N&o to All": "Không &với tất cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "Cancel": "Hủy",
    "Discard": "Không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
}
_GNOME_BUTTONS = {
    "&OK": "Đồng ý",
    "&Save": "&Lưu",
    "&Cancel": "&Hủy",
    "&Close": "Đóng",
    "Close without Saving": "Đóng mà không lưu",
}
_MESSAGE_BOX = {
    "Show Details...": "Hiện chi tiết...",
    "Hide Details...": "Ẩn chi tiết...",
}
_WIZARD = {
    "< &Back": "< &Quay lại",
    "&Next >": "&Tiếp theo >",
    "&Next": "&Tiếp theo",
    "&Finish": "&Hoàn tất",
    "Cancel": "Hủy",
    "&Help": "&Trợ giúp",
    "Help": "Trợ giúp",
    "Go Back": "Quay lại",
    "Continue": "Tiếp tục",
    "Commit": "Xác nhận",
    "Done": "Xong",
    "Quit": "Thoát",
}
# The context menu of every QLineEdit, QTextEdit and QPlainTextEdit.
_EDIT_MENU = {
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "Xóa",
    "Select All": "Chọn tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
}
_SPIN_BOX = {
    "&Select All": "&Chọn tất cả",
    "&Step up": "&Tăng",
    "Step &down": "&Giảm",
}
_FILE_DIALOG = {
    "Look in:": "Tìm trong:",
    "&Look in:": "&Tìm trong:",
    "File name:": "Tên tệp:",
    "File &name:": "Tê&n tệp:",
    "Files of type:": "Loại tệp:",
    "Files of &type:": "&Loại tệp:",
    "Directory:": "Thư mục:",
    "Open": "Mở",
    "&Open": "&Mở",
    "Save As": "Lưu thành",
    "&Save": "&Lưu",
    "&Choose": "&Chọn",
    "Find Directory": "Chọn thư mục",
    "All Files (*)": "Tất cả các tệp (*)",
    "Directories": "Thư mục",
    "Files": "Tệp",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Go back": "Quay lại",
    "Go forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo thư mục mới",
    "New Folder": "Thư mục mới",
    "&New Folder": "Thư mục &mới",
    "List View": "Dạng danh sách",
    "Detail View": "Dạng chi tiết",
    "Change to list view mode": "Chuyển sang dạng danh sách",
    "Change to detail view mode": "Chuyển sang dạng chi tiết",
    "Sidebar": "Thanh bên",
    "List of places and bookmarks": "Các vị trí và dấu trang",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Delete": "Xóa",
    "Show &hidden files": "&Hiện tệp ẩn",
    "Show ": "Hiện ",  # + a column name, in the header's menu
    "Recent Places": "Vị trí gần đây",
    "My Computer": "Máy tính",
    "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
    "%1\nFile not found.\nPlease verify the correct file name was given.": (
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp."
    ),
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục."
    ),
    "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa '%1' không?",
    "'%1' is write protected.\nDo you want to delete it anyway?": (
        "'%1' đang được bảo vệ chống ghi.\nBạn vẫn muốn xóa?"
    ),
    "Could not delete directory.": "Không xóa được thư mục.",
}
_FILE_MODEL = {
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa",
    "Computer": "Máy tính",
    "My Computer": "Máy tính",
}
_FILE_ICONS = {
    "Drive": "Ổ đĩa",
    "File": "Tệp",
    "Folder": "Thư mục",
    "File Folder": "Thư mục",
    "Shortcut": "Lối tắt",
    "Unknown": "Không rõ",
    "%1 File": "Tệp %1",
}
_PRINT_DIALOG = {
    "Print": "In",
    "&Print": "&In",
    "&Options >>": "&Tùy chọn >>",
    "&Options <<": "&Tùy chọn <<",
    "Print to File (PDF)": "In ra tệp (PDF)",
    "Local file": "Tệp trên máy",
    "Write PDF file": "Ghi tệp PDF",
    "All Pages": "Tất cả các trang",
    "Odd Pages": "Trang lẻ",
    "Even Pages": "Trang chẵn",
    "Left to Right, Top to Bottom": "Trái sang phải, trên xuống dưới",
    "Left to Right, Bottom to Top": "Trái sang phải, dưới lên trên",
    "Right to Left, Top to Bottom": "Phải sang trái, trên xuống dưới",
    "Right to Left, Bottom to Top": "Phải sang trái, dưới lên trên",
    "Top to Bottom, Left to Right": "Trên xuống dưới, trái sang phải",
    "Top to Bottom, Right to Left": "Trên xuống dưới, phải sang trái",
    "Bottom to Top, Left to Right": "Dưới lên trên, trái sang phải",
    "Bottom to Top, Right to Left": "Dưới lên trên, phải sang trái",
}
_PRINT_WIDGET = {
    "Printer": "Máy in",
    "&Name:": "&Tên:",
    "P&roperties": "&Thuộc tính",
    "Properties": "Thuộc tính",
    "Location:": "Vị trí:",
    "Preview": "Xem trước",
    "Type:": "Loại:",
    "Output &file:": "&Tệp đầu ra:",
}
_PRINT_OUTPUT = {
    "Copies": "Số bản",
    "Copies:": "Số bản:",
    "Collate": "Xếp theo bộ",
    "Reverse": "In ngược thứ tự",
    "Options": "Tùy chọn",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Các trang từ",
    "to": "đến",
    "Pages": "Các trang",
    "Current Page": "Trang hiện tại",
    "Selection": "Phần đã chọn",
    "Page &Set:": "&Nhóm trang:",
    "Output Settings": "Thiết lập đầu ra",
    "Color Mode": "Chế độ màu",
    "Color": "Màu",
    "Grayscale": "Thang xám",
    "Double Sided Printing": "In hai mặt",
    "Off": "Tắt",
    "Long side binding": "Lật theo cạnh dài",
    "Short side binding": "Lật theo cạnh ngắn",
    "Specify pages or ranges separated by commas. Ranges are specified by two numbers "
    "separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.": (
        "Nhập các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; khoảng trang là hai số "
        "nối bằng gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9."
    ),
}
_PAGE_SETUP = {
    "Page Setup": "Thiết lập trang",
    "Paper": "Giấy",
    "Page size:": "Khổ giấy:",
    "Width:": "Rộng:",
    "Height:": "Cao:",
    "Paper source:": "Nguồn giấy:",
    "Orientation": "Hướng giấy",
    "Portrait": "Dọc",
    "Landscape": "Ngang",
    "Reverse landscape": "Ngang ngược",
    "Reverse portrait": "Dọc ngược",
    "Margins": "Lề",
    "top margin": "lề trên",
    "bottom margin": "lề dưới",
    "left margin": "lề trái",
    "right margin": "lề phải",
    "Page Layout": "Bố cục trang",
    "Page &order:": "&Thứ tự trang:",
    "Pages &per sheet:": "Số &trang mỗi tờ:",
    "Custom": "Tùy chỉnh",
    "Millimeters (mm)": "Milimét (mm)",
    "Inches (in)": "Inch (in)",
    "Points (pt)": "Điểm (pt)",
}
_PRINT_PREVIEW = {
    "Print Preview": "Xem trước khi in",
    "Print": "In",
    "Page Setup": "Thiết lập trang",
    "Page setup": "Thiết lập trang",
    "Portrait": "Dọc",
    "Landscape": "Ngang",
    "First page": "Trang đầu",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    "Last page": "Trang cuối",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Show single page": "Xem từng trang",
    "Show facing pages": "Xem hai trang đối diện",
    "Show overview of all pages": "Xem tất cả các trang",
    "Export to PDF": "Xuất ra PDF",
}

_CONTEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": _BUTTONS,
    "QDialogButtonBox": {**_BUTTONS, **_GNOME_BUTTONS},  # Qt 5's context, kept for plugins
    "QGnomeTheme": _GNOME_BUTTONS,
    "QCocoaTheme": {"Don't Save": "Không lưu"},
    "QMessageBox": _MESSAGE_BOX,
    "QWizard": _WIZARD,
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
    "QAbstractSpinBox": _SPIN_BOX,
    "QFileDialog": _FILE_DIALOG,
    "QFileSystemModel": _FILE_MODEL,
    "QAbstractFileIconProvider": _FILE_ICONS,
    "QProgressDialog": {"Cancel": "Hủy"},
    "QTabBar": {"Scroll Left": "Cuộn sang trái", "Scroll Right": "Cuộn sang phải"},
    "QInputDialog": {"Enter a value:": "Nhập giá trị:"},
    "QPrintDialog": _PRINT_DIALOG,
    "QPrintWidget": _PRINT_WIDGET,
    "QPrintSettingsOutput": _PRINT_OUTPUT,
    "QPageSetupWidget": _PAGE_SETUP,
    "QPageSetupDialog": _PAGE_SETUP,
    "QPrintPreviewDialog": _PRINT_PREVIEW,
}

VIETNAMESE: dict[tuple[str, str], str] = {
    (context, source): text
    for context, texts in _CONTEXTS.items()
    for source, text in texts.items()
}


class QtVietnamese(QTranslator):
    """A translator that answers Qt's own strings from VIETNAMESE, without any .qm file.

    Lives on the GUI thread; Qt calls translate() from whichever thread asks, and it only
    reads a constant dict.
    """

    def translate(
        self,
        context: str,
        source_text: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        """The Vietnamese text, or None so that Qt keeps its English (None is a null QString)."""
        return VIETNAMESE.get((context, source_text))

    def isEmpty(self) -> bool:
        # installTranslator() sends no LanguageChange for a translator that reports itself
        # empty, and QTranslator.isEmpty() is True whenever no .qm file was loaded.
        return False

    def language(self) -> str:
        return "vi"
