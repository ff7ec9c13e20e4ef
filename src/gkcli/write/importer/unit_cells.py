"""A 责任单位 cell as references: split on 、，；。 and line breaks, role words and labels
(牵头, 配合单位：…) cut and kept as the lead order, each name resolved by the one Resolver."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ...units import ends_as_unit, is_kind_word

_SEP = re.compile(r"(\s*[、，,；;。/／\n]+\s*)")  # (。 ends a clause: 牵头单位：县政府办。配合单位：县财政局)
_LABEL = re.compile(r"^(?:牵头单位|责任单位|配合单位|协办单位|牵头部门|责任部门|配合部门|主责单位|主责部门|协同单位|牵头|配合|责任|主责)\s*[:：]\s*")
# what a unit does, written after its name: cut, the role kept. A mark in brackets is that unit's own
# (县财政局、县审计局（牵头）: 县审计局 leads); a verb is the clause's, every unit before it since the last
# ，or ； (县政府办、县财政局牵头，县审计局配合: both lead). 县政协办 is a unit, not 县政 协办.
_LEAD_BRACKET = re.compile(r"\s*[（(]\s*(?:牵头|牵头单位|牵头部门)\s*[）)]\s*$")
_LEAD_WORD = re.compile(r"(?:为|作为|是)?(?:共同|联合|负责)?牵头(?:单位|部门)?$")
_CO_BRACKET = re.compile(r"\s*[（(]\s*(?:配合|协办|参与|协助)(?:单位|部门)?\s*[）)]\s*$")
_CO_WORD = re.compile(r"(?:为|作为|是)?(?:配合|(?<!政)协办|参与|协助|协同)(?:单位|部门)?$")
# a duty with no rank (县政府办督促指导，各乡镇具体落实; 县政府办牵头负责): cut, the unit is responsible
_DUTY_WORD = re.compile(r"(?:督促指导|指导督促|统筹指导|业务指导|指导|督促|统筹|具体实施|组织实施|负责实施|具体落实|抓好落实|负责落实|"
                        r"具体负责|负总责|负责|抓总|落实|实施)$")
# notes, no units: （详见附件）, （排第一位的为牵头单位，下同）; a bare （牵头单位） marks the lead (_LEAD_BRACKET)
# how a duty is done, written before its verb (区财政局按职能分工落实, 潍坊银监分局分别牵头落实): cut with it
_HOW = re.compile(r"(?:按职能职责|按职能分工|按职责分工|按职能|按职责|依职责|根据职责|分别|各自|共同|具体)$")
_ANNEX = re.compile(r"\s*[（(](?!\s*牵头(?:单位|部门)?\s*[）)])[^（）()]*(?:附件|下同|牵头单位|牵头部门)[^（）()]*[）)]\s*")
_TAIL = re.compile(r"^(.*?)((?:等|及其他|以及其他)[^、，,；;]*)$")
_TAIL_WORDS = ("部门", "单位", "机构", "乡镇", "街道", "有关", "相关", "各", "成员", "主体")


@dataclass
class Ref:
    written: str  # as split from the cell
    name: str  # what goes into the plan (canonical when resolved)
    problem: str | None  # None, "unknown", "ambiguous"
    candidates: tuple[str, ...] = ()


@dataclass
class UnitCell:
    refs: list[Ref]
    others: list[str]
    notes: list[tuple[str, str]] = field(default_factory=list)  # (the name, what its brackets said): 县财政局（2024年6月底前）


# what a bracket after a name says about the unit's part, no part of its name: a deadline or a time (2024年6月底前,
# 每年至少1次, 长期), what it takes in (含各中小学校, 包括…), what it does (负责汇总). 县公安局（交警大队）, 县政府办公室（县大数据发展局） are names.
_NOTE_BRACKET = re.compile(r"[（(]\s*((?:含|包括|包含|其中|每|按|于|限|需|须|在|截至|截止|长期|持续|常态|及时|适时|年底|年内|负责(?!人))[^（）()]*"
                           r"|[^（）()]*(?:\d+\s*(?:年|月|日|号|次|个|天|周|项|季度|工作日|%|％)|\d{4}\s*[-./]|[一二三四五六七八九十]季度|"
                           r"月底|年底|底前|日前|月前|以前|之前|前完成|工作日)[^（）()]*)[）)]")  # (not 县公安局（110指挥中心）)


_DUTY = re.compile(r"\s*[（(]?(?:(?:按职责分工|按职能职责|按职责)(?:负责|抓好落实|具体落实|负责落实|落实|组织实施|实施|推进)?|分别负责)[）)]?"
                   r"\s*(?=[、，,；;/／\n]|$)")  # 各部门按职责分工落实: 各部门
_INNER_LABEL = re.compile(r"\s+(?=(?:牵头|配合|协办|责任|主责)(?:单位|部门)?[:：])")  # 牵头：甲 配合：乙


def _split(text: str) -> list[str]:
    """The cell split as _SEP.split does (names and separators in turn), never inside a pair of brackets:
    县财政局（县国资委、县金融监管局） is one name (a bracket left open splits as before)."""
    inside: set[int] = set()
    opened: list[int] = []
    for k, c in enumerate(text):
        if c in "（(":
            opened.append(k)
        elif c in "）)" and opened:
            inside.update(range(opened.pop() + 1, k))
    out, start = [], 0
    for m in _SEP.finditer(text):
        if m.start() not in inside:
            out += [text[start:m.start()], m[1]]
            start = m.end()
    return [*out, text[start:]]


def _joined_lines(pieces: list[str], resolver) -> list[str]:
    """_split's pieces with a name broken over two lines of a cell joined: 县住房和城乡⏎建设局, 县发展和⏎改革局
    (a piece that ends as no unit does, whose joining does; or a bare kind word: …委员会⏎办公室). Never after a
    role or a joiner (县政府办牵头⏎县财政局), nor before a name of its own (县…, 各…, 中共…)."""
    out = pieces[:1]
    for sep, piece in zip(pieces[1::2], pieces[2::2]):
        head = out[-1]
        if sep.strip() or not head or not piece or not _broken(head, piece, resolver):
            out += [sep, piece]
        else:
            out[-1] = head + piece
    return out


def _broken(head: str, tail: str, resolver) -> bool:
    if _SEAT.fullmatch(tail) and re.search(r"(?:镇|乡|街道)$", head):  # 城关镇⏎人民政府: the township's own seat, one name
        return True
    if resolver.resolve(tail).problem != "unknown" or resolver.resolve(head).problem != "unknown":
        return False
    if is_kind_word(tail):
        return True
    return (not ends_as_unit(head) and _roles(head, resolver)[0] == head and not _JOINED_AT_END.search(head)
            and not _NAME_START.match(tail) and ends_as_unit(head + tail))


_SEAT = re.compile(r"(?:人民)?政府|(?:街道)?办事处")
_JOINED_AT_END = re.compile(r"(?:等|及|以及|会同|[:：])$")
_NAME_START = re.compile(r"[县区市旗各由]|中共|国网|(?:牵头|配合|协办|责任|主责)(?:单位|部门)?\s*[:：]")


def _with_kind_words(words: list[str]) -> list[str]:
    """Words of a cell with a kind word (办公室, 中心…) joined to the word before it: 县财政局 县人民政府 办公室
    is 县财政局 and 县人民政府 办公室 (one name with a stray space), not three."""
    out: list[str] = []
    for w in words:
        if out and is_kind_word(w):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def split_units(text: str, resolver) -> UnitCell:
    """One 责任单位 cell → references (lead first) and open-ended tails."""
    text = _ANNEX.sub("", unicodedata.normalize("NFC", text)).strip()
    text = _INNER_LABEL.sub("；", _DUTY.sub("", text))
    text, notes = _cut_notes(text, resolver)
    pieces = _joined_lines(_split(text), resolver)
    parts: list[str] = []
    seps: list[str] = []
    for k, piece in enumerate(pieces[0::2]):
        words = _with_kind_words(piece.split())
        if len(words) > 1 and resolver.resolve(piece).problem == "unknown" and all(
            resolver.resolve(w).problem != "unknown" or ends_as_unit(w) for w in words
        ):  # 县财政局 县审计局, 县民族宗教委&nbsp;&nbsp;县委统战部: spaces used as separators (but 县 医保局,
            # 县发展 改革委 are one name with a stray space: a piece that ends as no unit does is no unit)
            for w in words[:-1]:
                parts.append(w)
                seps.append(" ")
            piece = words[-1]
        subs = _presplit(piece) if resolver.resolve(piece).problem == "unknown" else [piece]
        for sub in subs[:-1]:
            parts.append(sub)
            seps.append("")
        parts.append(subs[-1])
        if k < len(pieces[1::2]):
            seps.append(pieces[1::2][k])
    clause = [0]  # each part's clause: a new one after ，or ；(or a line break), not after 、
    for sep in seps:
        clause.append(clause[-1] + (1 if re.search(r"[，,；;。]", sep) or ("\n" in sep and not re.search(r"[、/／]", sep)) else 0))
    found: list[tuple[Ref, int, str | None, str]] = []  # (reference, clause, lead mark: "one", "clause" or None, co word)
    lead_clauses: set[int] = set()
    label_roles: dict[int, str] = {}
    others: list[str] = []
    i = 0
    while i < len(parts):
        # the longest run of parts that names one unit or group (各乡镇人民政府、街道办事处)
        taken = 1
        for j in range(len(parts), i + 1, -1):
            joined = "".join(p + (seps[k] if k < j - 1 else "") for k, p in enumerate(parts[i:j], i))
            # 各乡镇人民政府、街道办事处等: the group (a name with a 、 in it), then 等
            tail = _TAIL.match(joined.strip()) if j - i > 1 else None
            if resolver.resolve(joined.strip()).problem != "unknown" or (
                    tail is not None and "\n" not in tail[2] and _SEP.search(tail[1].strip())
                    and resolver.resolve(tail[1].strip()).problem != "unknown"):
                parts[i] = joined.strip()
                taken = j - i
                break
        else:
            if i + 1 < len(parts) and _one_phrase(parts[i], seps[i], parts[i + 1], resolver):
                parts[i] += seps[i].strip() + parts[i + 1]  # 各乡镇人民政府、街道办事处: one group (DESIGN), not two
                taken = 2
        here, start = clause[i], i
        if label := _LABEL.match(parts[i].strip()):  # 配合单位：县财政局；牵头单位：县政府办 — the label is the clause's role
            role = "lead" if label[0].startswith(("牵头", "主责")) else "co" if label[0].startswith(("配合", "协办", "协同")) else None
            if role:
                label_roles[here] = role
        part = _LABEL.sub("", parts[i].strip()).strip()
        i += taken
        if not part:
            continue
        part, lead, co = _roles(part, resolver)
        if lead == "clause":
            lead_clauses.add(here)
        if not part:
            continue
        ref, tail = _one(part, resolver, after_unit=start > 0 and seps[start - 1] == "")
        if ref is not None and ref.problem == "unknown" and found:  # 区发展改革局、市场监管局: 区 written once for both
            ref = _level_of(found[0][0], part, resolver) or ref
        if tail == "等" and co:  # 县公安局等配合: the open tail as written (等配合), not a bare 等
            tail += co
        if tail:
            others.append(tail)
        if ref is not None:
            found.append((ref, here, lead, co))
    # the lead units first, each group in the order written (县政府办、县财政局牵头 → 县政府办, 县财政局).
    # A unit with its own 配合/协助/参与 mark never leads; in a clause that has one (县财政局配合、县审计局、
    # 县政府办牵头) the lead verb is only the unit's it is written after, not the list's.
    found = [(r, c, "one" if label_roles.get(c) == "lead" and not co else lead,
              co or ("配合" if label_roles.get(c) == "co" else "")) for r, c, lead, co in found]
    co_clauses = {c for _r, c, _lead, co in found if co}
    leads = [r for r, c, lead, co in found
             if not co and (lead == "one" or (c in lead_clauses and (c not in co_clauses or lead == "clause")))]
    out: list[Ref] = []
    for r in [*leads, *(r for r, _c, _lead, _co in found)]:
        if all(r.name != o.name for o in out):
            out.append(r)
    return UnitCell(out, others, notes)


def _one_phrase(many: str, sep: str, kind: str, resolver) -> bool:
    """Is `many`, `sep`, `kind` one phrase for many units that no group is yet: 各乡镇人民政府、街道办事处 (a bare kind
    word after a 各… phrase and a 、 adds its kind to the group, it names no unit of its own)?"""
    return (sep.strip() == "、" and many.strip().startswith("各") and _BARE_KIND.fullmatch(kind.strip()) is not None
            and resolver.resolve(many.strip()).problem == "unknown" and resolver.resolve(kind.strip()).problem == "unknown")


_BARE_KIND = re.compile(r"街道办事处|街道办|街道|社区|村|居委会|村（居）委会|村\(居\)委会")


def _cut_notes(text: str, resolver) -> tuple[str, list[tuple[str, str]]]:
    """The cell without the notes in brackets after its names (县财政局（2024年6月底前）、县教育局（含各中小学校、幼儿园））,
    and those notes with the names they follow: the name alone is the unit (a unit gk knows keeps its name whole)."""
    notes: list[tuple[str, str]] = []

    def cut(m: re.Match) -> str:
        before = re.split(r"[、，,；;。\n]", text[:m.start()])[-1].strip()
        if not before or resolver.resolve(before + m.group()).problem != "unknown":
            return m.group()
        notes.append((_LABEL.sub("", before), m[1].strip()))
        return ""

    text = _NOTE_BRACKET.sub(cut, text)

    def person(m: re.Match) -> str:  # 县教育局（责任人：王五）, 县财政局（李华）: who answers for it, no part of the unit's name
        from ..new_units import looks_like_person

        inner = m[1].strip()
        if not (_PERSON_LABEL.match(inner) or _PERSON_END.search(inner) or looks_like_person(inner)):
            return m.group()
        return cut(m)

    return _ANY_BRACKET.sub(person, text), notes


_ANY_BRACKET = re.compile(r"[（(]([^（）()]*)[）)]")
_PERSON_LABEL = re.compile(r"(?:责任人|联系人|负责人|经办人|联络员|分管领导|牵头领导|责任领导|分管县领导|包联领导|领导)\s*[:：]?")
_PERSON_END = re.compile(r"(?:县长|区长|市长|旗长|书记|主任|局长|部长|同志)$")


def _roles(part: str, resolver) -> tuple[str, str | None, str]:
    """A part without the role words written after the unit (牵头, 共同牵头, （牵头）, 配合, 为配合单位,
    协助, 督促指导, 具体落实, 负责…): (the part, "one" for a bracketed lead mark and "clause" for a lead
    verb or None, the co-operation word cut). A name gk knows is never cut."""
    lead: str | None = None
    co = ""
    duty = False
    while part and resolver.resolve(part).problem == "unknown":
        for rx, role in ((_LEAD_BRACKET, "one"), (_CO_BRACKET, "co"), (_LEAD_WORD, "clause"), (_CO_WORD, "co"), (_DUTY_WORD, None),
                         (_HOW, "how")):
            m = rx.search(part)
            if m and m.start() > 0 and (role != "how" or lead or co or duty):  # (how it is done: only before a role word cut)
                word = re.sub(r"[\s（()）]|^(?:为|作为|是)|(?:单位|部门)$", "", m.group())
                part = part[:m.start()].strip()
                if role == "how":
                    pass
                elif role == "co":
                    co = co or word
                elif role is not None:
                    lead = lead or role
                else:
                    duty = True
                break
        else:
            break
    if part.startswith("由") and resolver.resolve(part).problem == "unknown" and (
            lead or co or duty or resolver.resolve(part[1:]).problem != "unknown"
            or part.startswith(("由县", "由区", "由市")) and ends_as_unit(part[1:])):  # 由县财政局牵头, 由…负责, 由县政府办会同…
        part = part[1:]
    return part, lead, co


_JOINERS = re.compile(r"以及|及|等|会同")  # 县政府办会同县财政局: two units
_MANY_AFTER = re.compile(r"各|其他|其它|有关|相关|所属|下属")  # 及各乡镇, 及其他有关单位: what follows 及 is a tail
_TOWNSHIPS = re.compile(r"^各(?:乡镇|镇乡|乡|镇|街道|村)")


def _presplit(piece: str) -> list[str]:
    """Cut before 及/以及 and before an open-ended 等… tail: 县审计局等县级有关部门 →
    县审计局 | 等县级有关部门. The caller joins pieces back when the whole resolves."""
    out: list[str] = []
    start = 0
    for m in _JOINERS.finditer(piece):
        k = m.start()
        if k <= start:
            continue
        if m.group() == "等" and not any(w in piece[k:] for w in _TAIL_WORDS):
            continue
        if m.group() != "等" and not ends_as_unit(piece[start:k]) and not _MANY_AFTER.match(piece, m.end()):
            continue  # 及 inside a name (涉及的县级部门, 县科普及推广中心): only a unit's name or 及各…/及其他… is cut
        out.append(piece[start:k])
        start = k
    out.append(piece[start:])
    return [p for p in out if p] or [piece]


def _one(part: str, resolver, after_unit: bool = False) -> tuple[Ref | None, str | None]:
    """A part → its reference and open tail. `after_unit`: the part was cut from a unit's name before
    it (县政府办|会同县财政局): only then is a 会同 at its start a joiner (会同县教育局 is 会同县's)."""
    r = resolver.resolve(part)
    if r.problem != "unknown":
        return _ref(part, r), None
    duty = re.sub(r"\s*[（(]?(?:牵头)?负总?责[）)]?$", "", part).strip()
    if duty != part and duty:  # 县财政局负责, 县财政局（负责）, 县审计局等负责
        return _one(duty, resolver, after_unit)
    if part.startswith("会同") and not after_unit:
        return _ref(part, r), None
    m = _TAIL.match(part)
    if m and (any(w in m.group(2) for w in _TAIL_WORDS) or m.group(2) == "等"):  # 县医保局等: an open list
        head, tail = m.group(1).strip(), m.group(2).strip()
        if not head:
            after = tail[1:].strip() if tail.startswith("等") else ""
            if after.startswith("各") and (ra := resolver.resolve(after)).problem != "unknown":
                # 县政府办等各乡镇（街道）(a 、 left out): 各… names a group to name; 等具有行政执法主体资格的部门 stays the
                # open tail it is written as, even where a group has it for an alias
                return _ref(after, ra), "等"
            return None, tail
        return _ref(head, resolver.resolve(head)), tail
    if part.startswith(("及", "以及", "和", "会同")):
        bare = re.sub(r"^(以及|及|和|会同)", "", part).strip()
        rb = resolver.resolve(bare)
        if rb.problem != "unknown" or _TOWNSHIPS.match(bare) or (ends_as_unit(bare) and not _MANY_AFTER.match(bare)):
            # 及各乡镇: units to name (a group); 及县住建局: a unit not known yet; not an open tail
            return _ref(bare, rb), None
        return None, bare if part.startswith("会同") else part  # 及有关部门 as written; 会同 is a verb, no part of the tail
    return _ref(part, r), None


def _level_of(first: Ref, part: str, resolver) -> Ref | None:
    """A name written without the level the cell's first name has (区发展改革局、科技工业商务信息化局、市场监管局:
    区 once for all), when with it the name is a unit gk knows; None otherwise (a guess is never made)."""
    level = first.written[:1]
    if level not in "县区市旗" or part.startswith(level):
        return None
    r = resolver.resolve(level + part)
    return _ref(part, r) if r.problem is None and r.name else None


def _ref(written: str, r) -> Ref:
    if r.problem in (None, "empty", "cycle") and r.name:
        return Ref(written, r.name, None)
    return Ref(written, written, r.problem, tuple(r.candidates))
