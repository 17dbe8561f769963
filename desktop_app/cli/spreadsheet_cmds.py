"""`antq import xlsx …` and `antq export xlsx …`: the register to and from Excel spreadsheets."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from desktop_app.cli.context import Cli
from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.spreadsheets.households_export import export_households
from desktop_app.spreadsheets.households_import import ImportReport, import_households
from desktop_app.spreadsheets.reader import Preview, preview_households

TYPES = ("household",)
ENCODINGS = {
    "tcvn3": "TCVN3 (.VnTime)",
    "vni": "VNI (VNI-Times)",
    "unicode": "Unicode",
    "ascii": "ASCII",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imports = sub.add_parser("import", help=tr("nhập dữ liệu từ tệp"))
    imp = imports.add_subparsers(required=True).add_parser(
        "xlsx", help=tr("nhập từ bảng tính Excel (.xlsx)")
    )
    imp.add_argument("type", help=tr("loại dữ liệu; hiện có: household (hộ gia đình, nhân khẩu)"))
    imp.add_argument("file", type=Path)
    imp.add_argument("--dry-run", action="store_true", help=tr("chạy thử rồi hoàn tác"))
    imp.add_argument(
        "--skip-invalid", action="store_true", help=tr("nhập các dòng hợp lệ, bỏ qua dòng lỗi")
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="TIÊU_ĐỀ=TRƯỜNG",
        help=tr('chỉ định cột, ví dụ --map "Họ tên CH=full_name"; TRƯỜNG là - để bỏ qua cột'),
    )
    imp.add_argument(
        "--preview", action="store_true", help=tr("chỉ xem cách đọc tệp, không cần đăng nhập")
    )
    imp.set_defaults(run=run_import)
    exports = sub.add_parser("export", help=tr("xuất dữ liệu ra tệp"))
    exp = exports.add_subparsers(required=True).add_parser(
        "xlsx", help=tr("xuất ra bảng tính Excel (.xlsx)")
    )
    exp.add_argument("type", help=tr("loại dữ liệu; hiện có: household (hộ gia đình, nhân khẩu)"))
    exp.add_argument("file", type=Path)
    exp.set_defaults(run=run_export)


def run_import(cli: Cli, args: argparse.Namespace) -> None:
    _supported(args.type)
    overrides = _overrides(args.map)
    if args.preview:
        preview = preview_households(args.file, overrides)
        cli.emit(_preview_json(preview), _preview_text(preview))
        return
    report = import_households(
        cli.db,
        cli.actor,
        args.file,
        overrides=overrides,
        skip_invalid=args.skip_invalid,
        dry_run=args.dry_run,
    )
    for problem in report.problems:
        sys.stderr.write(tr("Dòng {row}: {message}", row=problem.row, message=problem.message))
        sys.stderr.write("\n")
    cli.emit(report.to_json(), _summary(report))
    if report.rejected:
        rows = len({p.row for p in report.problems})
        raise ValidationError(
            tr(
                "{rows} dòng không hợp lệ; chưa nhập gì. Sửa tệp rồi nhập lại, hoặc thêm "
                "--skip-invalid để chỉ nhập các dòng hợp lệ.",
                rows=rows,
            )
        )


def run_export(cli: Cli, args: argparse.Namespace) -> None:
    _supported(args.type)
    result = export_households(cli.db, cli.actor, args.file)
    text = tr(
        "Đã xuất {households} hộ, {persons} nhân khẩu vào {file}.",
        households=result.households,
        persons=result.persons,
        file=result.path,
    )
    data = {"file": result.path, "households": result.households, "persons": result.persons}
    cli.emit(data, text)


def _supported(type_name: str) -> None:
    if type_name not in TYPES:
        raise ValidationError(
            tr(
                "Chưa hỗ trợ bảng tính cho loại '{type}'; hiện chỉ có: household (hộ gia đình "
                "và nhân khẩu).",
                type=type_name,
            )
        )


def _overrides(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        header, sep, name = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValidationError(
                tr("'--map {pair}' phải có dạng \"Tiêu đề cột=trường\".", pair=pair)
            )
        result[header.strip()] = name.strip()
    return result


def _encodings(found: Mapping[str, int]) -> str:
    parts = [f"{ENCODINGS.get(name, name)}: {count}" for name, count in sorted(found.items())]
    return ", ".join(parts) or "-"


def _summary(report: ImportReport) -> str:
    facts = {
        "file": report.file,
        "sheet": report.sheet,
        "header": ", ".join(str(r) for r in report.header_rows),
        "rows": report.rows,
        "encodings": _encodings(report.encodings),
    }
    if report.layout == "household":
        what = tr(
            "Tệp {file}, trang '{sheet}': tiêu đề ở dòng {header}, {rows} dòng dữ liệu, "
            "mỗi dòng một hộ. Mã chữ (số ô): {encodings}.",
            **facts,
        )
    else:
        what = tr(
            "Tệp {file}, trang '{sheet}': tiêu đề ở dòng {header}, {rows} dòng dữ liệu, "
            "mỗi dòng một nhân khẩu. Mã chữ (số ô): {encodings}.",
            **facts,
        )
    return "\n".join([what, *_outcome(report)])


def _outcome(report: ImportReport) -> list[str]:
    counts = {
        "households": report.households,
        "persons": report.persons,
        "areas": report.areas_created,
    }
    if report.applied:
        done = tr(
            "Đã nhập {households} hộ, {persons} nhân khẩu; thêm {areas} thôn, tổ dân phố.", **counts
        )
        if not report.problems:
            return [done]
        return [done, tr("Đã bỏ qua các dòng lỗi ({n} lỗi, xem ở trên).", n=len(report.problems))]
    if report.dry_run and not report.rejected:
        return [
            tr(
                "Chạy thử: sẽ nhập {households} hộ, {persons} nhân khẩu; thêm {areas} thôn, tổ "
                "dân phố. Chưa thay đổi gì trong cơ sở dữ liệu.",
                **counts,
            )
        ]
    return []  # refused: the error that follows says so


def _preview_json(preview: Preview) -> dict[str, Any]:
    return {
        "file": preview.file,
        "sheet": preview.sheet,
        "header_rows": list(preview.header_rows),
        "layout": preview.layout,
        "encodings": preview.encodings,
        "rows": preview.total_rows,
        "columns": [
            {"column": c.letter, "header": c.header, "field": c.field} for c in preview.columns
        ],
        "first_rows": [
            {"row": r.row, "values": r.values, "problems": list(r.problems)} for r in preview.rows
        ],
    }


def _preview_text(preview: Preview) -> str:
    lines = [
        tr(
            "Trang '{sheet}', tiêu đề ở dòng {header}, {rows} dòng dữ liệu. Mã chữ: {encodings}.",
            sheet=preview.sheet,
            header=", ".join(str(r) for r in preview.header_rows),
            rows=preview.total_rows,
            encodings=_encodings(preview.encodings),
        )
    ]
    for column in preview.columns:
        target = column.field_label or tr("(bỏ qua)")
        lines.append(f"  {column.letter}  {column.header or '-'}  →  {target}")
    for row in preview.rows:
        shown = ", ".join(f"{k}={v}" for k, v in row.values.items() if v not in (None, ""))
        lines.append(tr("Dòng {row}: {values}", row=row.row, values=shown))
        lines.extend(f"    ! {problem}" for problem in row.problems)
    return "\n".join(lines)
