"""The one resolver for unit names.

A written reference — a unit's name, alias or full name, or a group's name or
alias, in any of the spellings documents use (full-width brackets, stray spaces)
— resolves to a unit or a group, and a group to its concrete member units.
Everything that reads a unit name (status, lint, reports, progress add, import)
goes through `Resolver`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterator, Literal

from .records import CHECKS, Group, Unit

Problem = Literal["unknown", "ambiguous", "empty", "cycle"]


def name_key(text: str) -> str:
    """The matching key of a name: NFKC (full-width → half-width), no whitespace."""
    key = _KEYS.get(text)
    if key is None:
        key = _KEYS[text] = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return key


# whitespace, and what shows nothing: every format character (Unicode Cf: zero-width and bidi marks,
# soft hyphen, invisible operators, tags), variation selectors, combining grapheme joiner, fillers
# and the blank braille pattern. 县财政局 with any of them is 县财政局, so a look-alike second unit
# is a conflict (GK204), not a new unit.
INVISIBLE = ("\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u115f-\u1160\u17b4-\u17b5"
             "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
             "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_SPACE = re.compile(f"[\\s{INVISIBLE}]+")  # (a character-class body: gk.toml's names refuse the same, settings.py)
_KEYS: dict[str, str] = {}  # a county writes a few hundred names, thousands of times


def _without_county(full_name: str, county: str | None) -> list[str]:
    """A full name as a county's own documents write it: 青山县发展和改革局 → 县发展和改革局,
    中共青山县委宣传部 → 县委宣传部 (the county from gk.toml, else read off the name); an
    autonomous county's also with its common short name: 石柱土家族自治县规划自然资源局 →
    石柱县规划自然资源局."""
    key = name_key(full_name)
    names = [name_key(county)] if county else []
    if not names and (c := county_in(key.removeprefix("中共"))):
        names = [c]
    out = []
    for c in names:
        kind = next((k for k in ("自治县", "自治旗", "县", "市", "区", "旗") if c.endswith(k)), None)
        if kind is None or len(c) <= len(kind):
            continue
        for head in (c, "中共" + c):
            at = key.find(head)  # at the start, or after the prefecture (达州市宣汉县…)
            if 0 <= at <= 8 and len(key) > at + len(head) + 1:
                short = kind[-1]  # 自治县 → 县, 自治旗 → 旗
                rest = key[at + len(head):]
                # 中共市中区区委办公室 → 区委办公室 (not 区区委…); 中共宣汉县委宣传部 → 县委宣传部
                out.append(rest if rest.startswith(short + "委") else short + rest)
                if kind in ("自治县", "自治旗") and (m := _AUTONOMOUS.match(c)):
                    out.append(head.removesuffix(c) + m[1] + kind[-1] + rest)
    return list(dict.fromkeys(out))


# an autonomous county's name: its place, then its peoples (石柱土家族自治县: 石柱 + 土家族; 积石山保安族
# 东乡族撒拉族自治县: 积石山 + three), whose short name is the place and 县 (石柱县)
_PEOPLES = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|"
            "景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|"
            "保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各")
_AUTONOMOUS = re.compile(f"^(.+?)(?:(?:{_PEOPLES})族)+自治[县旗]$")  # (鄂伦春自治旗 names no place apart: no short name)


def county_in(text: str) -> str | None:
    """The county (or county-level city, district, banner) a name or issuer starts with:
    宣汉县人民政府办公室 → 宣汉县, 中共宣汉县委 (without 中共) → 宣汉县, 市中区人民政府 →
    市中区, 达州市宣汉县… → 宣汉县 (the county, not its prefecture); None for a county's own
    short names (县市场监督管理局, 县城市管理局, 区人民政府)."""
    text = _SPACE.sub("", text)
    if (above := _ABOVE.match(text)) and (inner := county_in(text[above.end():])) is not None:
        return inner  # 四川省…, 喀什地区疏附县, 阿坝藏族羌族自治州汶川县, 锡林郭勒盟…旗
    if text[:1] in ("县", "区", "旗") or (text[:1] == "市" and not _CITY_DISTRICT.match(text)):
        return None  # 县…/区…/市…: a unit's short name, not a county's (but 市中区, 市南区, 市北区)
    m = _COUNTY.match(text)
    if m is None:
        return None
    if m[1].endswith("市") and (inner := county_in(text[len(m[1]):])) is not None:
        return inner  # 达州市宣汉县, 新乡市红旗区: the county-level one
    return m[1]


# The shortest head ending in 县/区, or in 旗 but not 旗区 (红旗区), or in 市 but not 市场
# (…市场监督管理局), 市辖 or 市区 (沙市区, 新市区 are whole names; 市中区区委 is 市中区's).
# Up to 14 characters before it: 积石山保安族东乡族撒拉族自治县.
# a phrase for many units, not one: 各…, 全…, …各部门, or a bare kind word (街道办事处, split off
# 各乡镇人民政府、街道办事处): a group's name, never a near unit's (东城街道 for 街道办事处)
_MANY = re.compile(r"^(?:各|所有)|^全(?:县|区|市|旗|乡|镇)|各(?:部门|单位)|有关(?:部门|单位)|相关(?:部门|单位)|^(?:街道办事处|街道|乡镇|乡镇人民政府|镇人民政府|社区|村)$")


# names that end as a kind of units do (县政府工作部门, 先行单位, 成员单位): a deleted or misspelt group, never one unit
_KINDS_OF_UNITS = re.compile(r"(?:部门|单位|机关)$")


# a pointer to an annex after a name, as plans write it: 标准目录编制部门（见附件2）, …（详见附件3）,
# …（附件1）: the name names the same units without it (on a name's matching key: half-width brackets)
_ANNEX = re.compile(r"\((?:详见|见|参见)?附件[0-9一二三四五六七八九十]+\)$")


def bare_name(name: str) -> str:
    """A name without the other name in brackets after it: 县政府办公室（县大数据发展局） → 县政府办公室."""
    return _BRACKETS_AT_END.sub("", name) or name


def ends_as_unit(name: str) -> bool:
    """Does a written name end as one unit's does (县民族宗教委, 县委统战部, 黄水镇, 县供电公司), brackets
    after it aside, and is more than a kind word (办公室, 中心 alone name no unit)? A guess for names
    gk does not know yet (gk import)."""
    bare = bare_name(name)
    return bool(_UNIT_END.search(bare)) and not _KIND_WORD.fullmatch(bare)


def is_kind_word(word: str) -> bool:
    """A word for a kind of body (办公室, 中心, 人民政府) that names no unit on its own."""
    return bool(_KIND_WORD.fullmatch(word))


_T2S: list = []  # OpenCC's traditional → simplified converter, made when first needed


def simplified(text: str) -> str:
    """The text in simplified characters (縣財政局 → 县财政局): a name typed in traditional characters, or
    copied from a Taiwan or Hong Kong source, is the same name. The text itself when it has none to change."""
    if text.isascii():
        return text
    if not _T2S:
        try:
            import opencc

            _T2S.append(opencc.OpenCC("t2s"))
        except Exception:  # an install without it still works: no such match
            _T2S.append(None)
    return _T2S[0].convert(text) if _T2S[0] is not None else text


def names_many(ref: str) -> bool:
    """Does this name speak of many units (各乡镇人民政府, 区级各部门, 街道办事处)?"""
    return bool(_MANY.search(ref))


def kept_brackets(name: str, county: str | None = None) -> list[str]:
    """What the brackets after a name say that tells which unit is meant (县公安局（交警大队）, 县农业农村局（县乡村振兴局）):
    every bracket but a role mark (牵头, 配合单位) and the same body's other name (县人社局（县人力资源和社会保障局）).
    Such a name is read as the name before its brackets only when they name that very unit (Resolver.spelled_otherwise)."""
    m = _BRACKETS_AT_END.search(name)
    if m is None or m.start() == 0:
        return []
    bare = body_key(name[:m.start()], county)
    return [t for t in re.findall(r"[（(]([^（）()]*)[）)]", m[0])
            if not _ROLE_MARK.fullmatch(name_key(t)) and body_key(t, county) != bare]


_BRACKETS_AT_END = re.compile(r"(?:[（(][^（）()]*[）)])+$")
_ROLE_MARK = re.compile(r"(?:牵头|配合|协办|协助|参与|主责|责任)(?:单位|部门)?")
# (城乡, 社会 end a name's words, no name: 县住房和城乡⏎建设局, 县人力资源和社会⏎保障局 are broken names)
_UNIT_END = re.compile(r"..(?:局|委|办|部|院|中心|镇|(?<!城)乡|街道|办事处|公司|队|所|站|(?<!社)会|馆|室|厅|处|社|校|台|行|联|协|政府|集团)$")
_KIND_WORD = re.compile(r"办公室|办事处|委员会|领导小组|人民政府|政府|中心|管理局|管理处|服务中心|工作站|事务所|分局|支队|大队")
_COUNTY = re.compile(r"^(.{1,14}?(?:自治县|自治旗|县|区|旗(?!区)|市(?![场辖区])))")
_CITY_DISTRICT = re.compile(r"^市[中南北]区")
_ABOVE = re.compile(r"^.{2,10}?(?:省|自治区|特别行政区|地区|自治州|州|盟)")  # a province or prefecture before the county (恩施州)


# The bodies every county has, each with the spellings its documents use: the shortest standard name first,
# then other standard names met in other counties, then the short forms (县人社局 is 县人力资源和社会保障局);
# a spelling shorter than the first by more than a word is a short form (new_units.abbreviated).
# What follows the level (县/区/市/旗) is listed: 县委编办 is 县 + 委编办. Two spellings of one body are one
# unit (gk import --add-units writes the others as its aliases); two bodies of this list are two units,
# never a slip of each other (县民政局 is no misspelt 县财政局). Not a closed list: names not in it are
# read as written.
BODIES: tuple[tuple[str, ...], ...] = (
    ("人民政府办公室", "政府办公室", "政府办", "府办"),
    ("发展和改革局", "发展改革局", "发改局", "发展和改革委员会", "发展改革委", "发改委"),
    ("教育局",), ("教育和体育局", "教育体育局", "教体局"),
    ("科学技术局", "科技局"), ("科学技术和经济信息化局", "科技和经济信息化局"),
    ("经济和信息化局", "经济信息化局", "经信局"),
    ("公安局",), ("民政局",), ("司法局",), ("财政局",), ("审计局",), ("统计局",), ("信访局",), ("税务局",),
    ("人力资源和社会保障局", "人力资源社会保障局", "人社局"),
    ("自然资源局", "自然资源和规划局", "规划和自然资源局", "自然资源规划局", "规划自然资源局", "自规局"),
    ("生态环境局", "环境保护局", "环保局"),
    ("住房和城乡建设局", "住房城乡建设局", "住建局"),
    ("交通运输局", "交通局"),
    ("水利局", "水务局"),
    ("农业农村局", "农业局", "农业和农村局"),
    ("商务局",), ("商务和经济合作局", "商经局"),
    ("文化和旅游局", "文化广播电视和旅游局", "文化旅游局", "文广旅局", "文旅局", "文广新局", "文广新旅局"),
    ("卫生健康局", "卫生和健康局", "卫健局", "卫生健康委员会", "卫生健康委", "卫健委"),
    ("退役军人事务局", "退役军人局"),
    ("应急管理局", "应急局"),
    ("市场监督管理局", "市场监管局"),
    ("医疗保障局", "医保局"),
    ("林业局", "林业和草原局", "林草局"),
    ("乡村振兴局", "乡振局"),
    ("行政审批局", "审批局"), ("行政审批和数据局",),
    ("民族宗教事务局", "民族宗教局", "民宗局", "民族宗教事务委员会", "民族宗教委", "民宗委"),
    ("综合行政执法局", "综合执法局"),
    ("城市管理局", "城管局"),
    ("机关事务服务中心", "机关事务中心"), ("机关事务管理局", "机关事务局"),
    ("融媒体中心",), ("档案馆",),
    ("委办公室", "委办"),
    ("委组织部",), ("委宣传部",), ("委统战部",), ("委政法委",),
    ("委机构编制委员会办公室", "委编办", "编办", "编委办"),
    ("委网络安全和信息化委员会办公室", "委网信办", "网信办"),
    ("纪委监委", "纪委", "纪委监委机关", "纪律检查委员会", "纪委县监委", "纪委区监委"),
    ("人大常委会办公室", "人大常委会办", "人大办"),
    ("政协办公室", "政协办"),
    ("人民法院", "法院"), ("人民检察院", "检察院"),
    ("总工会",), ("妇女联合会", "妇联"), ("残疾人联合会", "残联"), ("科学技术协会", "科协"), ("工商业联合会", "工商联"),
    ("人民武装部", "人武部"),
    # bodies the 2018–2019 机构改革 renamed or merged away, still written in older tables (see NEAR_BODIES)
    ("安全生产监督管理局", "安全生产监管局", "安监局"), ("国土资源局", "国土局"),
    ("卫生和计划生育局", "卫生计生局", "卫计局", "卫生和计划生育委员会", "卫生计生委", "卫计委"),
    ("食品药品监督管理局", "食品药品监管局", "食药监局"), ("扶贫开发局", "扶贫开发办公室", "扶贫办", "扶贫移民局"),
    ("城市管理执法局", "城市管理综合执法局", "城管执法局"), ("工业和信息化局", "工信局"),
)
# bodies one county has as one unit and another as two or beside each other (教育和体育局 is 教育局 and the 体育
# 局 elsewhere is another unit; 科学技术和经济信息化局 is half 经济和信息化局; 机关事务管理局 beside 机关事务服务中心):
# never the same unit, so never written for each other (spelled_otherwise), but each the other's did-you-mean
NEAR_BODIES: tuple[tuple[str, ...], ...] = (
    ("教育和体育局", "教育局"), ("科学技术和经济信息化局", "科学技术局", "经济和信息化局"), ("机关事务管理局", "机关事务服务中心"),
    ("商务和经济合作局", "商务局"), ("行政审批和数据局", "行政审批局"),
    # an old body and what the 机构改革 made of it: a table written before it names the old one
    ("安全生产监督管理局", "应急管理局"), ("国土资源局", "自然资源局"), ("卫生和计划生育局", "卫生健康局"),
    ("食品药品监督管理局", "市场监督管理局"), ("扶贫开发局", "乡村振兴局"),
    ("城市管理执法局", "城市管理局", "综合行政执法局"), ("工业和信息化局", "经济和信息化局"),
)
_BODY = {name_key(spelling): name_key(forms[0]) for forms in BODIES for spelling in forms}
_FORMS = {name_key(forms[0]): tuple(name_key(f) for f in forms) for forms in BODIES}  # a body's spellings, by its key
_NEAR = {name_key(a): tuple(name_key(b) for b in near if b != a) for near in NEAR_BODIES for a in near}


def near_bodies(a: str, b: str, county: str | None = None) -> bool:
    """Do two names name bodies NEAR_BODIES pairs (县教体局 and 县教育局, 县安监局 and 县应急管理局)? Two units then,
    however alike the names look."""
    (la, ra), (lb, rb) = _level_and_rest(a, county), _level_and_rest(b, county)
    ka, kb = _BODY.get(ra), _BODY.get(rb)
    return la is not None and la == lb and ka is not None and kb is not None and kb in _NEAR.get(ka, ())


def body_key(name: str, county: str | None = None) -> str:
    """What a written name comes to as a body, for telling spellings of one unit apart from other units:
    诺水河镇人民政府 and 诺水河镇 → 诺水河镇; 通江县发展和改革局 and 县发改局 → 县发展和改革局; 中共通江县委宣传部
    → 县委宣传部; 县政府办公室（县政府信息公开办） → 县人民政府办公室. Not a name to write anywhere."""
    level, key = _level_and_rest(name, county)
    return key if level is None else level + _BODY.get(key, key)


def _level_and_rest(name: str, county: str | None) -> tuple[str | None, str]:
    """A written name as its level (县, 区…; "" when none; None for a township, which is itself) and
    the rest as written (县人设局 → 县, 人设局): body_key before the spellings of BODIES are read."""
    key = name_key(bare_name(name)).removeprefix("中共")
    place = name_key(county) if county else county_in(key)
    level = ""
    if place and key.startswith(place) and len(key) > len(place):
        key, level = key[len(place):], place[-1]  # (自治县 → 县)
    key = re.sub(r"(镇|乡)(?:人民政府|政府)$", r"\1", re.sub(r"街道(?:办事处|办)$", "街道", key))
    if re.search(r"(?:镇|乡|街道)$", key) and not names_many(key):
        return None, key  # a township is itself, whatever county it is written with
    if not level and key[:1] in ("县", "区", "市", "旗") and len(key) > 2:
        level, key = key[0], key[1:]
    return level, key


def known_body(name: str, county: str | None = None) -> bool:
    """Is the name one of the standard bodies (BODIES) of a county, in one of its spellings?"""
    key = body_key(name, county)
    return len(key) > 1 and key[1:] in _BODY.values() or key in _BODY.values()


_KIND_AT_END = re.compile(r"(?:人民政府|办公室|委员会|管理局|局|委|办|部|院|中心|镇|乡|街道|办事处|公司|队|所|站|会|馆|室|厅|处|社|校|台|行|联|协|单位)$")


def could_be_a_slip(written: str, known: str, county: str | None = None) -> bool:
    """Could `written` be `known` mistyped or written otherwise (县财正局, 县民宗委 for 县民族宗教委), rather
    than another unit? Not when both are standard bodies (BODIES) that differ (县民政局 is not 县财政局), nor
    when the words that make the names (what is left without 县… and …局) share less than half their
    characters (县教育局 is not 县统计局; 县委编办 is not 县政府办). One rule for did-you-mean everywhere."""
    from rapidfuzz.distance import LCSseq

    a, b = body_key(written, county), body_key(known, county)
    if a == b:
        return True
    if known_body(written, county) and known_body(known, county):
        return False
    if one_off_a_spelling(written, known, county):
        return True
    core = lambda k: _KIND_AT_END.sub("", k[1:] if k[:1] in ("县", "区", "市", "旗") else k) or k  # noqa: E731
    ca, cb = core(a), core(b)
    return 2 * LCSseq.similarity(ca, cb) >= max(len(ca), len(cb))


def one_off_a_spelling(written: str, known: str, county: str | None = None) -> bool:
    """Is `written`, no body's spelling itself, one character off a spelling (BODIES) of the body `known` is (县人设局,
    县人社 of 县人社局 or 县人力资源和社会保障局)? The expanded standard name shares too little with a short name
    typed wrong to tell by the words."""
    from rapidfuzz.distance import Levenshtein

    level, rest = _level_and_rest(written, county)
    known_level, known_rest = _level_and_rest(known, county)
    return level is not None and level == known_level and len(rest) >= 2 and rest not in _BODY and any(
        len(form) >= 3 and Levenshtein.distance(rest, form) <= 1 for form in _FORMS.get(_BODY.get(known_rest, ""), ()))


def _put(index: dict[str, list[_Entity]], key: str, ent: _Entity) -> None:
    """`ent` under `key`, once (a unit may spell a key twice: its name and its full name)."""
    bucket = index.setdefault(key, [])
    if not any(e is ent for e in bucket):
        bucket.append(ent)


@dataclass(frozen=True)
class Resolution:
    ref: str
    name: str | None = None  # the canonical name of the unit or group
    is_group: bool = False
    units: tuple[str, ...] = ()  # concrete unit names, in order
    problem: Problem | None = None
    # did-you-mean, or the names an ambiguous ref hits: `candidates`. An unknown name's are worked out when
    # first asked for (gk status never shows them: 300 unknown names among 16,000 units took it 2 s)
    given: tuple[str, ...] | Callable[[], list[str]] = field(default=(), repr=False, compare=False)
    one_name: bool = False  # ambiguous: the units and groups hit share the name (candidates say which is which)

    @property
    def candidates(self) -> tuple[str, ...]:
        c = self.given
        if callable(c):
            c = tuple(c())
            object.__setattr__(self, "given", c)
        return c

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass
class _Entity:
    record: Unit | Group
    is_group: bool
    extra_members: list[str] = field(default_factory=list)  # units naming this group in `groups`

    @property
    def name(self) -> str:
        return self.record.name


class Resolver:
    def __init__(self, units: list[Unit], groups: list[Group], county: str | None = None):
        self.county = county
        self._bodies: dict[str, list[str]] | None = None  # body_key → units (suggest), made when first needed
        self.units: dict[str, Unit] = {}
        self._resolved: dict[str, Resolution] = {}  # a resolver does not change once built
        self._entities: list[_Entity] = []
        self._by_name: dict[str, _Entity] = {}
        for u in units:
            if u.name not in self.units:
                self.units[u.name] = u
            self._add(_Entity(u, False))
        for g in groups:
            self._add(_Entity(g, True))
        self._index: dict[str, list[_Entity]] = {}
        for ent in self._entities:
            self._index_spellings(ent)
        # documents drop the county from full names (县发展和改革局 for 青山县发展和改革局): such
        # a spelling is read too, when it is no one's own and points at one unit only
        short: dict[str, list[_Entity]] = {}
        for ent in self._entities:
            if not ent.is_group and ent.record.full_name:  # type: ignore[union-attr]
                for written in _without_county(ent.record.full_name, county):  # type: ignore[union-attr]
                    _put(short, name_key(written), ent)
        self._short = {k: ents[0] for k, ents in short.items() if len(ents) == 1 and k not in self._index}
        # a group named only in units' `groups:` exists too, with those units as members; the name
        # is read as every reference is (_lookup): one that is a unit's is no group (lint GK207)
        for u in self.units.values():
            for gname in u.groups:
                ents = self._lookup(gname)
                group = next((e for e in ents if e.is_group), None)
                if group is None and ents:
                    continue
                if group is None:
                    group = _Entity(CHECKS[Group]({"name": gname, "members": []}), True)
                    self._add(group)
                    self._index_spellings(group)
                group.extra_members.append(u.name)
        self._expanded: dict[int, tuple[tuple[str, ...], Problem | None]] = {}

    def _add(self, ent: _Entity) -> None:
        self._entities.append(ent)
        self._by_name.setdefault(("g:" if ent.is_group else "u:") + ent.name, ent)

    def _index_spellings(self, ent: _Entity) -> None:
        for written in self._spellings(ent):
            if not name_key(written):  # a blank alias (" ") names nothing: it would take every blank reference
                continue
            _put(self._index, name_key(written), ent)

    def _lookup(self, ref: str) -> list[_Entity]:
        """What a written name is: the units or groups whose spelling it is (more than one:
        ambiguous), else the one unit whose full name it is without the county; every
        reference, in a task or in a group, is read this way."""
        key = name_key(ref)
        ents = self._index.get(key)
        if ents:
            return ents
        ent = self._short.get(key)
        if ent is None and (m := _ANNEX.search(key)):  # a cell copied with its pointer to an annex
            return self._lookup(key[: m.start()])
        return [ent] if ent is not None else []

    @staticmethod
    def _spellings(ent: _Entity) -> list[str]:
        rec = ent.record
        out = [rec.name, *rec.aliases]
        if not ent.is_group and rec.full_name:  # type: ignore[union-attr]
            out.append(rec.full_name)  # type: ignore[union-attr]
        return out

    # -- queries ---------------------------------------------------------

    def conflicts(self) -> list[tuple[str, list[Unit | Group]]]:
        """Spellings claimed by more than one unit or group (an error: one namespace)."""
        return [(k, [e.record for e in ents]) for k, ents in self._index.items() if len(ents) > 1]

    def unit_names(self) -> list[str]:
        return list(self.units)

    def spellings(self, unit: str) -> list[str]:
        """The ways a unit is written in data: its name, aliases and full name."""
        ent = self._by_name.get("u:" + unit)
        return self._spellings(ent) if ent is not None else [unit]

    def resolve(self, ref: str) -> Resolution:
        r = self._resolved.get(ref)
        if r is None:
            r = self._resolved[ref] = self._resolve(ref)
        return r

    def _resolve(self, ref: str) -> Resolution:
        ents = self._lookup(ref)
        if not ents:
            return Resolution(ref, problem="unknown", given=functools.partial(self.suggest, ref))
        if len(ents) > 1:
            names = [e.name for e in ents]
            one = len({name_key(n) for n in names}) < len(names)
            if one:  # a unit and a group both 先行单位: say which is which
                names = [f"{e.name}（{'分组' if e.is_group else '单位'}）" for e in ents]
            return Resolution(ref, problem="ambiguous", given=tuple(names), one_name=one)
        ent = ents[0]
        if not ent.is_group:
            return Resolution(ref, ent.name, False, (ent.name,))
        members, problem = self._expand(ent)
        if problem is None and not members:
            problem = "empty"
        return Resolution(ref, ent.name, True, members, problem)

    def require(self, ref: str) -> Resolution:
        """A unit or group named by a user (--unit): its resolution, or a GkError that says why not."""
        from .errors import GkError
        from .lists import did_you_mean, quoted

        r = self.resolve(ref)
        if r.problem == "unknown" and (same := self.spelled_otherwise(ref)) is not None:
            return self.resolve(same)  # 县发改局, 城关镇人民政府: as gk progress add --unit takes it (status, export, report)
        if r.problem == "unknown":
            raise GkError(f"找不到单位“{ref}”", did_you_mean(r.candidates, "单位名单见 data/units/"))
        if r.problem == "ambiguous":
            hint = ("这个名称被几个单位或分组共用：先修正 data/units/（gk lint 的 GK204 会指出是哪几处）" if r.one_name
                    else "请写出单位在 data/units/ 中的名称（name）")
            raise GkError(f"单位“{ref}”有歧义：同时指向 {quoted(r.candidates)}", hint)
        if not r.units:
            raise GkError(f"分组“{r.name}”没有任何具体单位", "检查 data/units/ 中该分组的成员（gk lint 会指出问题）")
        return r

    def require_all(self, refs: list[str]) -> set[str]:
        """The concrete units of several user-named units or groups (see `require`)."""
        return {u for ref in refs for u in self.require(ref).units}

    def canonical(self, ref: str) -> str | None:
        r = self.resolve(ref)
        return r.name if r.ok or r.problem == "empty" else None

    def expand_all(self, refs: list[str]) -> tuple[list[str], list[Resolution]]:
        """Concrete units of several references, in order, each once; plus every resolution."""
        seen: dict[str, None] = {}
        out = []
        for ref in refs:
            r = self.resolve(ref)
            out.append(r)
            for u in r.units:
                seen.setdefault(u, None)
        return list(seen), out

    def suggest(self, ref: str, limit: int = 3) -> list[str]:
        """The nearest real names (did-you-mean), best first; for 各乡镇人民政府 and the like
        (many units) a near group comes before any one unit."""
        from rapidfuzz import fuzz

        key = name_key(ref)
        if (m := _ANNEX.search(key)) and m.start():  # 县财正局（见附件2）: the name's suggestions, its pointer aside
            return self.suggest(key[: m.start()], limit)
        many = names_many(key)
        if not many and (kept := kept_brackets(ref, self.county)):
            return self._bracketed(ref, kept)[:limit]
        if not many and (same := self.same_body(ref) or self._near_body(ref) or self._slip_of_body(ref)):
            return same[:limit]  # 县人社局, 县人设局 for 县人力资源和社会保障局
        if not many and key and key[0] not in "县区市旗" and (bare := self._without_level().get(key)):
            return bare[:limit]  # 财政局 for 县财政局: the level left off
        names = self._nearest(key, True, fuzz.partial_ratio, 60, limit) if many else []
        # 县政府工作部门 names a group (a deleted or misspelt one): a near group first, and no unit besides it
        # (县金融办, through its full name); with none, the units as for any name (县人大常委机关 is one)
        groupish = not many and _KINDS_OF_UNITS.search(key) is not None
        for only_groups in ((True, False) if groupish else (many,)):
            for n in self._nearest(key, only_groups, fuzz.ratio, 45, limit):
                by = [n] if groupish and not only_groups else self.spellings(n)  # (a unit by its name, not its full name)
                if n not in names and (many or any(could_be_a_slip(ref, s, self.county) for s in by)):
                    names.append(n)
            if names:
                break
        return names[:limit]

    def _bracketed(self, ref: str, kept: list[str]) -> list[str]:
        """What a name with a bracket that tells the unit may be, best first: name and bracket run together
        (县公安局交警大队), the bracket's unit (县乡村振兴局), the name's (县公安局)."""
        bare = bare_name(ref)
        out: list[str] = []
        for text in (bare + "".join(kept), *kept, bare):
            name = self.canonical(text)
            out += [name] if name else self.same_body(text)
        return list(dict.fromkeys(out))

    def spelled_otherwise(self, ref: str) -> str | None:
        """The one unit `ref` is another standard spelling of (the same body: 相南街道办事处 of 相南街道, 驷马镇人民政府
        of 驷马镇), when `ref` names no unit or group itself; None for none or several. gk progress add --unit
        takes it, gk lint --fix writes the unit's name for it (GK202)."""
        if self.resolve(ref).problem != "unknown":
            return None
        same = self.same_body(ref.strip())
        if len(same) != 1 or any(self._one_unit(t) != same[0] for t in kept_brackets(ref, self.county)):
            return None  # 县公安局（交警大队）: not 县公安局; 县农业农村局（县乡村振兴局） is, when 县乡村振兴局 is its alias
        return same[0]

    def _one_unit(self, text: str) -> str | None:
        """The one unit a name is, or is the same body as."""
        r = self.resolve(text)
        if r.ok and not r.is_group:
            return r.name
        same = self.same_body(text) if r.problem == "unknown" else []
        return same[0] if len(same) == 1 else None

    def same_body(self, ref: str) -> list[str]:
        """The units one of whose spellings is the same body as `ref` (body_key): 县发改局 for 通江县发展和改革局."""
        if self._bodies is None:
            self._bodies = {}
            for ent in self._entities:
                if not ent.is_group:
                    for s in self._spellings(ent):
                        if name_key(s):
                            self._bodies.setdefault(body_key(s, self.county), []).append(ent.name)
        hits = self._bodies.get(body_key(ref, self.county))
        if hits is None and (simple := simplified(ref)) != ref:  # 縣財政局: 县财政局 typed in traditional characters
            hits = self._bodies.get(body_key(simple, self.county))
        return list(dict.fromkeys(hits or []))

    def _near_body(self, ref: str) -> list[str]:
        """The units of a body near the one `ref` names (NEAR_BODIES): 县教育局 for 县教体局."""
        level, rest = _level_and_rest(ref, self.county)
        body = _BODY.get(rest)
        if level is None or body is None:
            return []
        return [u for near in _NEAR.get(body, ()) for u in self.same_body(level + near)]

    def _slip_of_body(self, ref: str) -> list[str]:
        """The units of a body one of whose spellings `ref` is one character off (one_off_a_spelling: 县人设局 for
        县人力资源和社会保障局, which _nearest does not find)."""
        level, _rest = _level_and_rest(ref, self.county)
        if level is None:
            return []
        bodies = dict.fromkeys(b for b in _FORMS if one_off_a_spelling(ref, level + b, self.county))
        return list(dict.fromkeys(u for b in bodies for u in self.same_body(level + b)))

    def _without_level(self) -> dict[str, list[str]]:
        """Each unit's spellings without their leading 县/区/市/旗 (财政局 → [县财政局]), made once."""
        table = self.__dict__.get("_bare_table")
        if table is None:
            table = self.__dict__["_bare_table"] = {}
            for e in self._entities:
                if not e.is_group:
                    for k in {name_key(s) for s in self.spellings(e.name)}:
                        if k[:1] and k[:1] in "县区市旗" and e.name not in table.setdefault(k[1:], []):
                            table[k[1:]].append(e.name)
        return table

    def _choices(self, groups_only: bool) -> tuple[dict[str, str], dict[str, str]]:
        """(spelling → the name it spells, spelling → its key) of every group, or of every unit and group:
        made once, not once per unknown name (16,000 units and 300 unknown names took status 14 s)."""
        tables = self.__dict__.setdefault("_choice_tables", {})
        if groups_only not in tables:
            choices: dict[str, str] = {}
            for ent in self._entities:
                if ent.is_group or not groups_only:
                    for s in self._spellings(ent):
                        if name_key(s):  # a blank alias suggests nothing
                            choices.setdefault(s, ent.name)
            tables[groups_only] = (choices, {s: name_key(s) for s in choices})
        return tables[groups_only]

    def _nearest(self, key: str, groups_only: bool, scorer, cutoff: int, limit: int) -> list[str]:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        choices, keyed = self._choices(groups_only)
        hits = process.extract(key, keyed, scorer=scorer, limit=limit * 3, score_cutoff=cutoff)
        # equal scores: fewer characters changed first (县司发局 is a slip of 县司法局, one changed,
        # more than of 县发改局, two; the ratio counts only the characters they share)
        hits.sort(key=lambda h: (-h[1], Levenshtein.distance(key, h[0])))
        names: list[str] = []
        for _, score, spelling in hits:
            if score < hits[0][1] - 15:  # only the close ones: 县财政局 for 县财正局, not every 县…局 besides
                break
            if choices[spelling] not in names:
                names.append(choices[spelling])
        return names

    # -- groups ----------------------------------------------------------

    def _expand(self, ent: _Entity) -> tuple[tuple[str, ...], Problem | None]:
        """A group's units in the order written (a nested group's where it is named; units that
        name the group in their `groups:` after), and "cycle" when a cycle is reachable.
        Depth-first without recursion, each group entered once per expansion, and every nested
        group's own expansion kept as it is finished (unless it lies on a cycle through a group
        above it, which it would then miss): resolving each of a chain of thousands of groups, or
        of groups that all name each other, stays linear (a data file must not be able to
        exhaust the stack or the clock). (Groups on a cycle, a GK205 error, have all their units, in an
        order that may follow which of them was resolved first.)"""
        key = id(ent)
        if key in self._expanded:
            return self._expanded[key]
        depth = {key: 0}  # the groups on the path, by depth
        seen = {key}
        # per group on the path: (entity, its members, its units so far, its problem, the least depth its walk reached)
        stack: list[list] = [[ent, self._members_of(ent), {}, None, 0]]
        while stack:
            frame = stack[-1]
            cur, members, out = frame[0], frame[1], frame[2]
            for unit, sub in members:
                if sub is None:
                    out.setdefault(unit, None)
                    continue
                k = id(sub)
                if k in depth:  # a group above on the path: a cycle through it
                    frame[3] = "cycle"
                    frame[4] = min(frame[4], depth[k])
                elif (done := self._expanded.get(k)) is not None:
                    for u in done[0]:
                        out.setdefault(u, None)
                    frame[3] = frame[3] or done[1]
                elif k in seen:  # met again in this walk (and on a cycle, so not kept): its units are in the walk's
                    frame[4] = 0  # head already, but not in this group's: only the head's expansion is whole
                else:
                    seen.add(k)
                    depth[k] = len(stack)
                    stack.append([sub, self._members_of(sub), {}, None, len(stack)])
                    break
            else:
                stack.pop()
                del depth[id(cur)]
                result = (tuple(out), frame[3])
                if frame[4] >= len(stack):  # its walk reached no group above it: its expansion is whole
                    self._expanded[id(cur)] = result
                if stack:
                    parent = stack[-1]
                    for u in out:
                        parent[2].setdefault(u, None)
                    parent[3] = parent[3] or frame[3]
                    parent[4] = min(parent[4], frame[4])
                else:
                    return result
        raise AssertionError("unreachable")

    def _members_of(self, ent: _Entity) -> Iterator[tuple[str, _Entity | None]]:
        """A group's members as (unit name, None) or ("", subgroup), in order."""
        g: Group = ent.record  # type: ignore[assignment]
        if not isinstance(g.members, list):  # {kind: [...]}
            for u in self.units.values():
                if u.kind in g.members.kind:
                    yield u.name, None
        else:
            for ref in g.members:
                ents = self._lookup(ref)
                if len(ents) != 1:
                    continue  # an unknown or ambiguous member is a lint finding at its own line
                sub = ents[0]
                yield (sub.name, None) if not sub.is_group else ("", sub)
        for m in ent.extra_members:
            yield m, None
