"""gk lint: rules, the engine that runs them, and output formats.

A rule is one module in `gkcli/lint/rules/`, named `gkNNN_<name>.py`, holding:

    CODE = "GK202"                  # stable, never reused
    NAME = "unknown-unit"           # kebab-case, English
    SEVERITY = "error"              # default: "error" | "warning"
    SUMMARY = "责任单位名称无法识别"   # one line, Chinese
    FIXABLE = False                 # True when --fix can mend it safely
    __doc__ = '''## 作用 / ## 为什么 / ## 错误示例 / ## 正确示例 / ## 修复'''  (Chinese, ruff-style headings)

    def check(ctx: LintContext) -> Iterator[Finding]: ...

Rules only yield findings: they never print, exit, write or read globals. The
engine applies severity, selection and --strict. Codes the loader itself emits
(syntax, encoding, duplicate key, ...) have a module too, for their docs; their
`check` yields the loader's findings of that code.
"""
