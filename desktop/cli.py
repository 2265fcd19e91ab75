"""The `nianbao` command line: new, import, check, explain, export, show.

Exit codes: 0 done (check: no errors), 1 check found errors, 2 bad input. Every
failure is one line on stderr in the officer's words; nothing is half-written.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from desktop import __version__
from desktop.core.errors import NianbaoError
from desktop.core.forms import form_for_year, load_form
from desktop.core.report import META_FIELDS, Report, checked_identity
from desktop.core.session import ReportSession, check_report, last_year
from desktop.core.storage import ReportFile, store_report
from desktop.core.textrules import shown

EXIT_OK, EXIT_ERRORS, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, not usage plus message
        raise NianbaoError(f"命令行参数有误：{message}（用 nianbao --help 查看用法）")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only the one command about to run: argparse takes a
    noticeable share of a `check`'s start-up to build all of them."""
    parser = _Parser(prog="nianbao", description="政府信息公开工作年度报告填报与检查")
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, required=True)
    for name, (words, arguments) in SUBCOMMANDS.items():
        if only in (None, name):
            arguments(commands.add_parser(name, help=words))
    return parser


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("file", type=Path, help="报告文件（.sqlite）")
    new.add_argument("--unit", required=True, help="单位名称")
    new.add_argument("--year", required=True, type=int, help="报告年度")
    new.add_argument("--form", choices=["2019", "2021"], help="报告格式（默认按年度确定）")
    new.add_argument(
        "--previous",
        type=Path,
        help="上年报告所在的文件（报告文件、Excel、已发布的年报）；默认取本文件中的上年报告",
    )
    new.add_argument("--texts", action="store_true", help="沿用上年正文作为草稿（须改写）")


def _correct_arguments(correct: argparse.ArgumentParser) -> None:
    _selection(correct)
    correct.add_argument("cell", help="上年报告的单元格编号，如 s3.carried_out.natural")
    correct.add_argument("value", help='更正后的数字；""（空）撤销更正')
    correct.add_argument("--reason", help="更正的理由（必填），印在签批单上")


def _import_arguments(imp: argparse.ArgumentParser) -> None:
    imp.add_argument(
        "source",
        type=Path,
        help="要导入的文件：.json、.xlsx、已发布的年报 .txt/.html/.md/.pdf；"
        "Word 正文文稿 .docx 填入 -o 文件中已有的报告（替换文稿中有的一、五、六部分）",
    )
    imp.add_argument("-o", "--output", required=True, type=Path, help="写入的报告文件")
    imp.add_argument("--replace", action="store_true", help="覆盖文件中同单位同年度的报告")
    imp.add_argument("--json", action="store_true", help="以 JSON 输出导入结果")
    imp.add_argument("--unit", help="单位名称（来源文件中没有时；.docx：选择文件中的报告）")
    imp.add_argument("--year", type=int, help="报告年度（来源文件中没有时；.docx：选择报告）")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    _selection(check)
    check.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    from desktop.core.exports import SIGNOFF_CHOICES  # the export command's only

    _selection(export)
    export.add_argument(
        "--to",
        required=True,
        choices=["json", "pdf", "xlsx"],
        help="导出格式：json 交换文件、pdf 正式文本、xlsx Excel（官方表格、正文和数据表）",
    )
    export.add_argument("-o", "--output", required=True, help="输出文件（- 表示标准输出）")
    export.add_argument("--draft", action="store_true", help="PDF：有错误时也生成，每页标“草稿”")
    export.add_argument(
        "--signoff",
        choices=SIGNOFF_CHOICES,
        help="PDF：签批单（含填报人、审核人姓名和电话）separate 单独成文件（默认，报告可直接公开）、"
        "append 附在报告后（另起一张纸，单独编页码）、none 不要",
    )
    export.add_argument(
        "--signoff-output",
        metavar="FILE",
        help="PDF：单独的签批单写到此文件（默认在输出文件名后加“-签批单”）",
    )
    export.add_argument(
        "--no-signoff", action="store_true", help="PDF：不要签批单（同 --signoff none）"
    )
    export.add_argument("--blank-empty", action="store_true", help="PDF：空单元格留空（默认印0）")
    export.add_argument(
        "--centred-page-numbers",
        action="store_true",
        help="PDF：页码居中（默认单页居右、双页居左）",
    )


def _template_arguments(template: argparse.ArgumentParser) -> None:
    template.add_argument("--form", choices=["2019", "2021"], help="报告格式（默认按 --year 确定）")
    template.add_argument(
        "-o", "--output", required=True, type=Path, help="写入的 Excel 文件（.xlsx）"
    )
    template.add_argument("--unit", help="单位名称（可不填，由填报单位在模板中填写）")
    template.add_argument("--year", type=int, help="报告年度（可不填）")


def _explain_arguments(explain: argparse.ArgumentParser) -> None:
    _selection(explain)
    explain.add_argument(
        "key", metavar="RULE_KEY", help="问题的编号，如 Y-1:natural（见 nianbao check --json）"
    )
    explain.add_argument("text", help='说明文字；""（空）删除已有的说明')


def _selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="报告文件（.sqlite）")
    parser.add_argument("--unit", help="单位名称")
    parser.add_argument("--year", type=int, help="报告年度")


def run(argv: list[str]) -> int:
    _tolerant_output()
    try:
        if not argv or (argv[0] not in COMMANDS and Path(argv[0]).is_file()):
            return _window(argv[0] if argv else None)  # `nianbao` or `nianbao 报告.sqlite`
        try:
            args = build_parser(argv[0] if argv[0] in SUBCOMMANDS else None).parse_args(argv)
        except SystemExit as done:  # --help and --version print and stop here
            code = int(done.code or 0)
        else:
            code = COMMANDS[args.command](args)
        if sys.stdout is not None:
            sys.stdout.flush()  # a reader that went away shows here, not as noise at exit
        return code
    except BrokenPipeError:
        # `nianbao check 报告.sqlite | head -1`: the reader has what it wanted.
        _quiet_stdout()
        return EXIT_ERRORS
    except NianbaoError as error:
        print(f"错误：{shown(str(error), limit=None)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as error:
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        # A defect of ours still ends in one line an officer can pass on, not a traceback.
        detail = shown(" ".join(str(error).split()), limit=200)
        print(
            f"错误：程序内部错误（{type(error).__name__}：{detail}），请将此行告知技术支持",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT


def _window(path: str | None) -> int:
    """No command: the window (Qt is imported only here, the command line never needs it)."""
    from desktop.app import run_gui

    return run_gui(path)


def _tolerant_output() -> None:
    """A console keeps its own encoding with what it cannot show replaced; a pipe or a
    file gets UTF-8, which a Chinese Windows (code page 936) would otherwise make GBK,
    turning every character outside GBK into "?". Nothing crashes over one symbol."""
    for stream in (sys.stdout, sys.stderr):
        if not hasattr(stream, "reconfigure"):
            continue
        try:
            if stream.isatty():
                stream.reconfigure(errors="replace")
            else:
                stream.reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):
            pass  # a stream already closed or of another kind: leave it as it is


def _emit_json(data: dict) -> None:
    """JSON for programs, always as UTF-8 bytes whatever the console's code page."""
    content = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(content)
        return
    sys.stdout.flush()  # keep anything printed before in order
    # A lone surrogate (never accepted on input) becomes its JSON escape \udxxx.
    buffer.write(content.encode("utf-8", "backslashreplace"))
    buffer.flush()


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at the null device, so that Python's own flush
    at exit does not fail again (the recipe in the documentation of signal)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):
        pass  # not a real file descriptor (tests capture output in memory)


def cmd_new(args) -> int:
    from desktop.core import last_year as last_year_source
    from desktop.core.previous import based_on

    unit, year = checked_identity(args.unit, args.year)
    form = load_form(args.form) if args.form else form_for_year(year)
    report = Report(unit, year, form)
    found = last_year_source.find(args.file, unit, year, args.previous)
    if found:
        based_on(report, *found, texts=args.texts)
    elif args.previous is None and args.texts:
        raise NianbaoError(f"{args.file} 中没有{unit}{year - 1}年度的报告，--texts 无从沿用")
    store_report(args.file, report)
    print(f"已在 {args.file} 中新建 {unit} {year}年度报告（{form.name}）")
    if found:
        carried = ", ".join(f"{form.cells[c].words}={v}" for c, v in report.values.items())
        print(f"  上年数据来源：{report.previous.source}；已带入：{carried or '无'}")
        if args.texts:
            print("  已沿用上年正文作为草稿，请逐段改写（与上年雷同会被提示）")
    return EXIT_OK


def cmd_correct_previous(args) -> int:
    session = ReportSession.open(args.file, args.unit, args.year)
    try:
        session.correct_previous(args.cell, args.value, args.reason or "")
        record = session.report.previous
    finally:
        session.close()
    if args.value in (None, ""):
        print(f"已撤销对上年 {args.cell} 的更正")
    else:
        print(
            f"已更正上年 {args.cell} 为 {args.value}（来源：{record.source}；理由：{args.reason}）"
        )
    return EXIT_OK


def cmd_import(args) -> int:
    from desktop.core.exchange import read_any

    if args.source.suffix.lower() == ".docx":  # a draft of the narrative: into a report
        from desktop.cli_word import import_draft

        return import_draft(args, _emit_json)
    result = read_any(args.source, args.unit, args.year)
    written = result.ok
    if written:
        store_report(args.output, result.report, result.explanations, replace=args.replace)
    if args.json:
        _emit_json({"written": written, **result.to_json()})
    else:
        _print_import(result, args.output, written)
    if not written:
        first = result.rejected[0][1]
        more = f"等 {len(result.rejected)} 处" if len(result.rejected) > 1 else ""
        print(
            f"错误：{args.source.name} 有不能导入的数据（{first}{more}），未写入任何内容",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return EXIT_OK


def _print_import(result, output: Path, written: bool) -> None:
    report = result.report
    if written:
        print(f"已导入 {report.unit} {report.year}年度报告（{report.form.name}）到 {output}：")
        print(f"  单元格 {len(result.imported)} 个，文字栏目 {len(report.texts)} 个")
    for note in result.notes:
        print(f"  {note}")
    for discrepancy in result.discrepancies:
        print(f"  公布的合计与明细不符：{discrepancy.line()}（{discrepancy.cell}）")
    for place, message in result.warnings:
        print(f"  {place}：{message}")
    for _, message in result.rejected:
        print(f"  不能导入：{message}")


def cmd_check(args) -> int:
    with ReportFile.open(args.file, readonly=True) as file:
        infos = [
            info
            for info in file.reports()
            if (args.unit is None or info.unit == args.unit)
            and (args.year is None or info.year == args.year)
        ]
        if not infos:
            file.find(args.unit, args.year)  # raises with the right message
        results = []
        for info in infos:
            report = file.load(info.id)
            findings = check_report(report, last_year(file, report), file.explanations(info.id))
            results.append((report, findings))
    if args.json:
        _emit_json({"reports": [_check_json(r, f) for r, f in results]})
    else:
        for report, findings in results:
            _print_findings(report, findings)
    has_errors = any(f.blocking for _, fs in results for f in fs)
    return EXIT_ERRORS if has_errors else EXIT_OK


def _counts(findings) -> tuple[int, int]:
    errors = sum(1 for f in findings if f.blocking)
    return errors, sum(1 for f in findings if not f.is_error)


def _check_json(report: Report, findings) -> dict:
    errors, warnings = _counts(findings)
    return {
        "unit": report.unit,
        "year": report.year,
        "form": report.form.id,
        "errors": errors,
        "warnings": warnings,
        "findings": [f.to_json() for f in findings],
    }


def _print_findings(report: Report, findings) -> None:
    errors, warnings = _counts(findings)
    print(
        f"{report.unit} {report.year}年度（{report.form.name}）：错误 {errors} 处，提示 {warnings} 处"
    )
    for finding in findings:
        print(f"  {finding.line()}")


def cmd_export(args) -> int:
    from desktop.core.exports import SIGNOFF_SEPARATE

    options = _pdf_options(args) if args.to == "pdf" else None  # bad options: before any work
    if args.to == "xlsx" and args.output == "-":
        raise NianbaoError("Excel 文件不能写到标准输出，请用 -o 给出文件名，如 -o 报告.xlsx")
    with ReportFile.open(args.file, readonly=True) as file:
        info = file.find(args.unit, args.year)
        report = file.load(info.id)
        explanations = file.explanations(info.id)
        findings = check_report(report, last_year(file, report), explanations)
    sheet = None
    if options is not None:
        from desktop.core.pdf import load_fonts, render, render_signoff  # only for a PDF

        fonts = load_fonts(options.official_fonts)
        content = render(report, findings, options, fonts)
        if options.signoff == SIGNOFF_SEPARATE:
            sheet = (_sheet_path(args), render_signoff(report, findings, options, fonts))
        if any(f.blocking for f in findings):
            print("注意：报告还有错误，已生成草稿（每页标有“草稿”）", file=sys.stderr)
    elif args.to == "xlsx":
        from desktop.core.exchange.xlsx_out import report_workbook  # openpyxl: only here

        content = report_workbook(report, explanations)
    else:
        from desktop.core.interchange import dump_json, to_interchange

        content = dump_json(to_interchange(report, explanations)).encode("utf-8")
    files = [] if args.output == "-" else [(Path(args.output), content)]
    _write_atomically(files + ([sheet] if sheet else []))
    if args.output == "-":
        sys.stdout.buffer.write(content)
    else:
        print(f"已导出 {report.unit} {report.year}年度报告到 {args.output}")
    if sheet:
        print(f"签批单（含姓名、电话，不随报告公开）已单独导出到 {sheet[0]}", file=_notes(args))
    if options is not None:  # which font printed each role: official fonts or the shipped ones
        print("字体：" + "；".join(fonts.describe()), file=_notes(args))
    return EXIT_OK


def _notes(args):
    """Where words about the export go: stderr when the PDF itself goes to stdout."""
    return sys.stderr if args.output == "-" else sys.stdout


def _pdf_options(args):
    from desktop.core.exports import SIGNOFF_NONE, SIGNOFF_SEPARATE
    from desktop.core.pdf import PdfOptions

    signoff = args.signoff or (SIGNOFF_NONE if args.no_signoff else SIGNOFF_SEPARATE)
    if args.no_signoff and signoff != SIGNOFF_NONE:
        raise NianbaoError(f"命令行参数有误：--no-signoff 与 --signoff {signoff} 矛盾")
    if args.signoff_output and signoff != SIGNOFF_SEPARATE:
        raise NianbaoError(
            "命令行参数有误：--signoff-output 只用于单独的签批单（--signoff separate）"
        )
    if signoff == SIGNOFF_SEPARATE and args.output == "-" and not args.signoff_output:
        raise NianbaoError(
            "标准输出只能输出报告一个文件：请用 --signoff-output 指定单独的签批单写到哪里，"
            "或用 --signoff append（附在报告后）或 --signoff none（不要签批单）"
        )
    return PdfOptions(
        draft=args.draft,
        signoff=signoff,
        blank_empty=args.blank_empty,
        centred_numbers=args.centred_page_numbers,
    )


def _sheet_path(args) -> Path:
    from desktop.core.exports import signoff_path

    path = Path(args.signoff_output) if args.signoff_output else signoff_path(Path(args.output))
    if args.output != "-" and _same_path(path, Path(args.output)):
        raise NianbaoError(f"签批单不能与报告写到同一个文件 {path}")
    return path


def _same_path(one: Path, other: Path) -> bool:
    return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


def _write_atomically(files: list[tuple[Path, bytes]]) -> None:
    """A half-written export is worse than none: each file is written beside its target
    and renamed over it; a file open in another program is named as the likely cause."""
    from desktop.core.exports import write_files

    write_files(files)


def cmd_template(args) -> int:
    """An empty Excel workbook of a format for units that still fill in Excel."""
    from desktop.core.exchange.xlsx_out import template_workbook  # openpyxl: only here

    if args.form is None and args.year is None:
        raise NianbaoError("请用 --form 2019|2021 或 --year 指定模板的报告格式")
    if str(args.output) == "-":
        raise NianbaoError("Excel 文件不能写到标准输出，请用 -o 给出文件名，如 -o 模板.xlsx")
    form = load_form(args.form) if args.form else form_for_year(args.year)
    unit = year = None
    if args.year is not None:
        _, year = checked_identity("单位", args.year)  # the one check of a year
    if args.unit is not None:
        unit, _ = checked_identity(args.unit, year or form.first_year)
    _write_atomically([(args.output, template_workbook(form, unit, year))])
    about = "、".join(str(x) for x in (unit, f"{year}年度" if year else None) if x)
    print(f"已生成{form.name}的 Excel 填报模板{f'（{about}）' if about else ''}：{args.output}")
    return EXIT_OK


def cmd_show(args) -> int:
    with ReportFile.open(args.file, readonly=True) as file:
        infos = file.reports()
        print(f"{args.file} 中共有 {len(infos)} 份报告：")
        for info in infos:
            print(f"  {info.label}")
        if not infos or (len(infos) > 1 and args.unit is None and args.year is None):
            return EXIT_OK
        info = file.find(args.unit, args.year)
        report = file.load(info.id)
        findings = check_report(report, last_year(file, report), file.explanations(info.id))
    print()
    for line in summary(report, findings):
        print(line)
    return EXIT_OK


SUMMARY_CELLS = (
    ("s3.new.total", "本年新收申请"),
    ("s3.carried_in.total", "上年结转申请"),
    ("s3.total.total", "本年办结"),
    ("s3.carried_out.total", "结转下年度"),
    ("s4.review.total", "行政复议"),
    ("s4.suit_direct.total", "行政诉讼（未经复议）"),
    ("s4.suit_after_review.total", "行政诉讼（复议后）"),
)


def summary(report: Report, findings) -> list[str]:
    filled = len(report.values)
    lines = [
        report.title,
        f"  报告格式：{report.form.name}（{report.form.notice}）",
        f"  已填单元格：{filled} / {len(report.form.input_cells)}",
    ]
    lines += [f"  {META_FIELDS[k]}：{v}" for k, v in report.meta.items() if v]
    lines += [f"  声明：{text}" for text in report.declarations.values()]
    if report.previous is not None:
        lines += [f"  {line}" for line in report.previous.lines()]
    for cell_id, label in SUMMARY_CELLS:
        value = report.value(cell_id)
        lines.append(f"  {label}：{'未填' if value is None else value}")
    for section in report.form.text_sections:
        lines.append(f"  {section.heading}：{len(report.text(section.id))} 字")
    errors, warnings = _counts(findings)
    lines.append(f"  检查：错误 {errors} 处，提示 {warnings} 处（nianbao check 查看详情）")
    from desktop.core.interchange import fingerprint  # the JSON reader and writer: not for check

    lines.append(f"  数据指纹：{fingerprint(report)}（与打印的签批单核对）")
    return lines


def cmd_explain(args) -> int:
    """Record (or with empty text remove) the explanation of one finding, e.g. Y-1 after
    机构改革; a hard error is refused: its data must be corrected."""
    session = ReportSession.open(args.file, args.unit, args.year)
    try:
        session.explain(args.key, args.text)
        findings = session.findings()
    finally:
        session.close()
    report = session.report
    found = next((f for f in findings if f.key == args.key), None)
    about = f"“{found.message}”" if found else f"{args.key}（该项检查目前未发现问题）"
    done = "已记录说明" if args.text.strip() else "已删除说明"
    print(f"{report.unit} {report.year}年度：{done}：{about}")
    errors, warnings = _counts(findings)
    print(f"  检查：错误 {errors} 处（未改正且未说明），提示 {warnings} 处")
    return EXIT_OK


SUBCOMMANDS = {
    "new": ("新建报告（在报告文件中增加一份空白报告）", _new_arguments),
    "import": ("导入报告：交换格式 JSON、Excel、已发布的年报、Word 正文", _import_arguments),
    "check": ("检查勾稽关系", _check_arguments),
    "export": ("导出报告", _export_arguments),
    "show": ("列出文件中的报告并显示摘要", _selection),
    "explain": ("为检查发现的问题填写说明（空文字删除说明）", _explain_arguments),
    "correct-previous": ("更正上年报告印错的数字（须写明理由）", _correct_arguments),
    "template": ("生成 Excel 填报模板（供仍用 Excel 填报的单位）", _template_arguments),
}

COMMANDS = {
    "new": cmd_new,
    "import": cmd_import,
    "check": cmd_check,
    "export": cmd_export,
    "show": cmd_show,
    "explain": cmd_explain,
    "correct-previous": cmd_correct_previous,
    "template": cmd_template,
}
