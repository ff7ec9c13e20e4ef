"""gk lint: rules, the engine that runs them, and output formats.

A rule is one module in `gkcli/lint/rules/`, named `gkNNN_<name>.py`, holding:

    CODE = "GK202"                  # stable, never reused
    NAME = "unknown-unit"           # kebab-case, English
    SEVERITY = "error"              # default: "error" | "warning"
    SUMMARY = "责任单位名称无法识别"   # one line, Chinese
    FIXABLE = False                 # True when --fix can mend it safely
    __doc__ = '''## 作用 / ## 为什么 / ## 错误示例 / ## 正确示例 / ## 修复'''  (Chinese, ruff-style headings;
                                    # the two examples are ```yaml blocks)

    def check(ctx: LintContext) -> Iterator[Finding]:
        for ...:
            yield ctx.finding(file, ("tasks", 3, "units", 0), "未知单位“县财正局”", "是不是“县财政局”？")

Optional:

    DEFAULT = False                 # an opt-in rule: runs only with --select / --extend-select
    def fixes(ctx) -> Iterator[fix.Edit]   # FIXABLE rules: the rewrites --fix applies
    FIX_OPT_IN = "--fix-deadlines"  # a fix applied only when this flag asks for it

`LintContext` (engine.py) gives a rule `ctx.repo` (records, docs, loader findings),
`ctx.model` (resolved tasks, history), `ctx.resolver`, `ctx.settings`, `ctx.refs`
(every written unit reference, located), `ctx.info(task)`, `ctx.doc(file)`,
`ctx.locate(...)`, `ctx.today` and `ctx.changes` (pull-request mode only), and
`ctx.finding(file, path, message, hint, key=False, severity=None)` which fills
in the running rule's code and default severity.

Rules only yield findings: they never print, exit, write or read globals. The
engine applies selection, severity overrides and --strict. Codes the loader itself
emits (syntax, encoding, duplicate key, ...) have a module too, for their docs;
their `check` yields the loader's findings of that code.

Numbering: GK1xx files, GK2xx units and names, GK3xx plans and tasks, GK4xx
progress, GK5xx catalog, GK6xx annual figures.
"""
