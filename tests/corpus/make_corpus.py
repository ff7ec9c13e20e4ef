"""Writes the bad-input corpus: files a careless or hostile pull request could contain.

    python tests/corpus/make_corpus.py      # rewrites tests/corpus/data/ and manifest.json

The corpus is itself a data repo (gk.toml, data/): a few valid files every case can
refer to, and one file per case at the place a pull request would put it. Bytes are
written exactly (GBK, NUL, BOM, CRLF), so the committed files are the cases and this
script says how each was made. Cases too big or too odd to commit (a 50 MB file,
10,000-deep nesting, symlinks leaving the repo, a file name holding a newline) are
made by tests/test_corpus.py in a copy of this repo.

manifest.json: path → {"expect": "error" | "ok", "codes": [codes any of which is
expected], "why": "..."}. "ok" files are normal input (BOM, CRLF, no final newline)
and must load with no error.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent

UNITS = """\
units:
  - name: 县财政局
    full_name: 测试县财政局
    kind: department
  - name: 县人社局
    kind: department
  - name: 甲镇
    kind: township
groups:
  - name: 各乡镇
    members: {kind: [township]}
"""
PLAN = """\
plan:
  id: t2023
  title: 测试方案
  issued_on: 2023-01-05
tasks:
  - id: t2023-01
    title: 任务一
    units: [县财政局, 县人社局]
    deadline: 2023年12月底前
  - id: t2023-02
    title: 任务二
    units: [各乡镇]
    deadline: 长期
"""


def progress(unit: str = "县财政局", period: str = "2023Q3", body: str = "") -> str:
    return f"unit: {unit}\nperiod: {period}\nsubmitted_on: 2023-10-08\nentries:\n" + (
        body or "  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: 已完成\n"
    )


BOMB = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)

P = "data/progress/2023Q3/"
CASES: dict[str, tuple[str, bytes | str, list[str], str]] = {
    # name: (expect, content, codes, why)
    # --- YAML syntax ---
    P + "语法-方括号未闭合.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    evidence: [https://a.gov.cn\n"), ["GK101"], "flow sequence never closed"),
    P + "语法-缩进错乱.yaml": ("error", progress(body="  - task: t2023-01\n     status: done\n    date: 2023-09-12\n"), ["GK101"], "one key indented one space too far"),
    P + "语法-值中有冒号.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: 说明: 已完成: 全部\n"), ["GK101"], "unquoted ': ' inside a value"),
    P + "语法-引号未闭合.yaml": ("error", progress(body='  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: "已完成\n'), ["GK101"], "double quote never closed"),
    P + "语法-反引号.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: `已完成`\n"), ["GK101"], "a value starting with a backtick"),
    P + "语法-at开头.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: @县财政局\n"), ["GK101"], "a value starting with @"),
    P + "语法-列表映射混写.yaml": ("error", "unit: 县财政局\n- period: 2023Q3\n", ["GK101"], "a sequence item inside a mapping"),
    P + "冲突-块.yaml": ("error", progress(body="  - task: t2023-01\n<<<<<<< HEAD\n    status: done\n=======\n    status: in_progress\n>>>>>>> 县财政局-三季度\n    date: 2023-09-12\n"), ["GK101"], "git merge conflict markers left in a block mapping"),
    P + "冲突-行内列表.yaml": ("error", "unit: 县财政局\nperiod: 2023Q3\nentries: [\n<<<<<<< HEAD\n  {task: t2023-01, status: done, date: 2023-09-12},\n||||||| base\n=======\n  {task: t2023-01, status: in_progress, date: 2023-09-12},\n>>>>>>> feature\n]\n", ["GK101"], "conflict markers inside a multi-line flow list (YAML reads them as values)"),
    P + "语法-多个文档.yaml": ("error", progress() + "---\n" + progress(), ["GK101"], "two YAML documents in one file"),
    P + "语法-指令.yaml": ("error", "%YAML 1.1\n%TAG ! tag:evil.example,2023:\n---\n" + progress(), ["GK101", "GK108", "GK401"], "YAML directives"),
    P + "语法-复杂键.yaml": ("error", progress(body="  - ? [task, status]\n    : x\n"), ["GK101", "GK105"], "a complex (sequence) key"),
    P + "语法-控制字符.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: 已完成\x1b[2J\x07\n"), ["GK101"], "raw terminal control characters"),
    P + "语法-错误转义.yaml": ("error", progress(body='  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: "C:\\新建文件夹\\q"\n'), ["GK101"], "an unknown escape in a double-quoted string"),
    # --- tabs ---
    P + "制表符-缩进.yaml": ("error", progress(body="  - task: t2023-01\n\tstatus: done\n    date: 2023-09-12\n"), ["GK101"], "a tab used for indentation"),
    P + "制表符-键前.yaml": ("error", "unit:\t县财政局\nperiod: 2023Q3\n\tentries: []\n", ["GK101"], "a tab before a key"),
    # --- encodings ---
    P + "编码-GBK.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: 已在政府门户网站公开\n").encode("gbk"), ["GK102"], "saved as GBK by Notepad/WPS"),
    P + "编码-GB18030.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: 𠀀𪚥 生僻字\n").encode("gb18030"), ["GK102"], "GB18030 four-byte characters"),
    P + "编码-UTF16.yaml": ("error", progress().encode("utf-16"), ["GK102"], "UTF-16 with its BOM"),
    P + "编码-Latin1.yaml": ("error", progress(unit="Caf\xe9", body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: caf\xe9\n").encode("latin-1"), ["GK102"], "Latin-1 bytes"),
    P + "编码-截断的UTF8.yaml": ("error", progress().encode("utf-8") + "    note: 已完".encode("utf-8")[:-1] + b"\n", ["GK102"], "a UTF-8 character cut in half"),
    P + "编码-过长编码.yaml": ("error", progress().encode("utf-8") + b"    note: \xc0\xaf\n", ["GK102"], "an overlong UTF-8 sequence (a disguised '/')"),
    P + "NUL字节.yaml": ("error", progress().encode() + b"\x00\x00\x00", ["GK102"], "NUL bytes after the text"),
    P + "NUL字节-开头.yaml": ("error", b"\x00" + progress().encode(), ["GK102"], "a NUL byte first"),
    P + "二进制-PNG.yaml": ("error", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["GK102"], "an image renamed .yaml"),
    # --- aliases, tags ---
    P + "别名炸弹.yaml": ("error", BOMB, ["GK106"], "billion laughs: nine levels of nine aliases"),
    P + "锚点与别名.yaml": ("error", progress(body="  - &e\n    task: t2023-01\n    status: done\n    date: 2023-09-12\n  - *e\n"), ["GK106"], "an anchored entry repeated by alias"),
    P + "合并键.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n  - <<: {task: t2023-01}\n    status: done\n    date: 2023-09-13\n"), ["GK106"], "a merge key"),
    P + "标签-python对象.yaml": ("error", progress(body="  - task: !!python/object/apply:os.system ['rm -rf /']\n    status: done\n    date: 2023-09-12\n"), ["GK108"], "!!python/object/apply"),
    P + "标签-自定义.yaml": ("error", progress(body="  - task: t2023-01\n    status: !done done\n    date: 2023-09-12\n"), ["GK108"], "a local tag"),
    P + "标签-binary.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    note: !!binary aGVsbG8=\n"), ["GK108"], "!!binary"),
    # --- duplicate keys ---
    P + "重复键-顶层.yaml": ("error", "unit: 县财政局\nperiod: 2023Q3\nunit: 县人社局\nentries: []\n", ["GK103"], "unit written twice"),
    P + "重复键-条目.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    status: not_started\n    date: 2023-09-12\n"), ["GK103"], "status written twice in one entry"),
    P + "重复键-行内.yaml": ("error", progress(body="  - {task: t2023-01, status: done, date: 2023-09-12, date: 2023-09-13}\n"), ["GK103"], "a key twice in a flow mapping"),
    # --- dates ---
    P + "日期-2月30日.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-02-30\n"), ["GK105"], "2023-02-30 does not exist"),
    P + "日期-13月.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-13-01\n"), ["GK105"], "month 13"),
    P + "日期-斜杠.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023/09/12\n"), ["GK105"], "2023/09/12 is not ISO"),
    P + "日期-中文.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023年9月12日\n"), ["GK105"], "a Chinese date where ISO is required"),
    P + "日期-报送日期无效.yaml": ("error", "unit: 县财政局\nperiod: 2023Q3\nsubmitted_on: 2023-09-31\nentries: []\n", ["GK105"], "submitted_on 2023-09-31"),
    # --- names with ../ or / ---
    P + "路径-上级目录.yaml": ("error", progress(unit="../../县财政局"), ["GK401", "GK202"], "a unit field climbing out of the repo"),
    P + "路径-斜杠.yaml": ("error", progress(unit="县财政局/../../etc/passwd"), ["GK401", "GK202"], "a unit field holding a path"),
    P + "路径-绝对路径.yaml": ("error", progress(unit="/etc/passwd"), ["GK401", "GK202"], "an absolute path as a unit"),
    "data/progress/../progress/2023Q3/路径-季度为路径.yaml": ("skip", "", [], "(the file system folds ../ in a path: not a case)"),
    P + "路径-季度字段.yaml": ("error", progress(period="../2023Q3"), ["GK105", "GK401"], "a period field holding a path"),
    "data/units/单位名含斜杠.yaml": ("error", "units:\n  - name: ../../县审计局\n    kind: department\n  - name: 县/统计局\n    kind: department\n", [], "unit names that are paths (progress files are named by unit)"),
    # --- shapes and types ---
    P + "空文件.yaml": ("error", "", ["GK105"], "an empty file"),
    P + "只有注释.yaml": ("error", "# 县财政局 2023Q3\n# 待填写\n", ["GK105"], "comments only"),
    P + "只有空白.yaml": ("error", "\n\n   \n\n", ["GK105"], "blank lines only"),
    P + "顶层是列表.yaml": ("error", "- unit: 县财政局\n- period: 2023Q3\n", ["GK105"], "a list where a mapping belongs"),
    P + "顶层是文字.yaml": ("error", "县财政局 2023年第三季度 工作进展良好\n", ["GK105"], "plain text"),
    P + "条目是文字.yaml": ("error", "unit: 县财政局\nperiod: 2023Q3\nentries: 已完成全部任务\n", ["GK105"], "entries is text"),
    P + "条目是列表的列表.yaml": ("error", progress(body="  - [t2023-01, done, 2023-09-12]\n"), ["GK105"], "an entry is a list"),
    P + "未知字段.yaml": ("error", progress(body="  - task: t2023-01\n    status: done\n    date: 2023-09-12\n    owner: 张三\n"), ["GK104"], "an unknown key"),
    P + "缺少字段.yaml": ("error", "period: 2023Q3\nentries: []\n", ["GK105"], "unit missing"),
    P + "状态取值无效.yaml": ("error", progress(body="  - task: t2023-01\n    status: 已完成\n    date: 2023-09-12\n"), ["GK105"], "status in Chinese"),
    P + "季度格式.yaml": ("error", progress(period="2023Q5"), ["GK105"], "quarter 5"),
    P + "巨大数字.yaml": ("error", progress(body="  - task: " + "9" * 5000 + "\n    status: done\n    date: 2023-09-12\n"), ["GK402"], "a 5,000-digit task id"),
    P + "布尔值任务.yaml": ("error", progress(body="  - task: yes\n    status: true\n    date: 2023-09-12\n"), ["GK105", "GK402"], "booleans where text belongs"),
    "data/tasks/方案-时限无效.yaml": ("error", PLAN.replace("t2023", "t2024").replace("2023年12月底前", "2023年2月30日"), ["GK304"], "a deadline that is no day"),
    "data/tasks/方案-重复任务.yaml": ("error", PLAN.replace("t2023", "t2025").replace("t2025-02", "t2025-01"), ["GK301"], "a task id twice"),
    # --- normal input that must load ---
    "data/progress/2023Q3/县人社局.yaml": ("ok", b"\xef\xbb\xbf" + progress("县人社局").encode(), [], "a UTF-8 BOM (Windows Notepad)"),
    "data/progress/2023Q2/县财政局.yaml": ("ok", progress(period="2023Q2").replace("2023-10-08", "2023-07-08").replace("2023-09-12", "2023-06-12").replace("\n", "\r\n"), [], "CRLF line ends"),
    "data/progress/2023Q2/县人社局.yaml": ("ok", progress("县人社局", "2023Q2").replace("2023-10-08", "2023-07-08").replace("2023-09-12", "2023-06-12").rstrip("\n"), [], "no final newline"),
    "data/progress/2023Q1/县财政局.yaml": ("ok", b"\xef\xbb\xbf" + progress(period="2023Q1").replace("2023-10-08", "2023-04-08").replace("2023-09-12", "2023-03-12").replace("\n", "\r\n").rstrip("\r\n").encode(), [], "BOM, CRLF and no final newline together"),
}


def main() -> None:
    data = HERE / "data"
    if data.exists():
        shutil.rmtree(data)
    (HERE / "gk.toml").write_text('# 恶意或粗心的拉取请求可能带来的文件：见 make_corpus.py\ncounty = "语料县"\n', encoding="utf-8")
    files = {"data/units/units.yaml": UNITS, "data/tasks/t2023.yaml": PLAN, "data/progress/2023Q3/县财政局.yaml": progress()}
    manifest = {}
    for rel, (expect, content, codes, why) in CASES.items():
        if expect == "skip":
            continue
        files[rel] = content
        manifest[rel] = {"expect": expect, "codes": codes, "why": why}
    for rel, content in files.items():
        p = HERE / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(manifest)} cases")


if __name__ == "__main__":
    main()
