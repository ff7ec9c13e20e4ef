"""The deadline grammar (完成时限) of DESIGN.md.

`parse("2023年6月底前", plan_year=2023)` → Deadline(kind="date", due=2023-06-30).
Every due date is inclusive: the task is due at the end of that day.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

from .periods import month_end

class _Pattern:
    """A pattern of this module, compiled when first used; it then takes its own place among the module's
    names. Importing the module compiles none of its sixty-odd patterns (a run that reads no deadline pays
    for none), and a pattern once used costs what any compiled one does."""

    __slots__ = ("args", "name", "compiled")

    def __init__(self, pattern: str, flags: int = 0):
        self.args, self.name, self.compiled = (pattern, flags), "", None

    def __getattr__(self, attr: str):
        if self.compiled is None:
            self.compiled = re.compile(*self.args)
            if self.name:
                globals()[self.name] = self.compiled
        return getattr(self.compiled, attr)


Kind = Literal["date", "window", "ongoing", "as_needed", "recurring"]
Every = Literal["month", "quarter", "half", "year"]



class DeadlineError(ValueError):
    """Text that is not a deadline; the message quotes it. `reason` says which kind of wrong, for
    hints: "no_year", "no_such_day" (4月31日), "no_such_month" (13月), "mixed" (a date and a recurring duty),
    "reversed" (a window ending before it starts), "mixed_recurring" (two periods: 每年1月15日前、每季度),
    "late_start" (长期 from a year after the plan's), "invisible" (control or private-use characters),
    "before" (以前/之前 after a time with no day: 2024年以前, 10月份之前), "months" (months listed that are no one
    schedule: 2024年6月、12月, 4月、8月、12月), "plan_year_day" (a day the plan's year lacks: 2月29日前 in 2025),
    "too_often" (每日, 每周: no period gk tracks), "" for text gk cannot read at all."""

    def __init__(self, message: str, reason: str = ""):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Deadline:
    text: str
    kind: Kind
    due: dt.date | None = None
    start: dt.date | None = None
    every: Every | None = None
    # a recurring deadline due inside its period, not at its end (每年3月31日前): (month of
    # the period, counted from 1; day, 0 for the month's last, -1 for its last working day), e.g.
    # (3, 31), or (1, 10) for 每季度首月10日前, or (3, -1) for 每季度最后一个工作日
    at: tuple[int, int] | None = None
    # the text says more than when it is due (①…②… steps, 并长期坚持, 或…后一周内): kept as written
    more: bool = False
    # a recurring deadline some time after each period ends (每季度结束后10个工作日内): (n, 工作日|周|个月)
    lag: tuple[int, str] | None = None
    # its due days are counted on China's working-day calendar (…20个工作日内, 每月最后一个工作日, 节假日顺延): in a year
    # the calendar does not know yet they are Mon–Fri estimates (GK311)
    workdays: bool = False

    @property
    def dated(self) -> bool:
        """Does it have due dates (a completion rate counts its task)? Not 长期, not 适时."""
        return self.kind not in ("ongoing", "as_needed")

    @property
    def iso(self) -> str | None:
        """The ISO spelling of a fixed deadline (the safe `--fix` target), else None."""
        if self.kind != "date" or self.due is None or self.more:
            return None
        return self.due.isoformat()

    def occurrence(self, day: dt.date) -> tuple[dt.date, dt.date]:
        """For a recurring deadline: (first, last) day of the occurrence holding `day`."""
        assert self.every is not None
        if self.at is not None or self.lag is not None:  # due inside each period or after it: due day to due day
            step = _MONTHS[self.every]
            start = (day.year * 12 + day.month - 1) // step * step  # the period holding day, as a month count
            while self._due_in(start - step) >= day:  # due after its period ends: an earlier one may still be open
                start -= step
            while self._due_in(start) < day:
                start += step
            return self._due_in(start - step) + dt.timedelta(days=1), self._due_in(start)
        if self.every == "month":
            return day.replace(day=1), month_end(day.year, day.month)
        if self.every == "quarter":
            m = 3 * ((day.month - 1) // 3) + 1
            return dt.date(day.year, m, 1), month_end(day.year, m + 2)
        if self.every == "half":
            m = 1 if day.month <= 6 else 7
            return dt.date(day.year, m, 1), month_end(day.year, m + 5)
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)

    def owed_from(self, day: dt.date) -> dt.date:
        """The first due day of a recurring deadline owed from `day`: that of the period holding
        `day` (a plan issued on 2024-12-20 for 2025, owed from 2025-01-01: 每季度结束后10个工作日内
        → 2025-04-15, not the 2025-01-15 of 2024's last quarter)."""
        assert self.every is not None
        if self.at is None and self.lag is None:
            return self.occurrence(day)[1]
        step = _MONTHS[self.every]
        start = (day.year * 12 + day.month - 1) // step * step
        while self._due_in(start) < day:  # 每年3月31日前 for a plan issued in June: next March
            start += step
        return self._due_in(start)

    def _due_in(self, start: int) -> dt.date:
        """The due day of the period starting at month count `start` (year * 12 + month - 1)."""
        if self.lag is not None:  # that long after the period's last day
            y, m0 = divmod(start + _MONTHS[self.every] - 1, 12)  # type: ignore[index]
            return after(month_end(y, m0 + 1), *self.lag)
        assert self.at is not None
        y, m0 = divmod(start + self.at[0] - 1, 12)
        if self.at[1] < 0:  # the month's last working day (每月最后一个工作日)
            return last_workday(y, m0 + 1)
        end = month_end(y, m0 + 1)
        return end if not self.at[1] else end.replace(day=min(self.at[1], end.day))


_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
_CN_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
_BEFORE = r"(?:之前|以前|前)?"
_NUM = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_Y = r"(?:(\d{4})年)"

_ONGOING = {"长期", "长期坚持", "长期推进", "持续推进", "常态化", "持续", "常态化推进", "常态化开展", "持续开展", "贯穿全年", "贯穿始终"}
# …and the rest of the family: 长期执行, 持续实施, 常态化公开, 动态更新, 长期有效
_ONGOING_RE = _Pattern("^(?:长期|持续|常态化|常年|动态|长效化?)(?:坚持|推进|开展|实施|执行|落实|公开|更新|调整|维护|有效|做好|进行|保持)?中?$")  # 持续推进中
_AS_NEEDED = {"适时", "及时", "实时", "即时", "随时", "根据需要", "按需", "根据工作需要", "根据上级部署", "按上级部署", "根据上级要求", "按上级要求", "视情况", "视情"}
# 按要求, 按照上级部署, 根据省市安排, 按法定时限: whenever asked, no date of its own
_AS_NEEDED_RE = _Pattern("^(?:按照?|根据|依照?|依据|遵照)(?:省市|省|市|上级|县委县政府|县政府|有关|相关|国家|要求)?(?:的)?(?:统一|工作)?"
                           "(?:部署|要求|安排|规定|法定时限|规定时限|法定期限|规定期限|时限要求|工作需要|需要|时限|期限|时间节点|节点|进度安排|进度)"
                           "(?:内|以内|之内)?(?:执行|办理|完成|开展|公开|推进)?$"
                           # 法定时限内, 规定期限内: the law's time, whenever it starts
                           "|^(?:法定|规定)(?:的)?(?:时限|期限)(?:内|以内|之内)?(?:执行|办理|办结|完成|公开)?$"
                           # 视工作推进情况, 视需要: as 视情况
                           "|^视(?:工作)?(?:推进|进展|开展|实际|具体)?(?:情况|需要)(?:而定)?$")
_EVERY = {
    "每月": "month",
    "每季度": "quarter",
    "每季": "quarter",
    "每半年": "half",
    "每年": "year",
    "每年度": "year",
}
_DOING = "(?:开展|组织|召开|举办|报送|上报|完成|更新|公开|发布|进行|检查|通报|报告|汇报|提交|调度|统计|督查)"  # 每年至少开展1次, 按季度报告
_EVERY_RE = _Pattern(rf"^(每月|每季度?|每半年|每年度?)(?:末|底)?(?:至少)?{_DOING}?(?:至少)?(\d+|[一二三四五六七八九十两])?次?{_DOING}?"
                       "(?:工作)?(?:进展|进度|开展)?(?:情况)?$")  # 每季度报送一次进展情况
# due on a day inside each period: 每年3月31日前, 每年1月底前, 每月10日前, 每季度首月10日前 (also
# written 每季度结束后10日内: the same days), 每半年…
_EVERY_AT = _Pattern(r"^(每月|每季度?|每半年|每年度?)(?:的)?(第[1一]个?月|首月|最后一个月|末月|(?:结束|末)?后)?(?:的)?(?:(\d{1,2})月)?(?:(\d{1,2})日|(底|末))?(?:前|之前|以前|内|以内)?$")
# due some days after an event, not on a calendar day: 信息形成或者变更之日起20个工作日内
_RELATIVE = _Pattern(r"(?:(?:之日起|之日|起|后|形成)(?:\d+|[一二三四五六七八九十两]+)个?(?:工作日|日|天|周|个月|小时)|^\d+个?工作日)(?:内|以内|之内)?$")
_RELATIVE_TAIL = _Pattern(r"(?:予以)?(?:公开|更新|发布|报送|上报)$")  # 公开时限 columns: …20个工作日内予以公开
_RELATIVE_YEAR = {"当年": 0, "本年": 0, "今年": 0, "次年": 1, "明年": 1, "翌年": 1, "下年": 1}

_ISO_DAY = _Pattern(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:前|之前)?$")
_ISO_MONTH = _Pattern(r"^(\d{4})-(\d{1,2})$")
_CN_DAY = _Pattern(rf"^{_Y}?{_NUM}月{_NUM}日?{_BEFORE}$")  # 2023年6月30(前): the 日 left out
# (10月份前, 10月份之前: as 10月之前, before October begins or by its end? refused, as that is)
_CN_MONTH = _Pattern(rf"^{_Y}?{_NUM}月(?:份)?(?:底|末|底前|末前|底之前|末之前)?$")
# 2024年 alone is within that year; 2024年前 (以前, 之前) is before it, no date of its own
_CN_YEAR_END = _Pattern(rf"^(\d{{4}})年(?:年)?(?:(?:底|末|内|全年|度|度内){_BEFORE})?$")
_CN_XUN = _Pattern(rf"^{_Y}?{_NUM}月(?:(上|中|下|上中|中下)旬(?:末)?|([上下])半月){_BEFORE}$")  # 上旬 1–10日, 中旬 11–20日, 下旬 21日–月末; 中下旬: to 月末; 上半月 1–15日
# 下半年前 / 第四季度之前 are before the period starts: no date gk reads (only …末前, …底前 end it)
_CN_HALF = _Pattern(rf"^{_Y}?(上|下)半年(?:(?:底|末){_BEFORE}|内|以内|之内)?$")  # 上半年内: by its end
_CN_QUARTER = _Pattern(rf"^{_Y}?第?([1-4一二三四])季度(?:(?:底|末){_BEFORE}|内|以内|之内)?$")
_SEP = _Pattern(r"(?:至|到|~|～|—|–|―|－)")


def _num(s: str) -> int:
    return int(s) if s.isdigit() else _CN_NUM[s]


def _normalize(text: str) -> str:
    """One spelling for what documents write many ways: full-width digits and spaces
    (NFKC), years and days in Chinese numerals (二〇二四年, 十二月三十一日), 号 for 日, and
    dotted or slashed dates (2023.6.30, 2023/6)."""
    s = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))  # zero-width spaces, BOMs pasted from web pages
    # a line break (a two-line Word cell) or a space between two whole times parts clauses
    # (2024年6月底前\n2024年12月底前); anywhere else it only wrapped the text (2024年\n6月底前)
    s = s.strip()
    if len(s.split()) > 1:  # (\s is what str.split() splits on)
        s = "".join(re.sub(r"(?<=[前底末内旬日])\s+(?=\d{4}年|每|次年|明年)", "、", s).split())
    if not s.isascii():
        s = s.translate(_TRADITIONAL)
        s = _CN_YEAR.sub(lambda m: "".join(str(_CN_DIGIT[c]) for c in m[1]) + "年", s)
        s = _CN_SMALL.sub(lambda m: str(_cn_small(m[1]) or m[1]), s)
        s = _HAO.sub(r"\1日", s)
        s = s.replace("以前", "之前")  # the same word: 6月底以前 is read wherever 6月底之前 is
    s = _DOTTED_DAY.sub(r"\1年\2月\3日", s)
    if "日" in s and "." in s:  # 2024.5.20-6.10: to June 10
        s = _DOTTED_DAY_END.sub(r"\1月\2日", s)
    s = _DOTTED_SPAN.sub(r"\1年\2月\3\4月", s)  # 2024.6-12: June to December
    s = _DOTTED_MONTH.sub(r"\1年\2月", s)
    s = _Q.sub(r"年第\1季度", s)  # 2024年Q3, and gk's own 2023Q3
    if not s.isascii():
        s = s.strip("。.;,、!！\"'“”‘’「」『』【】[]〔〕〖〗")  # pasted with its sentence's full stop, or quoted, or in 【】
        s = _DOUBLED.sub(r"\1", s)  # 当年年底前, 每月月底前: 当年底前, 每月底前
        s = _SPAN_YEARS.sub(r"\1年", s)  # 2024-2025年: 2024年-2025年
        s = _SPAN_MONTHS.sub(r"\1月", s)  # 2024年1—6月: 2024年1月—6月
        if "日" in s:  # 2024年6月10—20日: 6月10日—20日
            s = _SPAN_DAYS.sub(r"\1日", s)
        if "时" in s or "点" in s or ":" in s or "下班" in s:  # 12月31日24时前, 17:00前, 17时前: that day (every due day is inclusive)
            s = re.sub(r"(?<=日)(?:(\d{1,2})(?::(\d{2})|时|点)(?:(\d{1,2})分|整)?|下班前)(?=前|之前|$)", _within_the_day, s)
    return s


def _within_the_day(m: re.Match) -> str:
    """A time of day before which a thing is due: that day (17:00前, 24时前). 0时前 is the day before's end, and
    25:00 no time: kept, so that the text is refused rather than read a day off."""
    h, mm = int(m[1] or 12), int(m[2] or m[3] or 0)
    return "" if 0 < h <= 24 and mm < 60 and (h < 24 or mm == 0) else m[0]


# format characters (zero-width spaces and joiners, U+FEFF, soft hyphens, direction marks) and blank fillers
_INVISIBLE = _Pattern("[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0]")
_TRADITIONAL = str.maketrans("個內變後開週於為發佈", "个内变后开周于为发布")
_CN_DIGIT = {c: n for n, cs in enumerate(["〇零○", "一", "二两", "三", "四", "五", "六", "七", "八", "九"]) for c in cs}
_CN_YEAR = _Pattern("([〇零○一二三四五六七八九]{4})年")
_CN_SMALL = _Pattern("([一二三四五六七八九十]{1,3})(?=[月日号])")
_HAO = _Pattern(r"(\d{1,2})号")
_DOTTED_DAY = _Pattern(r"(?<!\d)(\d{4})[./](\d{1,2})[./](\d{1,2})(?![\d./])日?")
_DOTTED_MONTH = _Pattern(r"(?<!\d)(\d{4})[./](\d{1,2})(?![\d./])月?")
_DOTTED_SPAN = _Pattern(r"(?<!\d)(\d{4})[./](\d{1,2})([-—–~至到])(\d{1,2})(?![\d./])月?")
_DOUBLED = _Pattern("(年|月)\\1(?=[底末内])")
_Q = _Pattern(r"(?<=\d{4})年?[Qq]([1-4])(?!\d)")
_SPAN_YEARS = _Pattern("(?<!\\d)(\\d{4})(?=[-—–―~至到]\\d{4}年)")
_SPAN_DAYS = _Pattern("(?<=月)(\\d{1,2})(?=[-—–―~至到]\\d{1,2}日)")
_DOTTED_DAY_END = _Pattern(r"(?<=日[-—–―~至到])(\d{1,2})\.(\d{1,2})(?![\d./])日?")
_SPAN_MONTHS = _Pattern("(?:(?<=年)|^)(\\d{1,2})(?=[-—–―~至到]\\d{1,2}月)")  # 1-6月 too: in the plan's year


def _cn_small(s: str) -> int | None:
    """一 … 三十一 as a number, or None when it is no such numeral (十十, 四十)."""
    if "十" not in s:
        return _CN_DIGIT.get(s) if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    t = 1 if not tens else {"二": 2, "三": 3}.get(tens)
    o = 0 if not ones else _CN_DIGIT.get(ones) if len(ones) == 1 else None
    return None if t is None or not o and ones or o is None else t * 10 + o


def _need_year(year: str | None, plan_year: int | None, text: str) -> int:
    if year:
        return int(year)
    if plan_year is None:
        raise DeadlineError(f"完成时限“{text}”没有写年份，方案也没有发布日期（issued_on）可推断年份", "no_year")
    return plan_year


def _date(y: int, m: int, d: int, text: str) -> dt.date:
    try:
        return dt.date(y, m, d)
    except ValueError:
        raise DeadlineError(f"完成时限“{text}”不是有效的日期", "no_such_day") from None


def _month_end(y: int, m: int, text: str) -> dt.date:
    if not 1 <= m <= 12:
        raise DeadlineError(f"完成时限“{text}”的月份无效", "no_such_month")
    return month_end(y, m)


def _relative_year(s: str) -> bool:
    """Does s start with a year counted from another (次年3月底前, 当年底前)?"""
    return s[:2] in _RELATIVE_YEAR and bool(re.match(r"\d|[上下第底末内度]|[一二三四]季|全年|$", s[2:]))  # 当年 alone: its end


def _from_year(s: str, year: int) -> str:
    """次年3月底前 of `year` 2024 → 2025年3月底前 (s must start with a relative year)."""
    return f"{year + _RELATIVE_YEAR[s[:2]]}年{s[2:]}"


def _point(s: str, plan_year: int | None, text: str) -> tuple[dt.date, dt.date] | None:
    """A single point in time: (first day it covers, due day). None if not one."""
    if plan_year is not None and _relative_year(s):
        s = _from_year(s, plan_year)  # …，次年1月底后10日内
    if m := _ISO_DAY.match(s):
        d = _date(int(m[1]), int(m[2]), int(m[3]), text)
        return d, d
    if m := _ISO_MONTH.match(s):
        end = _month_end(int(m[1]), int(m[2]), text)
        return end.replace(day=1), end
    if m := _CN_DAY.match(s):
        y = _need_year(m[1], plan_year, text)
        if not m[1] and (_num(m[2]), _num(m[3])) == (2, 29) and month_end(y, 2).day == 28:  # 2月29日前 in a plan of 2025
            raise DeadlineError(f"完成时限“{text}”不是有效的日期：没有写年份，按方案的年份 {y} 年计，而 {y} 年 2 月只有 28 天", "plan_year_day")
        d = _date(y, _num(m[2]), _num(m[3]), text)
        return d, d
    if m := _CN_MONTH.match(s):
        y = _need_year(m[1], plan_year, text)
        end = _month_end(y, _num(m[2]), text)
        return end.replace(day=1), end
    if m := _CN_XUN.match(s):
        y = _need_year(m[1], plan_year, text)
        end = _month_end(y, _num(m[2]), text)
        first, last = {"上": (1, 10), "中": (11, 20), "下": (21, end.day), "上中": (1, 20), "中下": (11, end.day),
                       "上半": (1, 15), "下半": (16, end.day)}[m[3] or m[4] + "半"]
        return end.replace(day=first), end.replace(day=last)
    if m := _CN_YEAR_END.match(s):
        y = int(m[1])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if s in ("年内", "年底", "年底前", "年底之前", "年末", "年末前", "年末之前", "本年度", "年度内", "全年"):
        y = _need_year(None, plan_year, text)
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if m := _CN_HALF.match(s):
        y = _need_year(m[1], plan_year, text)
        return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m[2] == "上" else (dt.date(y, 7, 1), dt.date(y, 12, 31))
    if m := _CN_QUARTER.match(s):
        y = _need_year(m[1], plan_year, text)
        q = _num(m[2])
        return dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q)
    return None


def parse(text: str, plan_year: int | None = None) -> Deadline:
    """Parse one 完成时限. Raises DeadlineError (quoting the text) when it is none."""
    if _DEPTH == 0 and isinstance(text, str):  # a whole text (not a clause within one): the same answer every time
        try:
            return _parse_whole(text, plan_year)
        except DeadlineError as e:
            raise _explained(e, text) from None
    return _parse_at_depth(text, plan_year)


def _explained(e: DeadlineError, text: str) -> DeadlineError:
    """A text gk cannot read, with what is plainly wrong in it: characters no one can see (control or
    private-use ones; zero-width spaces are dropped), or 以前/之前 after a time with no day of its own."""
    if e.reason:
        return e
    hidden = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs") and not c.isspace()} | ({"\u2800"} & set(text)))
    if hidden:
        return DeadlineError(f"{e}（其中有看不见的字符：{'、'.join(f'U+{ord(c):04X}' for c in hidden)}）", "invisible")
    if _TOO_OFTEN.match(s := _normalize(text)):  # 每日, 每周五: gk has no such period
        return DeadlineError(f"{e}（gk 按季度跟踪进度，没有按日、按周的周期：经常做的工作可写作 长期（每季度报送进展），"
                             f"确要按期检查的写作 每月）", "too_often")
    if m := _MONTH_BEFORE.search(s):  # 10月前, 10月份之前, 2024年10月以前: which end?
        n, every = int(m[1]), "每年" if s.startswith("每年") else ""
        said = str(e) if "？" in str(e) else f"{e}（“{n}月前”是 {n - 1 or 12} 月底还是 {n} 月底？请写作 {every}{n}月底前 或 {every}{n - 1 or 12}月底前）"
        return DeadlineError(said, "before")
    if re.search("[以之]前", text):
        return DeadlineError(str(e), "before")
    if m := re.match(r"(\d{2})年(?=\d|[上下年底末])", s):  # 24年底前: a year of two digits
        return DeadlineError(f"{e}（“{m[1]}年”请写全：20{m[1]}年）", "short_year")
    if m := re.search(r"(?<!\d)(\d{1,2})底", s):  # 2024年6底前: 月 left out
        return DeadlineError(f"{e}（“{m[1]}底”少了“月”：{m[1]}月底）", "short_year")
    return e


_TOO_OFTEN = _Pattern(r"^(?:每|按)个?(?:日|天|周|星期|礼拜|工作日|旬)")
_MONTH_BEFORE = _Pattern(r"(?<!\d)(\d{1,2})月份?(?:之|以)?前(?!后)")


@lru_cache(maxsize=8192)  # a county's tasks share a few dozen spellings; every cold load parses every task
def _parse_whole(text: str, plan_year: int | None) -> Deadline:
    return _parse_at_depth(text, plan_year)


def _parse_at_depth(text: str, plan_year: int | None) -> Deadline:
    global _DEPTH
    if _DEPTH > 8:  # clauses parsed within clauses: a text that nests so deep is no deadline
        raise DeadlineError(f"无法识别的完成时限“{text}”")
    if isinstance(text, str) and len(text) > 300:  # a deadline is a line: taking apart a page of text costs minutes
        raise DeadlineError(f"完成时限过长（{len(text)} 字），无法识别：请只写时限，说明写在 detail 中")
    _DEPTH += 1
    try:
        return _parse(text, plan_year)
    except DeadlineError:
        raise
    except (ValueError, OverflowError):  # 9999年12月31日后1日内, 99999999个月内: past any calendar
        raise DeadlineError(f"完成时限“{text}”超出了日历的范围", "no_such_day") from None
    finally:
        _DEPTH -= 1


_DEPTH = 0


def _parse(text: str, plan_year: int | None) -> Deadline:
    if not isinstance(text, str) or not text.strip():
        raise DeadlineError("完成时限为空")
    if _MILESTONE.search(text):  # ①2月上旬前，完成设计招标。②3月底前，…: due when the last step is
        return _last_milestone(text, plan_year)
    s = _normalize(text)
    if s[:1] == "(" and (m := re.fullmatch(r"\(([^()]+)\)", s)):  # （2024年6月底前）: the whole deadline in brackets
        s = m[1]
    if "(含" in s:  # 2024年6月30日（含）前, …（含当日）: every due day is inclusive already
        s = _INCLUSIVE.sub("", s)
    weekday = None
    if "(" in s and (m := _WEEKDAY.search(s)):  # 2024年12月31日（星期二）前: the day said twice
        s, weekday = s[:m.start()] + s[m.end():], min("一二三四五六日天".index(m[1]), 6)
    # 力争2024年6月底前, 争取年底前, 原则上2024年6月底前: due then all the same (kept as written: a hedge is more than a date)
    hedged = s[:2] in ("力争", "争取", "原则") and s != (s := _HEDGE.sub("", s))
    d = _read(text, s, plan_year)
    if weekday is not None and d.due is not None and d.due.weekday() != weekday:  # which of the two is meant?
        raise DeadlineError(f"完成时限“{text}”的 {d.due.isoformat()} 是星期{'一二三四五六日'[d.due.weekday()]}，"
                            f"不是星期{'一二三四五六日'[weekday]}：请核对日期", "no_such_day")
    return replace(d, more=True) if hedged else d


_MONTH_DOT_DAY = _Pattern(r"^((?:\d{4}年)?)(\d{1,2})\.(\d{1,2})(?=(?:前|之前|完成)?$)")
_QUARTER_LIST = _Pattern(r"^((?:\d{4}年)?)((?:第?[1-4一二三四][、,和及])+第?[1-4一二三四])季度((?:末|底)?(?:前|之前)?)$")
_QUARTER_SPAN = _Pattern(r"^((?:\d{4}年)?)(?:前([1-4一二三四])个?季度|第?([1-4一二三四])[-—–~至到]第?([1-4一二三四])季度)$")
_DAY_OF_MONTHS = _Pattern(r"^(每年)?((?:\d{1,2}月[、,和及])+\d{1,2}月)(?:的|各)(\d{1,2}日)")


def _quarter_list(m: re.Match, text: str) -> str:
    """2024年第三、四季度 → 2024年第3季度至第4季度 (a window); quarters not one after another are no window."""
    qs = [_num(q) for q in re.findall("[1-4一二三四]", m[2])]
    if any(b != a + 1 for a, b in zip(qs, qs[1:])):
        raise DeadlineError(f"完成时限“{text}”列了几个不相连的季度：一项任务只有一个时限，请写出最后完成的时限，或拆成几项任务", "months")
    return f"{m[1]}第{qs[0]}季度至第{qs[-1]}季度{m[3]}"


def _day_of_months(m: re.Match) -> str:
    """每年3月、6月、9月、12月的25日 → 每年3月25日、6月25日、9月25日、12月25日: one day of each month named."""
    return (m[1] or "") + "、".join(f"{month}{m[3]}" for month in re.split("[、,和及]", m[2]))


_INCLUSIVE = _Pattern(r"(?<=[日底末月])\(含(?:当日|当天|本日|该日|当月|本月)?\)")
_WEEKDAY = _Pattern(r"(?<=日)\((?:星期|周|礼拜)([一二三四五六日天])\)")
_HEDGE = _Pattern(r"^(?:力争|争取|原则上)(?:在|于|到)?(?=\d|[上下第年当本今次明即])")


def _read(text: str, s: str, plan_year: int | None) -> Deadline:
    """_parse of the normalized text `s` (`text` as written, for messages)."""
    if ("," in s or ";" in s or "、" in s) and _reported_ongoing([c for c in re.split(r"[,;、]", s) if c]):
        return Deadline(text, "ongoing", more=True)  # 持续推进，每季度结束后10日内报送进展: before any rewrite reads its lag
    # (each rewrite below runs only when the text holds what it rewrites: a deadline is parsed for every task)
    if "每" in s:  # 于每季度结束后10日内: the same
        s = re.sub(r"^(?:原则上|按要求|分别|须|应|务必)?(?:于|在)?(?=每)", "", s)
    if "即日" in s:  # 即日起至2024年12月31日: due then
        s = re.sub(r"^(?:从|自)?即日起(?:至|到|截至)(?=\d|[上下第年当本今次明])", "", s)
    # 到2023年底, 至2024年6月底, 最迟2024年底, 确保2024年6月底前完成: the same deadline
    if s[:1] in "确到至于在截最不务须":
        s = re.sub(r"^(?:确保(?:到|至|于|在)?|到|至|于|在|截至|截止到?|最迟|最晚|不晚于|务必|须)(?=\d|[上下第年当本今次明])", "", s)
    if "." in s and (m := _MONTH_DOT_DAY.match(s)) and 1 <= int(m[2]) <= 12:  # 6.30前, 12.31, 2024年6.30前: in a deadline, a day
        s = f"{m[1]}{m[2]}月{m[3]}日{s[m.end():]}"
    if "季度" in s and (m := _QUARTER_LIST.match(s)):  # 2024年第三、四季度: from the first to the last
        s = _quarter_list(m, text)
    if "季度" in s and (m := _QUARTER_SPAN.match(s)):  # 2024年前三季度, 1-3季度: a window from the first
        if m[3] and _num(m[3]) > _num(m[4]):  # 3-2季度: a slip more likely than a window into next year
            raise DeadlineError(f"完成时限“{text}”的季度前后颠倒（跨年的写作 2024年第四季度至2025年第一季度）", "reversed")
        s = f"{m[1]}第{m[3] or 1}季度至第{m[2] or m[4]}季度"
    if "月的" in s or "月各" in s:  # 每年3月、6月、9月、12月的25日前: 每年3月25日、6月25日…
        s = _DAY_OF_MONTHS.sub(_day_of_months, s)
    if "起" in s:  # 自2024年9月30日起…; 自2024年7月1日 alone names a start, no due day
        s = re.sub(r"^自(?=\d|[上下第年当本今次明])", "", s)
    if s.endswith("止"):  # 2024年12月31日止
        s = re.sub(r"(?<=[日月底末])(?:为)?止$", "", s)
    if s[:1] == "按":  # 按季度: 每季度
        s = re.sub(r"^按(?=月$|季度?$|半年$|年度?$)", "每", s)
    if s.startswith("每年"):
        s = _EVERY_YEAR_PART.sub(_every_year_part, s)  # 每年一季度, 每年上半年: a day inside each year
        if re.match(r"^每年\d{1,2}月底[、,和及]", s):  # 每年上半年、下半年: each part, as 每年6月、12月
            s = _YEAR_PART.sub(lambda m: _every_year_part(m)[2:], s)
    if s.startswith("每个"):  # 每个季度结束后…
        s = re.sub(r"^每个(?=月|季度|半年|年)", "每", s)
    if "后" in s:
        s = _PERIOD_LAG.sub(_every_period_lag, s)  # 季度结束后10日内, 上月结束后5日内: after each period, as 每…
        if not s.startswith("每"):  # 第三季度结束后10日内, 上半年结束后1个月内: counted from that period's end
            s = re.sub(r"(?<=季度|半年|年度|当年|本年)(?:结束|终了|届满)(?=之?后)", "", s)
            s = re.sub(r"^(?:年度|当年|本年)(?=之?后)", "年底", s)
    if s.endswith(("次", "报")):
        s = _ONCE_A.sub(_once_a, s)  # 一年一次, 半年一次, 一季一报: 每年一次…
    if s[:1] == "季":  # 季度末, 季末: every quarter's end
        s = re.sub(r"^季度?末(?=前?$)", "每季度末", s)
    if s.endswith("最后一个月"):  # 每季度最后一个月: the quarter's last month, by its end
        s = re.sub(r"^(每|按)季度?最后一个月$", "每季度末", s)
    if s[:1] == "下":  # 下一年度3月底前: the year after the plan's
        s = re.sub(r"^下一?年度?(?=\d)", "下年", s)
    if s.endswith("完成"):  # 2024年6月底前完成, 本年度内完成: the same deadline
        s = re.sub(r"(?<=[前底末日月旬年度内])完成$", "", s)
    if ("初" in s or "头" in s) and re.search(r"(?<=[年月季度])初|月头|头三天", s):
        raise DeadlineError(f"完成时限“{text}”中的“初”没有确定的日期（可写作 6月10日前、每月5日前）")
    if "(" in s:
        if (m := re.match(r"^(.+?)\(([^()]*)\)$", s)) and _QUARTERLY_NOTE.match(m[2]) and (m[1] in _ONGOING or _ONGOING_RE.match(m[1])):
            return Deadline(text, "ongoing", more=True)  # 长期（每季度报送进展）: what 长期 means (DESIGN: progress every quarter)
        if (m and (m[1] in _ONGOING or _ONGOING_RE.match(m[1])) and re.search(r"(?:前|完成)$", m[2])
                and (d := _whole(m[2], plan_year)) is not None and d.kind == "date"):
            # 持续推进（2024年底前完成）: done by then and kept up, as 2024年底前完成，持续推进 (not 长期（2024年6月）: from then?)
            return replace(d, text=text, more=True)
        if m := _POSTPONED.match(s):  # 2024年6月30日前（节假日顺延）: a rule of how a due day moves, not another time
            return _postponed(text, m[1], plan_year)
        if (same := _note_repeats(s, plan_year)) is not None:  # 12月底前（2024年）: the date said twice, no other time
            s = same
        if any(not _timeless(note) for note in re.findall(r"\(([^()]*)\)", s)):  # …（2025年6月底前全面完成）: which date holds?
            raise DeadlineError(f"完成时限“{text}”的括号中另有时间，请只写一个完成时限")
    if _CHANGED.search(s):  # 延期至…, 暂缓, （待定）: the date written is not the one that holds
        raise DeadlineError(f"完成时限“{text}”说时间有变动或未定，请写出现在的完成时限")
    if s in ("同上", "同上。"):
        raise DeadlineError("完成时限写作“同上”：请照抄上一项任务的完成时限")
    if _relative_year(s):
        if plan_year is None:  # 次年3月底前 with no plan year to count from
            raise DeadlineError(f"完成时限“{text}”没有写年份，方案也没有发布日期（issued_on）可推断年份", "no_year")
        s = _from_year(s, plan_year)  # 次年3月底前: the year after the plan's
    if ((m := _FROM_THEN.match(s)) and (m[2] in ("起", "开始") or m[1][-1] in "年月日")
            and (start := _whole(m[1], plan_year)) is not None and (d := _whole(m[3], plan_year)) is not None):
        first = start.start or start.due
        if d.kind not in ("ongoing", "as_needed") or start.kind not in ("date", "window"):
            pass  # 2024年6月—每季度, …至2024年底: not a start and a duty kept up
        elif d.kind == "ongoing" and plan_year is not None and first is not None and first.year > plan_year:  # 长期 would owe progress from the plan's year on
            raise DeadlineError(f"完成时限“{text}”从{first.year}年才开始，晚于方案的年份（{plan_year}年）：按“长期”读，"
                                f"方案当年起每季度就要报送进展，起始时间就丢了。请写出方案年份内的完成时限，或把这项任务列入{first.year}年的方案", "late_start")
        else:
            return replace(d, text=text, more=True)  # 2024年起长期坚持 (of the plan's year or before): kept up from then on
    if s in _ONGOING or _ONGOING_RE.match(s):
        return Deadline(text, "ongoing")
    if s in _AS_NEEDED or _AS_NEEDED_RE.match(s):
        return Deadline(text, "as_needed")
    if m := _EVERY_RE.match(s):
        word = m[1]
        every = _EVERY.get(word) or _EVERY.get(word + "度")
        times = _count_word(m[2]) if m[2] else 1
        if times == 0:  # 每年0次, 每年至少0次: no duty at all
            raise DeadlineError(f"完成时限“{text}”的次数是 0，不是一项要做的工作")
        if times > 1:  # 每年两次: every half year; 每年4次: every quarter
            months = _MONTHS[every] / times  # type: ignore[index]
            every = {6: "half", 3: "quarter", 1: "month"}.get(months)  # type: ignore[call-overload]
            if every is None:
                raise DeadlineError(f"完成时限“{text}”不是每月、每季度、每半年或每年一次，无法按周期判断")
        return Deadline(text, "recurring", every=every)  # type: ignore[arg-type]
    if "最后" in s and (d := _last_workday(s, text, plan_year)) is not None:  # 每月最后一个工作日 (not …后1个工作日)
        return d
    bare = _RELATIVE_TAIL.sub("", s)  # …20个工作日内予以公开, 实时更新: the time without its verb
    if s.startswith("每") and (m := _EVERY_LAG.match(bare)):  # 每季度结束后10个工作日内(公开)
        every = _EVERY.get(m[1]) or _EVERY[m[1] + "度"]
        n, unit = _count_word(m[2]), m[3]
        months = _MONTHS[every]
        if (unit == "个月" and n > months) or (unit == "周" and n * 7 > months * 31) or (unit in ("日", "天", "工作日") and n > months * 31):
            raise DeadlineError(f"完成时限“{text}”：每期结束后的时间比一期还长")
        return Deadline(text, "recurring", every=every, lag=(n, unit), workdays=unit == "工作日")  # type: ignore[arg-type]
    if m := _EVERY_AT.match(s):
        return _every_at(m, text)
    if m := _EVERY_NEXT_MONTH.match(s):  # 每季度次月10日前: 10 days after each quarter ends
        return _every_next_month(m, text)
    if m := _EVERY_MONTHS.match(s):  # 每年6月、12月: every half year, at those months' ends
        return _every_months(m, text)
    if _RELATIVE.search(bare):
        return _relative(text, bare, plan_year)
    if bare in _AS_NEEDED:  # 实时公开, 及时公开
        return Deadline(text, "as_needed")
    p = _point(s, plan_year, text)
    if p is not None:
        return Deadline(text, "date", due=p[1])
    if m := _THEN_ONGOING.match(s):  # 2023年6月底前完成并长期坚持: due then, kept up after
        p = _point(m[1], plan_year, text)
        if p is not None:
            return Deadline(text, "date", due=p[1], more=True)
    parts = _SEP.split(s)
    if len(parts) != 2:  # ISO dates hold "-" too: split on it only when it gives two halves
        parts = s.split("-")
    if len(parts) == 2 and _relative_year(parts[1]):  # 2024年12月至次年1月; 11月至次年3月: from the plan's year
        base = int(parts[0][:4]) if re.match(r"\d{4}", parts[0]) else plan_year
        if base is not None:
            parts = [parts[0], _from_year(parts[1], base)]
    if len(parts) == 2:
        a, b = parts
        first = _point(a, plan_year, text)
        if first is not None:
            year = first[0].year
            if re.fullmatch(r"\d{1,2}日(?:前|之前)?", b) and first[0] == first[1]:  # 2024年6月10日至20日: that month's
                b = f"{year}年{first[0].month}月{b}"
            elif not re.match(r"^\d{4}", b):  # 2023年9月至10月: the end takes the start's year
                b = f"{year}年{b}"
            second = _point(b, year, text)
            if second is not None:
                if second[1] < first[0] and not re.match(r"^\d{4}", parts[1]):  # 2024年12月至1月: the January after
                    second = _point(f"{year + 1}年{parts[1]}", year + 1, text) or second
                if second[1] < first[0]:
                    raise DeadlineError(f"完成时限“{text}”的结束早于开始", "reversed")
                return Deadline(text, "window", due=second[1], start=first[0])
    if "月" in s and _MONTH_LIST.match(s) and (d := _month_list(s, text)) is not None:  # 3月、6月、9月、12月底前: 每年…
        return d
    if "半年" in s or "季" in s:  # 上半年、下半年 / 一季度、二季度、三季度、四季度 (各一次): every half year / quarter
        if (every := _EVERY_PART.get(re.sub("(?:各[一1]次)$", "", re.sub("[,;和及]", "、", s)))) is not None:
            return replace(_parse_at_depth(every, plan_year), text=text)
    clauses = [c for c in re.split(r"[,;、]", s) if c]
    if len(clauses) > 1 and _reported_ongoing(clauses):  # 持续推进，每季度报送进展: as 长期（每季度报送进展）
        return Deadline(text, "ongoing", more=True)
    if len(clauses) > 1:  # stages, each with its date (6月底前完成第一阶段，12月底前全面完成): due with the last
        kept = [c for c in clauses if not _keeps_up(c) and not _MANNER.match(c)] or clauses  # …，2025年持续推进: kept up after, no date of its own
        if len(kept) == 1 < len(clauses) and re.search(r"(?:启动|开始|着手|开工|动工)$", kept[0]):
            raise DeadlineError(f"完成时限“{text}”写的是开始的时间（{kept[0]}），不是完成的时限", "start")  # as 2024年底前启动 alone
        return _combined(text, _stages(kept, s, plan_year))
    if (m := re.match(r"^(.+?)\(([^()]*)\)$", s)) and _timeless(m[2]) and (d := _whole(m[1], plan_year)) is not None:
        return replace(d, text=text, more=True)  # 2024年12月底前（长期坚持）: a note beside the deadline, of no other time
    # a date, then what is due by it (2024年6月底前出台, 每年3月底前完成上一年度工作总结): only of a whole
    # text (a clause of several is read by its own rules: its year may follow the clause before), only
    # when the rest says no other time (…启动年底前完成, …按季度报送, …暂缓), and not after a year alone
    # (2023年度工作总结 names a document)
    got = _leading_at(s, plan_year, whole=False) if _DEPTH == 1 else None
    if got is not None and _prose_after(got, s[len(got[1]):]):
        return replace(got[0], text=text, more=True)
    if got is not None and _timeless(rest := s[len(got[1]):]) and not _says_something(rest):  # 2023年底前x: say what is left over
        raise DeadlineError(f"无法识别的完成时限“{text}”（时限“{got[1]}”后面多了“{rest.strip()}”：是录入时留下的吗？删去它即按 {got[0].due or got[1]} 读）", "stray")
    raise DeadlineError(f"无法识别的完成时限“{text}”")


# a period alone (每年, 按季度): what follows must be a doing (按季度报送, 每月向县政府报送), not what is planned
# a year naming a document (2023年度政府信息公开工作年度报告, 2024年工作总结), not a time (2025年完成, 2024年6月)
_DOC_YEAR = _Pattern(r"(\d{4})年度?(?=[\u4e00-\u9fff]{0,12}?(?:报告|总结|工作|情况|数据|考核|预算|决算|目录|清单|计划|要点|任务))")
_BARE_PERIOD = _Pattern(r"^(?:每个?|按)(?:月|季度?|半年|年度?)$")
_DOING_AFTER = _Pattern(rf"^(?:(?:向|对)[^,;、]{{1,12}}?)?{_DOING}")


def _prose_after(got: tuple[Deadline, str], rest: str) -> bool:
    """Is the text after a leading deadline prose that changes nothing? Not after a year alone (2023年度工作总结
    names a document), nor after a period alone unless a verb of doing follows: 按年度计划, 按季度安排,
    每年度工作总结 are a plan, no time (refused as at 1a38610); 按季度报送, 按年度公开 are duties."""
    if got[0].due is not None and "年" in rest:  # …完成2023年度政府信息公开工作年度报告: a document of a year gone, no time
        rest = _DOC_YEAR.sub(lambda m: "" if int(m[1]) <= got[0].due.year else m[0], rest)  # (2025年工作计划: one to come)
    if not _timeless(rest) or not _says_something(rest):
        return False
    if _BARE_PERIOD.match(got[1]):
        return got[0].kind == "recurring" and bool(_DOING_AFTER.match(rest))
    return not (got[0].kind != "recurring" and got[1].endswith(("年", "度")))


# words that say nothing after a date (2023年底前吧): a typo's leftovers, not what is due
_PARTICLES = frozenset("吧啊呀呢嘛哦哈了的么")


def _says_something(rest: str) -> bool:
    """Is the text after a leading deadline words (出台, 完成部署), an acronym (OA, APP) or a mark
    (* ※), not a stray letter or particle (2023年底前x, 2023年底前吧吧吧, refused: a cell of which
    nobody can say it is right)?"""
    words = [c for c in rest if "\u4e00" <= c <= "\u9fff"]
    if words:  # (particles only: 的, 吧吧吧)
        return any(c not in _PARTICLES for c in words)
    letters = "".join(c for c in rest if c.isascii() and c.isalpha())
    if letters:
        return re.search(r"[A-Z]{2}", letters) is not None  # OA, APP, a footnote mark a) or a typo x: no
    return True  # marks and spaces only (2024年6月底前*, ※): a footnote, as it was read


# a period's end without 每 (季度结束后10日内, 上一季度结束后…, 季后…, 月度结束后…): each period's, as with 每
# (半年结束后, 月底后 stay unread: which half, which month?)
# 上年度结束后1个月内, 上一年度终了后…: each year's, as 每年度结束后… (not 年度结束后…: the plan's year)
_PERIOD_LAG = _Pattern(r"^(?:上一?个?)?(?:(季度?)(?:结束|终了|届满|末)?|(月度?|月份)(?:结束|终了|届满)|上一?个?(月度?))之?后(?:的)?"
                         r"(?=\d|[一二三四五六七八九十两])|^上一?(年度?)(?:结束|终了|届满)?之?后(?:的)?(?=\d|[一二三四五六七八九十两])")


def _every_period_lag(m: re.Match) -> str:
    return "每季度结束后" if m[1] else "每年度结束后" if m[4] else "每月结束后"


# once (or twice…) a period: 一年一次, 半年一次, 一季度一次, 一季一报, 一月一报, 一年两报
_ONCE_A = _Pattern(r"^(?:一个?(?=年|季|月)|(?=半年)|每)(年度?|季度?|半年|月)([一两二三四五六七八九十\d]{1,2})(?:次|报)$")


def _once_a(m: re.Match) -> str:
    return f"每{m[1]}{m[2]}次"


# 长期（每季度报送进展）: the bracket says what 长期 means
_QUARTERLY_NOTE = _Pattern(r"^(?:每|按)季度?(?:报送|报告|汇报|上报|更新)?(?:一次)?(?:工作)?(?:进展|进度)?(?:情况)?$")
# 持续推进，每季度报送进展 / 每月报送进展，长期坚持: the unit reports progress on a kept-up task, what 长期 asks
# (not 每季度更新, 每季度公开: the task's own work recurs)
_PROGRESS_REPORT = _Pattern(r"^(?:每|按)(?:季度?|月|半年)(?:末|底|首月\d{1,2}日前|结束后\d{1,2}(?:个工作)?日内)?"  # 每季度结束后10日内报送进展:
                            r"(?:(?:向|对)[^,;、]{1,12}?)?(?:报送|报告|汇报|上报)(?:一次)?(?:工作)?(?:进展|进度)?(?:情况)?$")  # the filing days


def _reported_ongoing(clauses: list[str]) -> bool:
    """Kept up (长期, 持续推进…) with only its progress reported each quarter or month, in any order."""
    said = [bool(_PROGRESS_REPORT.match(c)) for c in clauses]
    return any(said) and not all(said) and all(r or c in _ONGOING or _ONGOING_RE.match(c) for r, c in zip(said, clauses))


# （节假日顺延）, （遇法定节假日顺延至下一个工作日）: how a due day moves, not another date
_POSTPONED = _Pattern(r"^(.+?)\((?:如|若)?(?:遇|逢)?(?:法定)?(?:节假日|节假|假日|休息日|周末)(?:则|的)?(?:自动|依次)?顺延"
                        r"(?:至(?:下一个?|其后第一个|之后的?第一个)工作日)?\)$")


def _postponed(text: str, before: str, plan_year: int | None) -> Deadline:
    """A deadline with the rule that a due day on a holiday moves to the next working day."""
    d = _whole(before, plan_year)
    if d is None:
        raise DeadlineError(f"无法识别的完成时限“{text}”")
    if d.kind == "recurring" and d.lag is None:  # each occurrence would move on its own: gk has no such rule
        raise DeadlineError(f"完成时限“{text}”是周期性的，每一期“遇节假日顺延”后的日期 gk 无法逐期推算："
                            f"请去掉括号（按写明的日期判断），或写作 每季度结束后10个工作日内 这样按工作日计的时限")
    if d.due is None:
        return replace(d, text=text, more=True)
    due = d.due
    while not _workday(due):  # a Saturday, a holiday: the next working day
        due += dt.timedelta(days=1)
    return replace(d, text=text, due=due, more=True, workdays=True)


_YEAR_NOTE = _Pattern(r"^\((\d{4})年度?\)(.+)$|^(.+?)\((\d{4})年度?\)$")
_DAY_NOTE = _Pattern(r"^(.+?)\(含([^()]+)\)$")


def _note_repeats(s: str, plan_year: int | None) -> str | None:
    """The deadline without its bracket when the bracket only repeats it: its year (12月底前（2024年）, （2024年）12月底前)
    or its day (2024年12月底前（含12月31日）); else None (another time: said as such)."""
    if m := _YEAR_NOTE.match(s):
        year, rest = m[1] or m[4], m[2] or m[3]
        if re.match(r"\d{4}年", rest):
            return rest if rest[:4] == year else None
        return None if _relative_year(rest) or "(" in rest else f"{year}年{rest}"
    if (m := _DAY_NOTE.match(s)) and (d := _whole(m[1], plan_year)) is not None and d.due is not None:
        day = _point_or_none(re.sub("(?:当日|当天)$", "", m[2]), d.due.year)
        return m[1] if day is not None and day[0] == day[1] == d.due else None
    return None


def _point_or_none(s: str, year: int) -> tuple[dt.date, dt.date] | None:
    try:
        return _point(s, year, s)
    except DeadlineError:
        return None


_CHANGED = _Pattern("延期|推迟|推后|暂缓|取消|暂停|搁置|作废|撤销|不再执行|待定|另行通知|另定|顺延|调整为|改为")

# prose that names a document of a year, not a time: 上一年度工作总结, 年度报告
# …and of the period reported on: 报送上季度工作开展情况, 上月情况, 半年工作总结, 全年工作总结
# 上半年 is a time of the plan's year (2024年3月底前部署上半年完成 says two): prose only as the name of what a
# verb of reporting sends (报送上半年工作总结, 公开全年工作情况); 下半年 never (下半年工作计划 is of a time to come)
_YEAR_WORDS = _Pattern("上一?年度?|本年度|全年度|年度(?=报告|工作|总结|计划|考核)|上一?个?(?:季度|季|月度|月)|上(?:一个?|个)半年"
                         "|上?(?:全年|半年)(?=工作|总结|报告|情况|考核|任务|数据|目标)")  # …完成全年任务; not …部署上半年完成
# what a text about no time never holds: a figure, a calendar word, a change of the deadline, a direction in time
_TIME_WORD = _Pattern(r"\d|年|月|日|天|季|旬|周|每|底|末|前|后|内|起|止|至|到|延|推迟|推后|暂缓|取消|提前|最迟|不超过|不晚于|开始|以来|期间"
                        r"|启动|(?<![公展])开工|动工|着手|次")  # 2024年6月底前启动: a start is no completion; …报送4次: a count


def _timeless(rest: str) -> bool:
    """Does the text after a deadline (or in brackets beside it) speak of no other time?"""
    return not _TIME_WORD.search(_YEAR_WORDS.sub("", rest))


_THEN_ONGOING = _Pattern("^(.+?[前底末日月旬])(?:完成)?[,;、]?(?:并|此后|之后|以后|后)?(?:" + "|".join(sorted(_ONGOING, key=len, reverse=True)) + ")$")


_KEEP_UP_RE = _Pattern(r"^(?:\d{4}年|[上下]半年|下一?年度?|次年|明年)?(?:起|以后|之后)?(?:此后|以后|之后|并|后续)?(长期|持续|常态化|常年|动态)(.{0,6})$")


# how the work goes, with no time of its own (分批次推进，2024年底前完成: due then)
_MANNER = _Pattern(r"^(?:分批次?|分步骤?|分阶段|逐步|有序|稳步|扎实|统筹)(?:推进|实施|开展|落实|完成)$")


def _keeps_up(clause: str) -> bool:
    """…，2025年持续推进 / 持续深化 / 常态化运行: kept up after, with no time of its own (not 持续到年底)."""
    m = _KEEP_UP_RE.match(clause)
    return bool(m) and _timeless(m[2])


_ANCHORED = _Pattern(r"^(.+?)(?:之日)?(?:之?(后)|起)(\d+|[一二三四五六七八九十两]+)个?(工作日|日|天|周|个月)(?:内|以内|之内)?$")
_EVERY_LAG = _Pattern(r"^(每月|每季度?|每半年|每年度?)(?:的)?(?:结束|末|终了|届满)?之?后(?:的)?(\d+|[一二三四五六七八九十两]+)个?(工作日|日|天|周|个月)(?:内|以内|之内)?$")


def _count_word(text: str) -> int:
    """10, 十, 两 as a number."""
    return int(text) if text.isdigit() else _cn_small(text) or 0


# counted from the day this document itself is issued: 即日起30日内, 本通知印发之日起10个工作日内 (an event of
# the plan, unlike 文件印发后3个工作日内, which is each document a unit issues: 适时)
# (this plan by name: 本实施方案, 本工作要点, 本清单; 方案 or 实施方案 without 本 too, in the plan's own table)
_FROM_ISSUE = _Pattern(r"^(?:从|自)?(?:即日起|(?:本(?:实施|工作)?(?:通知|方案|意见|要点|文件|计划|清单|任务清单|任务分解表|分解表|责任分工)"
                       r"|(?:实施|工作)?方案|工作要点|任务分解表)(?:印发|下发|发布|出台|实施)(?:之日起|后))"
                       r"(\d+|[一二三四五六七八九十两]+)个?(工作日|日|天|周|个月)(?:内|以内|之内)?(?:完成)?"
                       # then kept up, or its progress reported (…，长期坚持; …完成并持续推进; …；每季度报送进展)
                       r"(?:[,;、]?(?:并|此后|之后|以后)?(?:长期坚持|长期|持续推进|持续开展|常态化推进|常态化)"
                       r"|[,;、](?:每|按)(?:季度?|月|半年)(?:末|底)?(?:报送|报告|汇报|上报)(?:一次)?(?:工作)?(?:进展|进度)?(?:情况)?)?$")


def from_issue(text: str, issued_on: dt.date | None) -> Deadline | None:
    """A deadline counted from the plan's own issue day (即日起30日内: due 30 days after `issued_on`),
    or None when the text is no such. The parser, which knows no issue day, reads it as 适时; the
    model calls this with the plan's. Raises DeadlineError ("no_issue_day") when the plan has none."""
    m = _FROM_ISSUE.match(_normalize(text))
    if m is None:
        return None
    if issued_on is None:
        raise DeadlineError(f"完成时限“{text}”从方案印发之日起计算，但方案没有写发布日期 issued_on", "no_issue_day")
    more = not re.search(r"(?:内|完成)$", _normalize(text))  # a kept-up or reporting clause after it
    return Deadline(text, "date", due=after(issued_on, _count_word(m[1]), m[2]), workdays=m[2] == "工作日", more=more)


@lru_cache(maxsize=65536)  # every assignment of a recurring task asks for the same few due days
def after(day: dt.date, n: int, unit: str) -> dt.date:
    """The day `n` 日/天/周/个月/工作日 after `day`. Working days are China's: weekends, holidays
    and 调休 make-up days from the chinesecalendar package; a year it does not know, Mon–Fri."""
    if n > {"个月": 60, "周": 260}.get(unit, 1830):  # five years: no plan counts further (99999个工作日 took seconds)
        raise DeadlineError(f"时长 {n}{unit} 过长，不是一项任务的完成时限", "no_such_day")
    if unit == "个月":
        y, m0 = divmod(day.month - 1 + n, 12)
        end = month_end(day.year + y, m0 + 1)
        return end if day == month_end(day.year, day.month) else end.replace(day=min(day.day, end.day))
    if unit != "工作日":
        return day + dt.timedelta(days=n * 7 if unit == "周" else n)
    while n > 0:
        day += dt.timedelta(days=1)
        n -= _workday(day)
    return day


@lru_cache(maxsize=None)
def calendar_knows(year: int) -> bool:
    """Does the working-day calendar (chinesecalendar) hold this year's holidays and make-up days?"""
    try:
        import chinese_calendar

        chinese_calendar.is_workday(dt.date(year, 6, 1))
        return True
    except (ImportError, NotImplementedError):
        return False


def estimated_due(dl: Deadline, start: dt.date, end: dt.date) -> dt.date | None:
    """The first due day of `dl` from `start` to `end` (a plan's span) counted in working days of a year the
    calendar does not know (Mon–Fri, less 元旦/五一/国庆: an estimate), or None."""
    if not dl.workdays:
        return None
    if dl.kind != "recurring":
        return dl.due if dl.due is not None and not calendar_knows(dl.due.year) else None
    day = start
    while day <= end:
        due = dl.occurrence(day)[1]
        if not calendar_knows(due.year):
            return due
        day = due + dt.timedelta(days=1)
    return None


@lru_cache(maxsize=None)
def _workday(day: dt.date) -> bool:
    try:
        import chinese_calendar

        return bool(chinese_calendar.is_workday(day))
    except (ImportError, NotImplementedError):  # a year it does not know yet: Mon–Fri, less the fixed-date holidays
        return day.weekday() < 5 and (day.month, day.day) not in _FIXED_HOLIDAYS


def last_workday(year: int, month: int) -> dt.date:
    """The month's last working day on China's calendar (a Saturday made a working day counts)."""
    day = month_end(year, month)
    while not _workday(day):
        day -= dt.timedelta(days=1)
    return day


# the last working day of each period, or of a month (每月最后一个工作日, 每季度最后一个工作日, 2024年6月最后一个工作日)
_EVERY_LAST_WORKDAY = _Pattern(r"^(每月|每季度?|每半年|每年度?)(?:的)?(?:(\d{1,2})月(?:份)?|最后一个月|末月)?(?:的)?最后[一1]个工作日(?:前|之前|内|以内)?$")
_LAST_WORKDAY = _Pattern(r"^(?:(\d{4})年)?(?:(\d{1,2})月(?:份)?|(年?(?:底|末)))?(?:的)?最后[一1]个工作日(?:前|之前)?$")


def _last_workday(s: str, text: str, plan_year: int | None) -> Deadline | None:
    if m := _EVERY_LAST_WORKDAY.match(s):
        every = _EVERY.get(m[1]) or _EVERY[m[1] + "度"]
        if m[2] and (every != "year" or not 1 <= int(m[2]) <= 12):  # 每季度3月: only a year has months to name
            raise DeadlineError(f"完成时限“{text}”的月份无效", "no_such_month")
        return Deadline(text, "recurring", every=every, at=(int(m[2]) if m[2] else _MONTHS[every], -1), workdays=True)  # type: ignore[arg-type]
    if m := _LAST_WORKDAY.match(s):
        if not (m[1] or m[2] or m[3]):  # 最后一个工作日 alone: of which month?
            raise DeadlineError(f"完成时限“{text}”没有说是哪个月的最后一个工作日（可写作 2024年6月最后一个工作日、每月最后一个工作日）")
        y = _need_year(m[1], plan_year, text)
        month = int(m[2]) if m[2] else 12
        if not 1 <= month <= 12:
            raise DeadlineError(f"完成时限“{text}”的月份无效", "no_such_month")
        return Deadline(text, "date", due=last_workday(y, month), more=True, workdays=True)
    return None


_FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)}  # 元旦, 劳动节, 国庆 (the lunar ones move)


def _relative(text: str, s: str, plan_year: int | None) -> Deadline:
    """A deadline with an event clause (…之日起20个工作日内): due the latest of its dates,
    a clause counted from a date it names included (2024年6月30日起20个工作日内; 2024年6月底前
    建立制度，信息变更后5个工作日内; 每年12月或更改内容后一周内); with no date at all, 适时."""
    clauses = [c for c in re.split(r"[,;、]|或", s) if c]
    calendar = [c for c in clauses if _dated_from(c, plan_year) or ((c.startswith("每") or not _RELATIVE.search(c)) and re.search(r"^每|\d|[年月季]", c))]
    for c in clauses:  # 半年结束后10日内, 月底后5日内: after a period gk cannot place, not after an event (never 适时)
        if c not in calendar and (m := _AFTER_WHAT.match(c)) and _PERIOD_WORD.search(m[1]):
            raise DeadlineError(f"无法识别的完成时限“{text}”：没有说是哪一期结束后（可写作 每季度结束后10日内、2024年上半年结束后1个月内）")
    if not calendar and not any(re.search(r"\d{4}年|\d月", c) for c in clauses):
        return Deadline(text, "as_needed")  # 信息形成或者变更之日起20个工作日内: one event, whenever it happens
    return _combined(text, _stages(calendar, s, plan_year))


_AFTER_WHAT = _Pattern(r"^(.*?)(?:之日起|之日|起|之?后|形成)(?:的)?(?:\d+|[一二三四五六七八九十两]+)个?(?:工作日|日|天|周|个月|小时)")
_PERIOD_WORD = _Pattern(r"(?:季度?|月度?|月份|年度?|半年|旬|周|期)(?:结束|终了|届满|末|底)?$")


def _dated_from(clause: str, plan_year: int | None) -> bool:
    """Is the clause counted from a date (2024年6月30日起20个工作日内), not from an event (信息变更后…)?"""
    m = _ANCHORED.match(clause)
    if not m:
        return False
    try:
        return _point(m[1], plan_year, clause) is not None
    except DeadlineError:
        return True  # a date, but a wrong one (6月31日起…): said as such


def _combined(text: str, found: list[Deadline | None]) -> Deadline:
    """One deadline of several clauses: the last date, when every clause named a date of one
    kind; a clause not read, or dates mixed with a recurring duty (6月底前完成部署，每季度…),
    is an error: one task cannot carry both, and neither may be dropped unseen."""
    if not found or any(d is None for d in found):
        raise DeadlineError(f"无法识别的完成时限“{text}”")
    found = [d for d in found if d is not None and d.kind != "as_needed"] or found  # an event clause beside dates: the dates
    kinds = {d.kind for d in found if d is not None}
    if kinds in ({"ongoing"}, {"as_needed"}):  # 持续推进、长期坚持: said twice, the same
        return Deadline(text, kinds.pop(), more=True)  # type: ignore[arg-type]
    if len(found) > 1 and kinds == {"recurring"}:
        raise DeadlineError(f"完成时限“{text}”含有几个不同的周期（如 每年1月15日前、每季度），一项任务只能按一个周期判断："
                            f"请写成一个周期（如 每年1月15日前、7月15日前），或拆成几项任务", "mixed_recurring")
    if len(found) > 1 and (kinds - {"date", "window"} or any(d.kind == "recurring" for d in found if d)):
        raise DeadlineError(f"完成时限“{text}”含有几种时限（如一个日期和一项周期性工作），请拆成几项任务", "mixed")
    dated = [d for d in found if d is not None and d.due is not None]
    best = max(dated, key=lambda d: d.due) if dated else found[0]  # type: ignore[arg-type, return-value]
    return replace(best, text=text, more=True)  # type: ignore[arg-type]


def _stages(clauses: list[str], s: str, plan_year: int | None) -> list[Deadline | None]:
    """The deadline each clause starts with (None: it starts with none), in order: a clause
    whose date has no year follows the one before, and one earlier than it is the next year's
    (2024年11月底前完成部署，3月底前报送2024年工作总结 → 2025-03-31)."""
    found: list[Deadline | None] = []
    last: Deadline | None = None
    for c in clauses:
        c = re.sub(r"^(?:此后|之后|以后|然后|今后|后续|并且?)(?=每|按)", "", c)  # …，此后每年更新: a recurring duty too
        c = re.sub(r"^第[一二三四五六七八九十\d]{1,3}(?:批次?|阶段|步):?(?=\d|[上下年当本今次明])", "", c)  # 第一批2024年6月底前: its label
        year = last.due.year if last and last.due else plan_year
        got = _clause(c, s, year)
        if (got is not None and last and last.due and got[0].due and got[0].due < last.due and not _ANCHORED.match(c)
                and not re.search(r"\d{4}|[次明翌当本今]年", got[1])):
            got = _clause(c, s, year + 1) or got  # type: ignore[operator]
        found.append(got[0] if got else None)
        last = got[0] if got else last
    return found


def _clause(c: str, s: str, year: int | None) -> tuple[Deadline, str] | None:
    """A clause's deadline and the text it was read from: the clause itself, a date it counts
    from (7月起1个月内), or the date it starts with."""
    m = _ANCHORED.match(c)
    if m and (anchor := _point(m[1], year, c)) is not None:
        # 后: after the end (6月底后10日内); 起: from the start (7月起1个月内 → 7月31日; a day: from the next)
        from_end = m[2] == "后" or anchor[0] == anchor[1] or m[1].endswith(("底", "末", "底前", "末前"))  # 6月底(前)起: from its end
        base = anchor[1] if from_end else anchor[0] - dt.timedelta(days=1)
        return Deadline(c, "date", due=after(base, _count_word(m[3]), m[4]), more=True, workdays=m[4] == "工作日"), m[1]
    if c != s and (d := _whole(c, year)) is not None:  # (the whole text again would never end)
        return d, c
    return _leading_at(c, year, whole=c != s)


def _whole(clause: str, plan_year: int | None) -> Deadline | None:
    try:
        return parse(clause, plan_year)
    except DeadlineError:
        return None


_MORE_WHEN = _Pattern(r"[度第周月日号前底末内季年旬上中下半\d一二三四五六七八九十两每起后]|开始|.*(?:后|起).*内$|.*\d+次|.*[一二两三四五六七八九十]次")  # more of a time (2025年起…, 7月1日后启动: a start, no due), its own event clause, or a count


def _leading(clause: str, plan_year: int | None, whole: bool = True) -> Deadline | None:
    """The deadline a clause starts with (2024年6月底前建立制度 → 2024年6月底前), or None;
    `whole=False`: a shorter start only (the clause itself is being parsed)."""
    got = _leading_at(clause, plan_year, whole)
    return got[0] if got else None


def _leading_at(clause: str, plan_year: int | None, whole: bool = True) -> tuple[Deadline, str] | None:
    """_leading, and the start it read (a year in the rest of the clause is prose: 报送2024年工作总结)."""
    for i in range(min(len(clause) - (0 if whole else 1), _LONGEST), 0, -1):  # a date is short: never every prefix of a long text
        if clause[i - 1] in "前底末日月旬内度年季" and not _MORE_WHEN.match(clause[i:]):  # not 每季|度第二周前
            try:
                return parse(clause[:i], plan_year), clause[:i]
            except DeadlineError:
                continue
    return None


_LONGEST = 40


_MILESTONE = _Pattern("[\u2460-\u2473]")  # ①…⑳


def _last_milestone(text: str, plan_year: int | None) -> Deadline:
    """Steps each with its own deadline (①…②…): the task is due when its last step is."""
    dues: list[dt.date] = []
    head = re.search(r"(\d{4})年", _normalize(_MILESTONE.split(text)[0]))  # 2024年：①6月底前…②12月底前…
    start_year = int(head[1]) if head else plan_year
    for step in _MILESTONE.split(text)[1:]:
        when = _normalize(re.split("[,;，；。：:]", step, maxsplit=1)[0])
        year = dues[-1].year if dues else start_year  # a step without a year follows the one before
        got = _leading_at(when, year)
        if got is None:
            raise DeadlineError(f"完成时限“{text}”中“{when}”无法识别")
        d = got[0]
        if dues and d.due is not None and d.due < dues[-1] and not re.search(r"\d{4}|[次明翌]年", got[1]):
            d = _leading(when, dues[-1].year + 1) or d  # ①2023年12月底前 ②3月底前: the March after
        if d.due is None:
            raise DeadlineError(f"完成时限“{text}”的分步时限应都是日期")
        dues.append(d.due)
    if not dues:
        raise DeadlineError(f"无法识别的完成时限“{text}”")
    return Deadline(text, "date", due=max(dues), more=True)


# 每年6月、12月; 每年3月底前、9月底前; 每年1月15日前、7月15日前
_EVERY_MONTHS = _Pattern(r"^每年((?:\d{1,2}月(?:\d{1,2}日|底|末)?(?:前|之前)?[、,和及]?)+)$")


# 每季度次月10日前: the days after each period ends, counted from its end (10 of the next month is 10 days on)
_EVERY_NEXT_MONTH = _Pattern(r"^(每月|每季度?|每半年|每年度?)(?:结束后)?(?:的)?次月(?:的)?(?:(\d{1,2})日|(底|末))(?:前|之前|内|以内)?$")


def _every_next_month(m: re.Match, text: str) -> Deadline:
    every = _EVERY.get(m[1]) or _EVERY[m[1] + "度"]
    if m[3]:
        return Deadline(text, "recurring", every=every, lag=(1, "个月"))  # type: ignore[arg-type]
    day = int(m[2])
    if not 1 <= day <= 28:  # 次月31日: no such day in every next month (30 February)
        raise DeadlineError(f"完成时限“{text}”的日期不是每期的次月都有（可写作 {m[1]}次月底前 或 {m[1]}结束后{day}日内）", "no_such_day")
    return Deadline(text, "recurring", every=every, lag=(day, "日"))  # type: ignore[arg-type]


# 2024年5月起持续推进, and a year, month or day then 长期 with only a dash, 至, a space or a line break between
# (2024年6月—长期, 2024年6月～长期坚持, 2024年6月⏎长期, 2024年6月—适时): from then on, kept up or as needed. Not
# …前—长期 (due then, kept up after: as …前完成并长期坚持), nor …底—长期 without 起 (年底持续推进: by then, or from
# then?), nor …起每季度 (its start would be lost)
_FROM_THEN = _Pattern(r"^([^,;、]+?[年月日底末旬])(起|开始|[-~—–―至到]?)((?:长期|持续|常态|常年|动态|适时|按需|根据|按照?(?:上级|省市|要求)|视情).*)$")
_YEAR_PART = _Pattern(r"(?<=[、,和及])(?:第?([1-4一二三四])季度|(上|下)半年)(?:末|底)?")
_EVERY_YEAR_PART = _Pattern(r"^每年(?:的)?(?:第?([1-4一二三四])季度|(上|下)半年)(?:末|底)?")


def _every_year_part(m: re.Match) -> str:
    """每年一季度 → 每年3月底, 每年上半年 → 每年6月底: a recurring day inside each year."""
    month = 3 * _num(m[1]) if m[1] else 6 if m[2] == "上" else 12
    return f"每年{month}月底"


def _every_months(m: re.Match, text: str) -> Deadline:
    """每年6月、12月 (twice a year, evenly) or 每年3月、6月、9月、12月: a half-yearly or quarterly deadline."""
    found = re.findall(r"(\d{1,2})月(?:(\d{1,2})日)?", m[1])
    months = [int(x) for x, _ in found]
    step = {2: 6, 4: 3}.get(len(months))
    if step is None or any(not 1 <= x <= 12 for x in months) or any(b - a != step for a, b in zip(months, months[1:])):
        raise DeadlineError(f"完成时限“{text}”的月份不是每半年或每季度一次，无法识别")
    every: Every = "half" if step == 6 else "quarter"
    # 6月30日、12月31日: month ends every year; 2月28日 is not (2024年2月29日): a day written stays that day
    days = {int(d) if d and (x == 2 or int(d) != month_end(2023, x).day) else 0 for x, (_, d) in zip(months, found)}
    if len(days) > 1 or any(d and (not 1 <= int(d) <= month_end(2024, x).day) for x, (_, d) in zip(months, found)):
        feb = "".join(f"；2月{int(d)}日不是每年的2月底（2月有28日，也有29日），2月底请写作“2月底”"
                      for x, (_, d) in zip(months, found) if x == 2 and d)
        raise DeadlineError(f"完成时限“{text}”每次的日期不同，无法按一个周期判断（可写作 每年1月15日前、7月15日前{feb}）")
    day = days.pop()
    if day == 29 and 2 in months:  # 每年2月29日、8月29日前: most years have no such day
        raise DeadlineError(f"完成时限“{text}”：2月29日不是每年都有（2月底请写作 2月底前）", "no_such_day")
    return Deadline(text, "recurring", every=every, at=None if months[0] == step and not day else (months[0], day))


# months and nothing else (3月、6月、9月、12月底前; 6月底、12月底; 2024年6月、12月): a schedule, not stages of work
_MONTH_ITEM = r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?(?:前|之前)?"
# every part of the year named, with no year (a yearly plan's 上半年、下半年: once each half): recurring
_EVERY_PART = {"上半年、下半年": "每半年", "上、下半年": "每半年",
               **{"、".join(f"{p}{q}季度" for q in qs): "每季度" for p in ("", "第")
                  for qs in (("一", "二", "三", "四"), ("1", "2", "3", "4"))}}
_MONTH_LIST = _Pattern(rf"^{_MONTH_ITEM}(?:[、,;和及]{_MONTH_ITEM})+(?:各[一1]次)?$")


def _month_list(s: str, text: str) -> Deadline | None:
    """Months listed with no work named. Each with its own 前 (2月底前、6月底前, 2024年6月底前、12月底前): the
    stages of one piece of work, due with the last (None: read on as such). Else a schedule (6月、12月, one 前 for
    all: 3月、6月、9月、12月底前; or …各一次): evenly apart (每半年, 每季度) with no year, the recurring deadline
    每年… says; anything else is said, never one deadline on the last month with the others dropped."""
    body = re.sub("[,;和及]", "、", re.sub("各[一1]次$", "", s))
    items = body.split("、")
    if not s.endswith("次") and all(i.endswith("前") for i in items):
        return None
    years = sorted({i[:4] for i in items if re.match(r"\d{4}年", i)})
    bare = re.sub(r"\d{4}年", "", body)
    try:
        every = _every_months(_EVERY_MONTHS.match("每年" + bare), text)  # type: ignore[arg-type]
    except DeadlineError:
        every = None
    last = re.sub("(?:前|之前)$", "", items[-1])
    last = last if re.search("[日底末]$", last) else last + "底"
    if every is not None and not years:
        return every
    if every is not None:
        year, schedule, once = years[0], re.sub("(?:前|之前)(?=、|$)", "", bare), re.sub(r"^\d{4}年", "", last)
        raise DeadlineError(f"完成时限“{text}”列了几个月份：是{year}年内各做一次，还是每年都要做？一项任务只有一种时限："
                            f"每年都做的写作 每年{schedule}；只做一次的写出完成的时限（如 {year}年{once}前），或拆成几项任务", "months")
    raise DeadlineError(f"完成时限“{text}”列了几个月份，又不是每半年或每季度一次：一项任务只有一个时限，请写出最后完成的时限"
                        f"（如 {last}前），或拆成几项任务", "months")


def _every_at(m: re.Match, text: str) -> Deadline:
    """每年3月31日前 and its kin: a recurring deadline due on a day inside each period."""
    every = _EVERY.get(m[1]) or _EVERY[m[1] + "度"]
    first_month, month, day = m[2], m[3], int(m[4] or 0)
    if m[4] and not day:  # 每月0日前: no such day (0 stands for the month's end inside gk)
        raise DeadlineError(f"完成时限“{text}”不是有效的日期", "no_such_day")
    if not (month or m[4] or m[5] or first_month and "后" not in first_month):
        raise DeadlineError(f"无法识别的完成时限“{text}”")
    if month and not m[4] and not m[5] and re.search(r"前$", m.string):  # 每年10月前: before October, no day
        n = int(month)
        raise DeadlineError(f"无法识别的完成时限“{text}”（“{n}月前”是 {n - 1 or 12} 月底还是 {n} 月底？请写作 每年{n}月底前 或 每年{n - 1 or 12}月底前）", "before")
    if month:  # only a year has months to name (每季度3月 means nothing)
        if every != "year" or first_month or not 1 <= int(month) <= 12:
            raise DeadlineError(f"完成时限“{text}”的月份无效", "no_such_month")
        at: tuple[int, int] | None = (int(month), day)
    elif first_month in ("最后一个月", "末月"):
        at = (_MONTHS[every], day)
    elif first_month or (every == "month" and day):
        at = (1, day)  # the first month of each period (or the days after one ends: the same days)
    elif day:
        raise DeadlineError(f"完成时限“{text}”没有说是每期的哪个月（可写作 每季度首月10日前）")
    else:
        at = None  # 每月底前: the period's end
    if at is not None and not 0 <= at[1] <= month_end(2024, at[0]).day:
        raise DeadlineError(f"完成时限“{text}”不是有效的日期", "no_such_day")
    if at == (2, 29):  # a day most years lack: due when, in 2025?
        raise DeadlineError(f"完成时限“{text}”：2月29日不是每年都有（2月底请写作 每年2月底前）", "no_such_day")
    return Deadline(text, "recurring", every=every, at=at)  # type: ignore[arg-type]


def needs_a_year(text: str) -> bool:
    """Is this text no deadline without a year to count from, but one with any year (8月底前,
    6月底前建立制度，12月底前全面完成): a plan's issue day would make it readable?"""
    try:
        parse(text, None)
        return False
    except DeadlineError:
        try:
            parse(text, 2000)
            return True
        except DeadlineError:
            return False


def plan_year_of(issued_on: dt.date | None, plan_id: str, title: str | None = None) -> int | None:
    """The year a deadline without one belongs to (8月底前, 年内): see plan_year."""
    return plan_year(issued_on, plan_id, title)[0]


def plan_year(issued_on: dt.date | None, plan_id: str, title: str | None = None) -> tuple[int | None, str]:
    """(the year of a plan's deadlines written without one, where it was taken from: "issued_on", "title",
    "id", or "" with none). The year the plan names (its title's, else its id's) when that is the year after
    its issue (2024年政务公开工作要点 issued 2023-12-20, or yd2024 issued 2023-09-28: a plan for next year,
    issued ahead); else the issue year; with no issue day, the year named."""
    named, where = named_year(title), "title"
    if named is None:
        named, where = _id_year(plan_id), "id"
    if issued_on is None:
        return named, where if named is not None else ""
    if named == issued_on.year + 1:
        return named, where
    return issued_on.year, "issued_on"


def named_year(title: str | None) -> int | None:
    """The year a plan's title is for: 2024年全县政务公开工作要点, 2024—2026年三年行动方案 (its first); not a
    document number's (宣府办发〔2023〕12号) nor a year in no word of time."""
    m = _TITLE_YEAR.search(unicodedata.normalize("NFKC", title)) if title else None
    return int(m[1] or m[2]) if m else None


def _id_year(plan_id: str) -> int | None:
    m = re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", plan_id)  # a year stands alone: xh2023, not p12023
    return int(m[0]) if m else None


# a year in a title: 2024年…, or a range's first (2021—2023年…, …（2021—2023年）: a range in brackets too, where a
# lone bracketed year is a document number's, 宣府办发(2023)12号)
_TITLE_YEAR = _Pattern(r"(?<![\d〔\[(])((?:19|20)\d{2})(?=年|\s*[-—–―~至到]\s*(?:19|20)\d{2}年)"
                       r"|(?<=\()((?:19|20)\d{2})(?=\s*[-—–―~至到]\s*(?:19|20)\d{2}年)")


for _name, _value in list(globals().items()):  # each pattern knows the name it replaces once compiled
    if isinstance(_value, _Pattern):
        _value.name = _name
del _name, _value
