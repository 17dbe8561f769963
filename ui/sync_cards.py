"""Key cards on screen: a card's unit and fingerprint in big type, and adding a peer after
comparing its card with what the peer reads out by phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import tr
from desktop_app.services.peers import KeyCard
from ui.sync_widgets import TranslatedDialog, big_font, fingerprint_lines, role_label


class CardView(QFrame):
    """A key card's unit, code and fingerprint in big type, to read out or compare by phone."""

    def __init__(self, unit_points: float = 15, fingerprint_points: float = 20) -> None:
        super().__init__()
        self.setObjectName("cardView")
        self.setStyleSheet(
            "QFrame#cardView { background: white; border: 1px solid #d5dbe1; border-radius: 6px; }"
        )
        self.unit = QLabel()
        self.unit.setFont(big_font(self.font(), unit_points))
        self.unit.setWordWrap(True)
        self.details = QLabel()
        self.fingerprint_caption = QLabel()
        self.fingerprint = QLabel()
        self.fingerprint.setFont(big_font(self.font(), fingerprint_points, spacing=1.5))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(16, 10, 16, 12)
        self.rows.setSpacing(4)
        for widget in (self.unit, self.details, self.fingerprint_caption, self.fingerprint):
            self.rows.addWidget(widget)

    def show_card(self, card: KeyCard | None) -> None:
        self.fingerprint_caption.setText(tr("Dấu vân tay:"))
        if card is not None:
            self.unit.setText(card.name)
            self.details.setText(
                tr("Mã đơn vị {code} · {role}", code=card.unit_code, role=role_label(card.role))
            )
            self.fingerprint.setText(fingerprint_lines(card.fingerprint))


class PeerCardDialog(TranslatedDialog):
    """Thêm đối tác: the card's unit and fingerprint in big type, to compare with what the
    peer reads out by phone; Thêm stays disabled until the officer ticks that they match."""

    def __init__(self, card: KeyCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card = card
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.view = CardView()
        self.unit, self.fingerprint = self.view.unit, self.view.fingerprint
        self.matches = QCheckBox()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.matches.toggled.connect(self._matches_toggled)
        self._layout()
        self.retranslate_ui()
        self._matches_toggled(False)

    @property
    def add_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def retranslate_ui(self) -> None:
        self.setWindowTitle(tr("Thêm đối tác đồng bộ"))
        self.intro.setText(
            tr(
                "Gọi điện cho đối tác và nhờ đọc dấu vân tay trên máy của họ. So từng nhóm "
                "với dấu vân tay dưới đây; chỉ thêm khi khớp hoàn toàn. Nếu khác, thẻ khóa có "
                "thể đã bị tráo: đừng thêm."
            )
        )
        self.view.show_card(self.card)
        self.matches.setText(tr("Dấu vân tay khớp với dấu vân tay đối tác đọc cho tôi"))
        self.add_button.setText(tr("Thêm đối tác"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(tr("Hủy"))

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.view)
        layout.addWidget(self.matches)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _matches_toggled(self, checked: bool) -> None:
        self.add_button.setEnabled(checked)
