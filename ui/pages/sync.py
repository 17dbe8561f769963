"""Đồng bộ: this machine's key card and the peers it exchanges packages with."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem

from desktop_app.changes import Changes
from desktop_app.formatting import format_time
from desktop_app.i18n import tr
from desktop_app.services import peers
from desktop_app.services.peers import KeyCard, PeerView
from desktop_app.work import HUB
from ui.context import AppContext
from ui.ops import QueryOp
from ui.pages.base import Page


class SyncPage(Page):
    name = "sync"
    title = "Đồng bộ qua USB"
    icon_name = "refresh-cw"

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.card = QLabel()
        self.card.setWordWrap(True)
        self.card.setObjectName("keyCard")
        self.peers_title = QLabel()
        self.peers_title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 5)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.card)
        self.body.addWidget(self.peers_title)
        self.body.addWidget(self.table, 1)
        self._card: KeyCard | None = None
        self._peers: list[PeerView] = []
        self.retranslate_ui()

    def load(self) -> None:
        ctx = self.ctx
        QueryOp(
            self, lambda: (peers.key_card(ctx.db, ctx.actor), peers.list_peers(ctx.db, ctx.actor))
        ).success(self._show).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.touches("peer"):
            self.load()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.peers_title.setText(tr("Đối tác đồng bộ"))
        self.table.setHorizontalHeaderLabels(
            [tr("Đơn vị"), tr("Mã"), tr("Vai trò"), tr("Dấu vân tay"), tr("Thêm lúc")]
        )
        if self._card is not None:
            self._show((self._card, self._peers))

    def _show(self, data: tuple[KeyCard, list[PeerView]]) -> None:
        self._card, self._peers = data
        card = self._card
        self.card.setText(
            tr(
                "Máy này: {name} (mã đơn vị {code}). Dấu vân tay khóa: {fp}",
                name=card.name,
                code=card.unit_code,
                fp=card.fingerprint,
            )
            + "\n"
            + tr("Đọc dấu vân tay này qua điện thoại để đối tác so khớp trước khi thêm.")
        )
        self.table.setRowCount(len(self._peers))
        for row, peer in enumerate(self._peers):
            role = tr("Công an tỉnh") if peer.role == HUB else tr("Công an xã")
            added = format_time(peer.added_at)
            status = tr("{when} (đã thu hồi)", when=added) if peer.revoked_at else added
            for column, text in enumerate(
                (peer.name, peer.unit_code, role, peer.fingerprint, status)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if not self._peers:
            self.table.setRowCount(1)
            self.table.setItem(
                0, 0, QTableWidgetItem(tr("Chưa có đối tác. Thêm bằng thẻ khóa của Công an tỉnh."))
            )
