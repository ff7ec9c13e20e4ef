"""Units an imported table names that data/units/ does not have yet, as a units file for the
office to check (`gk import --add-units`): the name as written, a kind guessed from it, a full
name from the county's; a phrase naming many (各乡镇人民政府, 区级各部门) is a group of kinds."""

from __future__ import annotations

import datetime as dt
import re

from ..units import bare_name, body_key, county_in, kept_brackets, known_body, name_key, names_many, near_bodies, one_off_a_spelling
from .yamltext import comment, flow_list, scalar

_GROUP_KINDS = (("乡镇", ["township"]), ("镇", ["township"]), ("乡", ["township"]), ("街道", ["street"]), ("部门", ["department"]),
                ("单位", ["department", "institution"]))
_UNIT_KINDS = (
    # the people's congress, the CPPCC, the courts and the mass organisations (团县委 too: 共青团 is no party
    # department) are none of the government's departments: other (a {kind: [department]} group leaves them out)
    (re.compile(r"人大|政协|法院|检察院|^团.{1,3}委(?:员会)?$|^[县区市旗]团委$|共青团|总工会|工会$|妇联|妇女联合会|残联|残疾人联合会|科协|科学技术协会|"
                r"工商联|工商业联合会|红十字会|文联|侨联"), "other"),
    (re.compile(r"(?:镇|乡)(?:人民政府|政府)?$"), "township"),
    (re.compile(r"街道(?:办事处|办)?$"), "street"),
    (re.compile(r"^(?:[县区市旗])?委|^中共|党委|纪委|宣传部|组织部|统战部|政法委"), "party"),
    # a 议事协调 body or an office inside one (县政府信息公开办, 督查室, 领导小组办公室); the 政府办公室 itself is a
    # department of the government (docs/data.md), and comes under 办公室$ below
    (re.compile(r"(?:领导小组|指挥部|专班)(?:办公室)?$|督查室$|公开办$"), "office"),
    # 生态环境 bodies are the city bureau's branches since 2019 (达州市宣汉生态环境局, 区生态环境分局), as a 分局 of
    # a city bureau is (淮北市生态环境局相山分局)
    (re.compile(r"税务局|气象局|海关|供电|邮政|烟草|人民银行|消防救援|公路局$|生态环境|分局$"), "vertical"),
    (re.compile(r"中心$|馆$|院$|站$|所$|台$|社$|学校$|医院$"), "institution"),
    (re.compile(r"局$|委员会$|委$|办$|办公室$|部$|厅$"), "department"),
)


def kind_of_unit(name: str) -> str:
    bare = bare_name(name)  # 县政府办公室（县大数据发展局）: by the name, not the other one
    for rx, kind in _UNIT_KINDS:
        if rx.search(bare):
            return kind
    return "other"


# 镇（办）, 镇（街）: 镇 and 街道办事处, as Anhui and Guangdong write it (各镇（办）、经开区; 各镇（街）)
_OFFICES = re.compile(r"(?<=[镇乡])[（(](?:办|街)[）)]")


def group_kinds(name: str) -> list[str]:
    """The kinds a phrase for many units covers, as a guess (各乡镇（街道） → township, street)."""
    name = _OFFICES.sub("（街道）", name)
    out: list[str] = []
    for word, kinds in _GROUP_KINDS:
        if word in name:
            out += [k for k in kinds if k not in out]
            if word in ("乡镇", "镇"):  # 乡镇 holds 乡 and 镇: not read twice
                name = name.replace(word, "")
    return out


# the words a phrase for every unit of a kind is made of (县级各部门, 各乡镇人民政府, 街道办事处, 全县各单位): no others
_WHOLE_KIND_WORDS = re.compile(r"各|所有|全|[县区市旗](?:级|直|属)?|直属|人民政府|政府|工作|办事处|部门|单位|机关|乡镇|镇乡|乡|镇|街道|[（）()、，,\s]")


def names_a_whole_kind(name: str) -> bool:
    """Does a phrase for many units name every unit of its kinds (县级各部门, 各乡镇（街道））, not some of them
    (各行政执法部门, 各有关部门: which departments is for the office to say)?"""
    return not _WHOLE_KIND_WORDS.sub("", _OFFICES.sub("（街道）", name))


def render(names: list[str], county: str | None, source: str, today: dt.date, near: dict[str, tuple[str, ...]] | None = None,
           spellings: set[str] | frozenset[str] = frozenset(), same_unit: dict[str, list[str]] | None = None) -> str:
    """A units file of these names (order kept), each a unit or a group, with how to check it. A name
    near a unit the repo has (`near`: 县财正局 → 县财政局) may be a slip, or (`spellings`: 县民宗委 →
    县民族宗教委) that unit written otherwise: written commented out, so that the plan's reference
    stays unknown to gk lint until someone decides. `same_unit`: the other spellings of a name met in the
    same table (诺水河镇人民政府 of 诺水河镇), written as its full name (the one with the county) and aliases."""
    near = near or {}
    same_unit = same_unit or {}
    units, groups = [], []
    for n in names:
        (groups if is_group_name(n) else units).append(n)
    keys = {name_key(n) for n in names}  # a full name that is another entry's name would be one unit twice (GK203)
    out = [
        comment(f"由 gk import --add-units 于 {today} 从“{source}”中未能识别的责任单位生成。请逐个核对："),
        comment("kind（类别）是按名称猜的：department 部门、township 乡镇、street 街道、party 党委部门、office 议事协调机构、"),
        comment("vertical 垂直管理、institution 事业单位、other 其他；同一单位的几种写法只留一个 name，其余写进 aliases；"),
        comment("分组（“各……”）的成员按类别猜，也可改成单位名称的列表。核对后可删去这几行说明，文件可改名。"),
    ]
    if units:
        out.append("units:")
        for n in units:
            others = same_unit.get(n, [])
            if others:
                out.append("  " + comment(f"下面 {'、'.join([n, *others])} 按名称判断是同一单位的几种写法，写成一个单位"
                                          "（带县名的写进 full_name，其余写进 aliases）；不是同一单位时请分开"))
            short = None if others or n in near else _short_of(n, county)  # 云岭县医疗保障局: name 县医疗保障局, full_name as written
            if short and name_key(short) in keys:
                short = None
            entry = [f"  - name: {scalar(short or n)}"]
            full = n if short else next((o for o in others if _with_county(o, county) and bare_name(o) == o), None) or _full_name(n, county)
            if full and (name_key(full) not in keys or full in others or short):
                entry.append(f"    full_name: {scalar(full)}")
            aliases = [o for o in others if o != full]
            if aliases:
                entry.append(f"    aliases: {flow_list(aliases)}")
            entry.append(f"    kind: {kind_of_unit(n)}")
            why = "可能是它的另一种写法（是的话写进它的 aliases）" if n in spellings else "可能是写错了"
            out += _shelved(entry, n, near, f"，{why}；确是另一个单位时")
    if groups:
        out.append("groups:")
        for n in groups:
            # 各乡镇, 县级各部门: every township, every department; 县级行权部门, 各行政执法部门, 各有关部门: some, which?
            kinds = group_kinds(n) if names_many(n) and names_a_whole_kind(n) else []
            entry = [f"  - name: {scalar(n)}",
                     f"    members: {{kind: {flow_list(kinds)}}}" if kinds else "    members: []  # 请填写成员单位的名称"]
            out += _shelved(entry, n, near, "；确是另一个分组时")
    return "\n".join(out) + "\n"


def _shelved(entry: list[str], name: str, near: dict[str, tuple[str, ...]], why: str) -> list[str]:
    """An entry's lines; commented out, with why, when the name is near a known one (a slip, or that
    unit written otherwise): left out until someone decides, and gk lint still reports the name."""
    if name not in near:
        return entry
    return [comment(f"“{name}”与已有的“{'”“'.join(near[name])}”相近{why}去掉下面几行行首的 #"), *("  # " + line[2:] for line in entry)]


# a name for a kind of unit, not one (县政府工作部门, 县级行权部门, 标准目录编制单位): a unit's own name ends
# otherwise (…局, …部, …中心); written as a group whose members are to be filled in
_COLLECTIVE = re.compile(r"(?:部门|单位|机关|机构)$")


def is_group_name(name: str) -> bool:
    """Is this name written as a group in the units file to check (各乡镇人民政府, 县级行权部门)?"""
    return names_many(name) or bool(_COLLECTIVE.search(name))


def _full_name(name: str, county: str | None) -> str | None:
    """区财政局 of 通川区 → 通川区财政局: the short name starts with the county's last character;
    a party body's full name starts with 中共 (县委组织部 → 中共宣汉县委组织部, 县纪委监委 → 中共宣汉县纪委监委).
    None for a short form (县发改局, 县政府办: 通江县发改局 is no one's full name) and when unsure."""
    if county and len(county) > 1 and name.startswith(county[-1]) and len(name) > 2 and not name.startswith("市场"):  # 万源市's 市场监管局
        if abbreviated(name) or name.endswith("办"):  # …办 is short for …办公室 (县委保密办, 县政府信息公开办)
            return None
        if name[1:] == "团委":  # 县团委 is 团县委: 共青团平昌县委
            return f"共青团{county}委"
        if name[1:] == "税务局":  # a vertical body, named by its head office
            return f"国家税务总局{county}税务局"
        full = county + name[1:]
        return "中共" + full if (name[1:2] == "委" or name[1:3] == "纪委") and kind_of_unit(name) == "party" else full
    return None


def abbreviated(name: str) -> bool:
    """Is the name a short form of a standard body's (units.BODIES: 县发改局, 县政府办, 县人社局, 县委编办, 县法院),
    shorter than its standard name by more than a joining word (县发展改革局 is a full name too)?"""
    key = name_key(bare_name(name))
    standard = body_key(key)
    return len(standard) - len(key) > 1 and known_body(key)


SAME_UNIT = 80  # rapidfuzz ratio of an unknown name to a known unit's: likely the same unit written otherwise


# a person (李副县长, 王常务副县长, 县政府办主任): no unit, whatever column the name came from
_PERSON = re.compile(r"(?:县长|区长|市长|旗长|州长|书记|主任|部长|局长|镇长|乡长|同志|领导)$")
# a note in brackets after a name (县财政局（2024年6月底前）, 县教育局（含各中小学校）): the cell's reader cuts it; never a name
_NOTE_IN_NAME = re.compile(r"[（(][^（）()]*(?:\d+\s*(?:年|月|日|次|个|天|季度|工作日)|每年|每季|每月|底前|日前|长期|持续)[^（）()]*[）)]|[（(](?:含|包括)|[（(]\s*(?:责任人|联系人|负责人|经办人|联络员|分管领导|牵头领导|责任领导)")


# the commonest surnames: a name of two or three Han characters led by one, ending as no unit does (李华, 王五, 欧阳明
# is rarer and not guessed), is a person's (a 牵头责任人 column read as units, a name in a units cell)
_SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
                      "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_NO_PERSON_CHARS = re.compile(r"[镇乡村委联协会局办院部所站队厅社司处科室组团校馆台网厂场行区县市州省旗街业警融矿税检审邮铁储]")
# words of a body or a trade that begin with a surname's character (石油 is 石, 高中 is 高): never a person
_ORG_WORDS = frozenset({"石油", "武警", "金融", "林业", "高中", "初中", "高新", "金库", "石化", "江河", "黄河", "马场", "方志", "史志"})


def looks_like_person(name: str) -> bool:
    """Is the name a person's (李华, 王五): two or three Han characters, a common surname first, no character a unit's
    name ends or is made with (团委, 妇联, 甲镇, 文联 are units)?"""
    bare = bare_name(name).strip()
    return (bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", bare)) and bare[0] in _SURNAMES and not _NO_PERSON_CHARS.search(bare[1:])
            and bare not in _ORG_WORDS)


def not_a_unit(name: str) -> str | None:
    """Why a name is no unit to write into the units file to check (a person, a note in brackets, a number), or None."""
    if _PERSON.search(bare_name(name)) and not re.search(r"(?:办公室|办|委员会|委)$", bare_name(name)):
        return "是人（领导职务），不是单位"
    if looks_like_person(name):
        return "像是人名，不是单位（确是单位的，请手工写进单位名单）"
    if not re.search(r"[^\W\d_]", name):  # 1, 2., （3）: a count or a number, no name
        return "只有数字或符号，不是单位名称"
    if _NOTE_IN_NAME.search(name):
        return "括号中是时限或说明，不是名称"
    return None


def sort_names(unresolved: list, county: str | None = None) -> tuple[list[str], dict[str, tuple[str, ...]], dict[str, str], set[str], dict[str, list[str]], dict[str, str]]:  # type: ignore[type-arg]
    """The unknown names of an import (its unresolved references), sorted for the units file to check:
    (the names to write, one per unit; of them the slips and spellings of known units, each with the names
    it is near, written commented out; names with a space inside, not written; the spellings; for a name, the
    other spellings of the same unit the import met, to be written as its aliases; names that are no unit's
    (not_a_unit: a person, a note in brackets), not written, with why).
    Spellings of one unit are told by units.body_key: 诺水河镇 and 诺水河镇人民政府, 县发改局 and 通江县发展和改革局."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    seen: dict[str, str] = {}  # one unit per matching key: 县医保局 and 县医保局 with a space are one name
    count: dict[str, int] = {}
    slips: dict[str, tuple[str, ...]] = {}
    spaced: dict[str, str] = {}
    spellings: set[str] = set()
    odd: dict[str, str] = {}  # no unit's names: a person, a note in brackets (not_a_unit), with why
    for u in unresolved:
        if u.problem == "unknown" and (why := not_a_unit(u.written)):
            odd.setdefault(u.written, why)
        elif u.problem == "unknown" and len(u.written.split()) > 1 and name_key(u.written) not in seen:
            # 县民族宗教委 某某单位: two names in one, or a stray space; no unit is named so
            spaced.setdefault(name_key(u.written), u.written)
        elif u.problem == "unknown":
            first = seen.setdefault(name_key(u.written), u.written)
            count[first] = count.get(first, 0) + 1
            # one character off a known unit (县财正局 ~ 县财政局) is likely a slip, and a name close to one
            # (县民宗委 ~ 县民族宗教委, 石柱县规划自然资源局 ~ 县规划自然资源局) or the same body (县人社局 ~
            # 县人力资源和社会保障局) likely its other spelling (an alias): written commented out, so that no
            # unit is there twice. The candidates are Resolver.suggest's: 县公安局 is no 县财政局.
            cands = [c for c in u.candidates if not near_bodies(first, c, county)]  # 县教体局 is no 县教育局: a unit of its own
            same = tuple(c for c in cands if body_key(c, county) == body_key(first, county)
                         and not kept_brackets(first, county))  # 县公安局（交警大队） is no spelling of 县公安局
            near = tuple(c for c in cands if c not in same and (len(c) == len(first)
                         and Levenshtein.distance(name_key(c), name_key(first)) <= 1 or one_off_a_spelling(first, c, county)))
            like = tuple(c for c in cands if c not in near and c not in same and fuzz.ratio(name_key(c), name_key(first)) >= SAME_UNIT)
            if (same or near or like) and not names_many(first):
                slips.setdefault(first, same + near + like)
                if not near:
                    spellings.add(first)
    spaced = {k: w for k, w in spaced.items() if k not in seen}  # 县 医保局 beside 县医保局: that one is written
    # new names that are one unit written several ways: one name, the others its aliases
    bodies: dict[tuple[str, str, bool], list[str]] = {}
    for n in seen.values():
        if n not in slips and not is_group_name(n):
            bodies.setdefault(_unit_key(n, county, seen), []).append(n)
    same_unit: dict[str, list[str]] = {}
    one_of: dict[str, str] = {}
    for group in bodies.values():
        if len(group) > 1:
            # the name is the short one a document writes (县发改局, 诺水河镇), not a full name or one with brackets
            best = min(group, key=lambda n: (_with_county(n, county), "（" in n or "(" in n, -count[n], len(n)))
            same_unit[best] = [n for n in group if n != best]
            one_of.update((n, best) for n in group)
    names = [one_of.get(n, n) for n in seen.values()]  # (in the place the unit was first met)
    return list(dict.fromkeys(names)), slips, spaced, spellings, same_unit, odd


_BRACKETS = re.compile(r"[（(]([^（）()]*)[）)]")


def _unit_key(name: str, county: str | None, met: dict[str, str] | None = None) -> tuple[str, str, bool]:
    """What tells new names apart as units (sort_names): the body (units.body_key), what the brackets say
    when it is no other name of the unit but a part of it (县公安局（交警大队） is not 县公安局（治安大队）, nor
    县公安局) or a unit the import names too (县农业农村局（县乡村振兴局） beside 县乡村振兴局), and whether it is an
    institution (县机关事务服务中心 is not 县机关事务管理局)."""
    parts = [p for p in (name_key(b).removeprefix("中共") for b in _BRACKETS.findall(name))
             if p and (p[0] not in "县区市旗" and county_in(p) is None  # not （县政府信息公开办）: the unit's other name
                       or p in (met or {}))]
    return body_key(name, county), "、".join(parts), kind_of_unit(name) == "institution"


def _short_of(name: str, county: str | None) -> str | None:
    """The short name of a name written with the county (云岭县医疗保障局 → 县医疗保障局, 中共云岭县委组织部 → 县委组织部), as
    the units' files write it (name short, full_name with the county): a later plan's 县医疗保障局 is then known. None
    when the name is not written so (or is the county's name alone, or has brackets)."""
    if not county or len(county) < 2 or county[-1] not in "县区市旗" or "（" in name or "(" in name:
        return None
    key = name.strip().removeprefix("中共")
    if not key.startswith(county) or len(key) <= len(county) + 1:
        return None
    rest = key[len(county):]
    # a township, street or village is named without the county and the 人民政府/办事处 after it
    # (宣汉县江口镇人民政府 → 江口镇, as the units' files write 南坝镇), never 县江口镇人民政府
    local = re.sub(r"(?<=[镇乡])人民政府$|(?<=街道)办事处$", "", rest)
    if re.fullmatch(r".+(?:镇|乡|街道|村|社区)", local):
        return local
    return county[-1] + rest


def _with_county(name: str, county: str | None) -> bool:
    """Is the name written with its county (通江县发展和改革局, 中共通江县委宣传部): a full name?"""
    key = name_key(name).removeprefix("中共")
    return bool(county and key.startswith(name_key(county))) or county_in(key) is not None


def written_for(name: str, added: list[str], slips: dict[str, tuple[str, ...]], same_unit: dict[str, list[str]] | None = None) -> bool:
    """Is a written name now a unit of the units file, or an alias of one (not one of its commented-out slips)?"""
    key = name_key(name)
    also = [a for n in added for a in (same_unit or {}).get(n, [])]
    return any(name_key(n) == key and n not in slips for n in [*added, *also])
