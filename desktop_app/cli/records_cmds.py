"""`antq schema`, `antq records …`, `antq dump`: records for scripts and black-box tests."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from desktop_app.cli.context import Cli
from desktop_app.errors import ValidationError
from desktop_app.i18n import tr
from desktop_app.records.catalog import editable_types, record_type
from desktop_app.records.schema import json_schema
from desktop_app.services import duplicates, records
from desktop_app.services.dump import write_dump


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = sub.add_parser("schema", help="JSON Schema của các loại hồ sơ")
    schema.add_argument("type", nargs="?")
    schema.set_defaults(run=run_schema)

    rec = sub.add_parser("records", help="thêm, sửa, xem, tìm, xóa hồ sơ").add_subparsers(
        required=True
    )
    put = rec.add_parser("put", help="thêm (không có id) hoặc sửa (có id) một hồ sơ từ JSON")
    put.add_argument("type")
    put.add_argument("--file", required=True, help="tệp JSON, hoặc - để đọc từ đầu vào chuẩn")
    put.set_defaults(run=run_put)
    get = rec.add_parser("get", help="xem một hồ sơ")
    get.add_argument("type")
    get.add_argument("id")
    get.set_defaults(run=run_get)
    lst = rec.add_parser("list", help="liệt kê, tìm kiếm (không phân biệt dấu, hoa thường)")
    lst.add_argument("type")
    lst.add_argument("--search")
    lst.add_argument("--filter", action="append", default=[], metavar="TRƯỜNG=GIÁ_TRỊ")
    lst.add_argument("--limit", type=int, default=records.DEFAULT_LIMIT)
    lst.add_argument("--offset", type=int, default=0)
    lst.add_argument("--include-deleted", action="store_true")
    lst.set_defaults(run=run_list)
    dele = rec.add_parser("delete", help="xóa (đánh dấu đã xóa) một hồ sơ")
    dele.add_argument("type")
    dele.add_argument("id")
    dele.set_defaults(run=run_delete)

    dup = sub.add_parser("duplicates", help="hồ sơ có thể trùng").add_subparsers(required=True)
    dup.add_parser(
        "list", help="nhân khẩu cùng số định danh, hoặc cùng tên và năm sinh"
    ).set_defaults(run=run_duplicates)
    merge = dup.add_parser("merge", help="gộp hồ sơ OTHER vào KEEP (giữ lịch sử của cả hai)")
    merge.add_argument("type", choices=duplicates.MERGEABLE)
    merge.add_argument("keep")
    merge.add_argument("other")
    merge.set_defaults(run=run_merge)

    dump = sub.add_parser("dump", help="toàn bộ hồ sơ dạng JSON chuẩn tắc (để so sánh các máy)")
    dump.add_argument("--unit-code")
    dump.add_argument("--out", type=Path)
    dump.set_defaults(run=run_dump)


def run_schema(cli: Cli, args: argparse.Namespace) -> None:
    names = [args.type] if args.type else editable_types()
    schemas = {name: json_schema(record_type(name)) for name in names}
    result = schemas[args.type] if args.type else schemas
    cli.out.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")


def run_put(cli: Cli, args: argparse.Namespace) -> None:
    data = _read_json(args.file)
    saved = records.put(cli.db, cli.actor, args.type, data)
    cli.emit({"id": saved.record.id, "created": saved.created}, saved.record.id)


def run_get(cli: Cli, args: argparse.Namespace) -> None:
    record = records.get(cli.db, cli.actor, args.type, args.id)
    cli.out.write(json.dumps(record.to_json(), ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def run_list(cli: Cli, args: argparse.Namespace) -> None:
    found = records.list_records(
        cli.db,
        cli.actor,
        args.type,
        search=args.search,
        filters=_filters(args.filter),
        include_deleted=args.include_deleted,
        limit=args.limit,
        offset=args.offset,
    )
    rtype = record_type(args.type)
    lines = [f"{r.id}  {_summary(rtype.field_names, r.values)}" for r in found]
    cli.emit([r.to_json() for r in found], "\n".join(lines) or "Không có hồ sơ nào.")


def run_delete(cli: Cli, args: argparse.Namespace) -> None:
    records.delete(cli.db, cli.actor, args.type, args.id)
    cli.emit({"id": args.id, "deleted": True}, f"Đã xóa {args.id}.")


def run_duplicates(cli: Cli, args: argparse.Namespace) -> None:
    groups = duplicates.review(cli.db, cli.actor)
    lines = []
    for group in groups:
        lines.append(group.reason)
        lines += [f"  {c.id}  {c.title}  {c.detail}" for c in group.records]
    cli.emit([asdict(g) for g in groups], "\n".join(lines) or tr("Không thấy hồ sơ nào trùng."))


def run_merge(cli: Cli, args: argparse.Namespace) -> None:
    duplicates.merge(cli.db, cli.actor, args.type, args.keep, args.other)
    cli.emit(
        {"kept": args.keep, "merged": args.other},
        tr("Đã gộp {other} vào {keep}.", other=args.other, keep=args.keep),
    )


def run_dump(cli: Cli, args: argparse.Namespace) -> None:
    if args.out:
        with args.out.open("w", encoding="utf-8", newline="\n") as out:
            write_dump(cli.db, cli.actor, out, unit_code=args.unit_code)
    else:
        write_dump(cli.db, cli.actor, cli.out, unit_code=args.unit_code)


def _read_json(source: str) -> dict[str, Any]:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as error:
        raise ValidationError(f"Không đọc được tệp '{source}': {error.strerror}.") from error
    except ValueError as error:
        raise ValidationError(f"Nội dung '{source}' không phải JSON hợp lệ: {error}.") from error
    if not isinstance(data, dict):
        raise ValidationError("Hồ sơ phải là một đối tượng JSON ({…}).")
    return data


def _filters(pairs: list[str]) -> dict[str, str]:
    result = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ValidationError(f"Bộ lọc '{pair}' phải có dạng TRƯỜNG=GIÁ_TRỊ.")
        result[name.strip()] = value.strip()
    return result


def _summary(names: tuple[str, ...], values: Any) -> str:
    shown = [
        str(values[n]) for n in names if values.get(n) not in (None, "") and not n.endswith("_id")
    ]
    return " | ".join(shown[:4])
