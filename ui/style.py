"""The look: calm neutral colours, a dark sidebar, generous spacing, readable 10 pt Noto Sans."""

from __future__ import annotations

ACCENT = "#1f5f8b"
SIDEBAR = "#22313f"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f6f8; }}
QListWidget#sidebar {{
    background: {SIDEBAR}; color: #ecf0f1; border: none; padding-top: 12px; font-size: 11pt;
    outline: 0;
}}
QListWidget#sidebar::item {{ padding: 10px 14px; border-left: 4px solid transparent; }}
QListWidget#sidebar::item:selected {{
    background: #2e4053; border-left: 4px solid #5dade2; color: white;
}}
QListWidget#sidebar::item:hover {{ background: #2c3e50; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; color: {SIDEBAR}; padding: 4px 0; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: bold; color: {ACCENT}; padding-top: 8px; }}
QLabel#detailTitle {{ font-size: 13pt; font-weight: bold; color: {SIDEBAR}; }}
QLabel#placeholder {{ color: #7f8c8d; }}
QLabel#keyCard {{
    background: white; border: 1px solid #d5dbe1; border-radius: 6px; padding: 10px;
}}
QPushButton#countCard {{
    background: white; border: 1px solid #d5dbe1; border-radius: 8px; padding: 10px;
    font-size: 11pt; color: {SIDEBAR}; text-align: left;
}}
QPushButton#countCard:hover {{ border-color: {ACCENT}; }}
QTableView, QTreeWidget, QTableWidget {{
    background: white; alternate-background-color: #f7f9fb; gridline-color: #e5e8eb;
    selection-background-color: #d6eaf8; selection-color: black;
}}
QHeaderView::section {{
    background: #eef1f4; padding: 5px 6px; border: none; border-bottom: 1px solid #d5dbe1;
    font-weight: bold;
}}
QLineEdit, QComboBox, QSpinBox, QDateEdit, QTextEdit, QPlainTextEdit {{
    padding: 4px 6px; border: 1px solid #c8d0d8; border-radius: 4px; background: white;
    min-height: 22px;
}}
QLineEdit:focus, QComboBox:focus, QTextEdit:focus {{ border-color: {ACCENT}; }}
QTabWidget::pane {{ border: 1px solid #d5dbe1; background: white; }}
QTabBar::tab {{ padding: 7px 16px; }}
QTabBar::tab:selected {{ font-weight: bold; color: {ACCENT}; }}
QStatusBar QLabel {{ padding: 0 10px; color: #34495e; }}
"""
